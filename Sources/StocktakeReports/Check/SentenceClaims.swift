import Foundation
import StocktakeCore

/// The claims of one sentence, read from its figures and the words between them, and checked. Every comparison
/// allows for the rounding each figure was printed with: a figure printed with d decimals stands for a range of
/// half a unit in its last place either side, and a claim is refuted only when no value in the ranges of its
/// inputs gives a value in the range of the figure printed for it.
struct SentenceClaims {
    let text: ScalarText
    let lexicon: Lexicon
    let range: Range<Int>
    let figures: [ReadFigure]
    /// The figures of the paragraph before the sentence: the bases a share may name earlier.
    var earlier: [ReadFigure] = []
    let format: FigureFormatter

    /// How far apart (in scalars) figures may be for a claim to join them.
    static let near = 60

    /// Every claim of the sentence that its own figures can check, each with its finding when they refute it.
    func arithmetic() -> [ReadClaim] {
        let claims = dates() + fractions() + ranks() + achievements() + growth() + breakdowns() + breakdownOfPreviousSentence()
            + yearCounts() + differences()
        let shares = sharesOfEarlierBases(besides: claims)
        return claims + shares + nearMisses(besides: claims + shares)
    }

    // MARK: - Differences of percentages

    /// "GRDP tăng 9,46%, cao hơn 0,66 điểm % so với kịch bản (8,80%)": a percentage, a comparative and a
    /// difference, then the percentage compared with. A difference in points is P1 − P0; one printed with a
    /// percent sign may be in points or relative (P1 ÷ P0 − 1), and is refuted only when it is neither. Several
    /// differences may compare one percentage in turn ("86,25 %, thấp hơn 5,25 % so với … (91,5 %) và thấp hơn
    /// 5,75 % so với … (92 %)"); the percentage compared with may follow a year or a date ("so với cùng kỳ năm
    /// 2022 (cùng kỳ tăng 10,28%)").
    func differences() -> [ReadClaim] {
        var claims: [ReadClaim] = []
        // The percentage the differences so far compare, and the last figure of their chain.
        var chain: (subject: Int, end: Int)?
        for d in figures.indices.dropFirst() where figures[d].isPoints || figures[d].kind == .percent {
            var before = gap(d - 1, d)
            let later: Int
            if let chain, chain.end == figures[..<d].indices.last(where: { !figures[$0].isCalendar }) {
                // "… so với tốc độ tăng cùng kỳ; cao hơn 0,66 điểm %": the comparative after the last clause's end.
                later = chain.subject
                if let end = text.scalars[before].lastIndex(where: { [";", "؛", ","].contains($0) }) { before = (end + 1)..<before.upperBound }
            } else if figures[d - 1].kind == .percent, !figures[d - 1].isPoints, !contains([";", "؛", ":"], before) {
                later = d - 1
            } else {
                continue
            }
            // The comparative before the difference, or right after it ("un 2,12% más que …").
            let after = head(gap(after: d), 12)
            let rising = has(lexicon.up + lexicon.exceed, before) || has(lexicon.up + lexicon.exceed, after)
            let falling = has(lexicon.down, before) || has(lexicon.down, after)
            guard rising != falling, before.count <= 30, has(lexicon.compared + lexicon.than, head(gap(after: d), 25)) else { continue }
            chain = (later, d)
            // The percentage compared with: the next one, past years and dates only, in the same clause.
            guard let e = figures[(d + 1)...].indices.first(where: { !figures[$0].isCalendar }),
                  figures[e].kind == .percent, !figures[e].isPoints, gap(d, e).count <= 110,
                  !contains([";", "؛", ":", ","], gap(d, e)) else { continue }
            chain = (later, e)
            let (difference, earlier) = (figures[d], figures[e])
            let points = rising ? (figures[later].interval.lowerBound - earlier.interval.upperBound)...(figures[later].interval.upperBound - earlier.interval.lowerBound)
                : (earlier.interval.lowerBound - figures[later].interval.upperBound)...(earlier.interval.upperBound - figures[later].interval.lowerBound)
            var holds = Self.overlaps(points, difference.interval)
            if !holds, !difference.isPoints, let ratio = Self.ratio(figures[later].interval, earlier.interval) {
                holds = Self.overlaps(rising ? (ratio.lowerBound - 100)...(ratio.upperBound - 100) : (100 - ratio.upperBound)...(100 - ratio.lowerBound), difference.interval)
            }
            let midpoint = rising ? figures[later].value - earlier.value : earlier.value - figures[later].value
            claims.append(claim(.difference, difference.span, .medium, refuted: holds ? nil
                : ("\(quote(difference)) as the difference of \(quote(figures[later])) and \(quote(earlier))",
                   "\(quote(figures[later])) is \(format.number(abs(midpoint), decimals: difference.decimals + 1)) points \(midpoint < 0 ? "away from" : rising ? "above" : "below") \(quote(earlier))"),
                inputs: [figures[later], difference, earlier]))
        }
        return claims
    }

    // MARK: - Shares of a base named earlier

    /// "… 282,8 millones de dólares, equivalentes a un 38,7 por ciento del total": an amount, words that make the
    /// percentage after it its share, and a base that is one of the larger amounts of the same scale printed
    /// earlier in the sentence or paragraph. Which one is a guess: the claim holds when one gives the percentage,
    /// and is a low-confidence finding when none does.
    func sharesOfEarlierBases(besides claims: [ReadClaim]) -> [ReadClaim] {
        let claimed = SpanCover(claims.map(\.span))
        return figures.indices.dropFirst().compactMap { p -> ReadClaim? in
            let a = p - 1, share = figures[p], part = figures[a]
            guard share.kind == .percent, !claimed.covers(share.span) else { return nil }
            if let read = shareOfWhich(p) { return read }
            guard part.isAmount, part.value > 0 else { return nil }
            let between = gap(a, p)
            guard between.count <= 40, text.ends(with: lexicon.shareWords, in: between),
                  !has(lexicon.up + lexicon.down + lexicon.compared + lexicon.target + lexicon.exceed, between),
                  !has(lexicon.target, head(gap(after: p), 25)) else { return nil }
            let bases = (earlier + figures[max(0, a - 40)..<a]).filter { $0.isAmount && ($0.exponent == part.exponent || $0.exponent * part.exponent > 0) && $0.value > part.value }
            guard !bases.isEmpty else { return nil }
            if bases.contains(where: { base in Self.ratio(part.interval, base.interval).map { Self.overlaps($0, share.interval) } ?? false }) {
                return claim(.share, share.span, .low, refuted: nil)
            }
            let nearest = bases.last!
            return claim(.share, share.span, .low, refuted: ("\(quote(share)) as the share of \(quote(part)) in an amount printed before it",
                                                             "no amount before it gives \(quote(share)); \(quote(part)) of \(text.string(nearest.span)) is \(percent(part.value * 100 / nearest.value, like: share))"),
                         inputs: [part, share])
        }
    }

    /// "… kỷ luật 57 đảng viên …; trong đó, có 17 cấp ủy viên, chiếm 29,82%": the part is the first figure of a clause
    /// that opens with "of which", its one share follows words that make it a part of a whole ("chiếm", "accounting
    /// for"), perhaps after its own rates of change, and the whole is the last larger amount before "of which". Read
    /// so, the base is not a guess.
    func shareOfWhich(_ p: Int) -> ReadClaim? {
        guard text.ends(with: lexicon.partOfWhole, in: gap(p - 1, p)),
              let a = figures[..<p].indices.last(where: { figures[$0].isAmount }), p - a <= 3,
              figures[(a + 1)..<p].allSatisfy({ $0.kind == .percent }), figures[a].value > 0 else { return nil }
        let (part, share) = (figures[a], figures[p])
        let opening = gap(before: a)
        guard let start = opening.last(where: { text.word(from: lexicon.ofWhich, at: $0) != nil && text.isWordStart($0) }),
              opening.upperBound - start <= 80, !contains([";", "؛", "(", ")", "."], start..<opening.upperBound) else { return nil }
        // "chiếm 13,13% so với … và chiếm 31,56% so với …": two shares of one part, each of another whole.
        if p + 1 < figures.count, figures[p + 1].kind == .percent, !contains([";", "؛", ".", ")"], gap(p, p + 1)) { return nil }
        // "1.616 đảng viên (khiển trách 1.221, …), …, trong đó": a figure inside a closed bracket is not the whole.
        let candidates = earlier + figures[..<a]
        guard let base = candidates.last(where: { base in
            guard base.isAmount, base.value > part.value, base.exponent == part.exponent || base.exponent * part.exponent > 0,
                  base.span.upperBound <= start else { return false }
            guard let close = (base.span.upperBound..<start).first(where: { text.scalars[$0] == ")" }) else { return true }
            return contains(["("], base.span.upperBound..<close)
        }) else { return nil }
        return shareClaim(share, of: part, in: base)
    }

    /// `share` read as the share of `part` in `whole`, at medium confidence: the words said which whole.
    func shareClaim(_ share: ReadFigure, of part: ReadFigure, in whole: ReadFigure) -> ReadClaim? {
        guard let ratio = Self.ratio(part.interval, whole.interval) else { return nil }
        return claim(.share, share.span, .medium, refuted: Self.overlaps(ratio, share.interval) ? nil
            : ("\(quote(share)) as the share of \(quote(part)) in \(text.string(whole.span))",
               "\(quote(part)) of \(text.string(whole.span)) is \(percent(part.value * 100 / whole.value, like: share))"),
            inputs: [whole, part, share])
    }

    // MARK: - Near misses

    /// In the spirit of the GRIM test: a percentage with decimals that no claim reads, which no two amounts of the
    /// sentence give at its printed precision but exactly one pair gives within 2 % of it, is likely a slip of
    /// those two. A guess: the pair may be a coincidence and the base unprinted; low confidence.
    func nearMisses(besides claims: [ReadClaim]) -> [ReadClaim] {
        let claimed = SpanCover(claims.map(\.span))
        let candidates = figures.indices.filter { p in
            let printed = figures[p]
            return printed.kind == .percent && printed.decimals >= 1 && printed.value > 0 && !printed.isApproximate && !claimed.covers(printed.span)
        }
        guard !candidates.isEmpty else { return [] }
        // Decimal division is slow: binary floating point rules out, with a wide margin, the pairs whose ratio cannot
        // come within 2 % of the percentage; exact arithmetic decides the rest.
        let approximate = figures.map { figure -> ClosedRange<Double> in
            let range = figure.interval
            return Double(truncating: range.lowerBound as NSNumber)...Double(truncating: range.upperBound as NSNumber)
        }
        return candidates.compactMap { p -> ReadClaim? in
            let printed = figures[p]
            let window = (approximate[p].lowerBound - printed.doubleValue / 50) * (1 - 1e-9)...(approximate[p].upperBound + printed.doubleValue / 50) * (1 + 1e-9)
            var near: [(Int, Int, Decimal)] = []
            // The pair is among the eight figures before the percentage and the three around it: a bounded search
            // in any sentence.
            let amount = { (i: Int) in figures[i].isAmount && figures[i].value > 0 }
            for a in max(0, p - 8)..<p where amount(a) {
                for b in max(0, p - 3)..<min(figures.count, p + 4) where b != a && amount(b) && figures[b].exponent == figures[a].exponent {
                    let (x, y) = (approximate[a], approximate[b])
                    guard y.lowerBound > 0, window.overlaps(x.lowerBound * 100 / y.upperBound...x.upperBound * 100 / y.lowerBound) else { continue }
                    guard let ratio = Self.ratio(figures[a].interval, figures[b].interval) else { continue }
                    if Self.overlaps(ratio, printed.interval) { return nil }
                    let midpoint = figures[a].value * 100 / figures[b].value
                    if abs(midpoint - printed.value) <= printed.value / 50 { near.append((a, b, midpoint)) }
                }
            }
            guard near.count == 1, let (a, b, midpoint) = near.first else { return nil }
            return claim(.share, printed.span, .low, refuted: ("\(quote(printed)) as \(quote(figures[a])) of \(quote(figures[b]))",
                                                              "\(quote(figures[a])) of \(quote(figures[b])) is \(percent(midpoint, like: printed))"))
        }
    }

    // MARK: - Words between figures

    /// The text between figure `i` and figure `j` (or the sentence's ends for nil).
    func gap(_ i: Int?, _ j: Int?) -> Range<Int> {
        let lower = i.map { figures[$0].span.upperBound } ?? range.lowerBound
        let upper = j.map { figures[$0].span.lowerBound } ?? range.upperBound
        return lower..<max(lower, upper)
    }

    /// The text between figure `i` and the figure before it, or the sentence's start.
    func gap(before i: Int) -> Range<Int> { gap(i > 0 ? i - 1 : nil, i) }

    /// The text between figure `i` and the figure after it, or the sentence's end.
    func gap(after i: Int) -> Range<Int> { gap(i, i + 1 < figures.count ? i + 1 : nil) }

    /// The last `length` scalars of `gap`.
    func tail(_ gap: Range<Int>, _ length: Int = 40) -> Range<Int> { max(gap.lowerBound, gap.upperBound - length)..<gap.upperBound }
    func head(_ gap: Range<Int>, _ length: Int = 40) -> Range<Int> { gap.lowerBound..<min(gap.upperBound, gap.lowerBound + length) }

    func has(_ words: [[Unicode.Scalar]], _ gap: Range<Int>) -> Bool { text.contains(words, in: gap) }

    /// The gap's text without the spaces and bidirectional marks at its ends, nor a currency written before the
    /// next figure ("(S/ 890 millones)", "of Sh53.66 billion"), lower-cased.
    func trimmed(_ gap: Range<Int>) -> [Unicode.Scalar] {
        var lower = gap.lowerBound, upper = gap.upperBound
        func blank(_ s: Unicode.Scalar) -> Bool { ScalarText.isSpace(s) || ScalarText.isIgnorable(s) }
        while lower < upper, blank(text.scalars[lower]) { lower += 1 }
        while upper > lower, blank(text.scalars[upper - 1]) { upper -= 1 }
        if let length = text.currency(endingAt: upper, notBefore: lower) {
            upper -= length
            while upper > lower, blank(text.scalars[upper - 1]) { upper -= 1 }
        }
        return Array(text.lower[lower..<upper])
    }

    func contains(_ scalars: Set<Unicode.Scalar>, _ gap: Range<Int>) -> Bool { text.scalars[gap].contains { scalars.contains($0) } }

    // MARK: - Findings

    func finding(_ kind: FigureFinding.Kind, _ span: Range<Int>, claim: String, expected: String, _ confidence: FigureFinding.Confidence) -> FigureFinding {
        let position = text.position(of: span.lowerBound)
        return FigureFinding(kind: kind, start: span.lowerBound, end: span.upperBound, line: position.line, column: position.column,
                       quote: text.string(span), claim: claim, expected: expected, confidence: confidence)
    }

    /// A claim read over `span`; `refuted` gives what it claims and what holds instead when the arithmetic refutes it.
    /// A claim resting on a figure read in an uncertain number format (`inputs`) is a guess: low confidence.
    func claim(_ kind: FigureFinding.Kind, _ span: Range<Int>, _ confidence: FigureFinding.Confidence,
               refuted: @autoclosure () -> (claim: String, expected: String)?, inputs: [ReadFigure] = []) -> ReadClaim {
        let confidence = inputs.contains(where: \.isUncertainFormat) ? .low : confidence
        return ReadClaim(kind: kind, span: span, confidence: confidence,
                         finding: refuted().map { finding(kind, span, claim: $0.claim, expected: $0.expected, confidence) })
    }

    func quote(_ figure: ReadFigure) -> String { text.string(figure.span) }

    /// A computed percentage printed one decimal finer than the figure it is compared with.
    func percent(_ value: Decimal, like figure: ReadFigure) -> String { format.percent(value, decimals: figure.decimals + 1) }

    static func overlaps(_ a: ClosedRange<Decimal>, _ b: ClosedRange<Decimal>) -> Bool { a.lowerBound <= b.upperBound && b.lowerBound <= a.upperBound }

    /// The range of x / y × 100 over the ranges of x and y (y positive).
    static func ratio(_ x: ClosedRange<Decimal>, _ y: ClosedRange<Decimal>) -> ClosedRange<Decimal>? {
        guard y.lowerBound > 0, x.lowerBound >= 0 else { return nil }
        return (x.lowerBound * 100 / y.upperBound)...(x.upperBound * 100 / y.lowerBound)
    }

    // MARK: - Dates

    func dates() -> [ReadClaim] {
        figures.compactMap { figure in
            guard case .date(let year, let month, let day, let alternative) = figure.kind else { return nil }
            let exists = Self.isDay(year: year, month: month, day: day) || (alternative && Self.isDay(year: year, month: day, day: month))
            let what = month < 1 || month > 12 ? "month \(month) does not exist" : "month \(month)\(year.map { " of \($0)" } ?? "") has \(Self.days(year: year, month: month)) days"
            return claim(.impossibleDate, figure.span, .high, refuted: exists ? nil : ("the day \(day) of month \(month)\(year.map { ", \($0)" } ?? "")", what))
        }
    }

    static func days(year: Int?, month: Int) -> Int {
        switch month {
        case 2: year.map { ($0 % 4 == 0 && $0 % 100 != 0) || $0 % 400 == 0 } ?? true ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isDay(year: Int?, month: Int, day: Int) -> Bool { (1...12).contains(month) && day >= 1 && day <= days(year: year, month: month) }

    // MARK: - Years

    /// "5 consecutive years (2020-2024)": a count of years and the range it spans, inclusive.
    func yearCounts() -> [ReadClaim] {
        figures.indices.dropLast().compactMap { i in
            guard figures[i].isCount, case .yearRange(let from, let to) = figures[i + 1].kind else { return nil }
            let between = gap(i, i + 1)
            // "5 consecutive years (2020-2024)"; "1 năm học 2017-2018" is a school year, one year written with two.
            var words = trimmed(between)
            if words.last == "(" { words.removeLast() }
            while let last = words.last, ScalarText.isSpace(last) { words.removeLast() }
            guard between.count <= 30, lexicon.years.contains(words), to >= from else { return nil }
            let years = Decimal(to - from + 1)
            // "Qua hơn 5 năm (2018-2023)" counts the years elapsed; "5 consecutive years" counts both ends.
            let holds = figures[i].printed == years || !has(lexicon.consecutive, between) && figures[i].printed == years - 1
            let span = figures[i].span.lowerBound..<figures[i + 1].span.upperBound
            return claim(.yearCount, span, .high, refuted: holds ? nil
                : ("\(quote(figures[i])) years as \(quote(figures[i + 1]))", "\(quote(figures[i + 1])) spans \(format.number(years, decimals: 0)) years, both ends counted"))
        }
    }

    // MARK: - Shares and fractions

    /// Each x/y or "x of y" in the sentence, as (index of the last figure of it, the fraction as a range of
    /// values over a range of values, span). "A/B tỷ" (amounts in a scale, or with decimals) is an actual over its
    /// plan.
    func fractionClaims() -> [(index: Int, x: ClosedRange<Decimal>, y: ClosedRange<Decimal>, span: Range<Int>)] {
        var result: [(Int, ClosedRange<Decimal>, ClosedRange<Decimal>, Range<Int>)] = []
        for (i, figure) in figures.enumerated() {
            if let y = figure.denominatorInterval, !isRank(i) {
                result.append((i, figure.interval, y, figure.span))
            } else if figure.isCount, i + 1 < figures.count, figures[i + 1].isCount, !isRank(i),
                      lexicon.of.contains(trimmed(gap(i, i + 1))) || isWordedFraction(i) {
                result.append((i + 1, figure.interval, figures[i + 1].interval, figure.span.lowerBound..<figures[i + 1].span.upperBound))
            } else if figure.isAmount, figure.exponent != 0, i + 1 < figures.count, figures[i + 1].isAmount, figures[i + 1].exponent == figure.exponent,
                      isWordedFraction(i) {
                // "98,09 εκατ. ευρώ από τα συνολικά 724,53 εκατ. ευρώ": amounts in one scale.
                result.append((i + 1, figure.interval, figures[i + 1].interval, figure.span.lowerBound..<figures[i + 1].span.upperBound))
            }
        }
        return result
    }

    /// "5,248 out of Vietnam's 8,267 communes", "8.167 trường chuẩn quốc gia trong tổng số 15.081 trường": a count,
    /// a few words and "of" (not one that also means "from": "από", "de", "من"), or a slash, then a larger count.
    func isWordedFraction(_ i: Int) -> Bool {
        let between = gap(i, i + 1)
        guard between.count <= 45, figures[i].printed <= figures[i + 1].printed, !contains([",", ";", ":", "(", ")", "،", "؛"], between) else { return false }
        // "129 xã/193 xã": the unit written after each count.
        let words = trimmed(between)
        if words.last == "/", words.count <= 16, words.dropLast().allSatisfy({ ScalarText.isLetter($0) || ScalarText.isSpace($0) }) { return true }
        let of = lexicon.of.filter { !lexicon.from.contains($0) }
        return text.ends(with: of, in: between) || has(of, tail(between, 20)) && trimmed(tail(between, 20)).count <= 20
    }

    func fractions() -> [ReadClaim] {
        var claims: [ReadClaim] = []
        for (index, x, y, span) in fractionClaims() {
            let pair = figures[index].isAmountPair
            let next = index + 1 < figures.count ? figures[index + 1] : nil
            let between = gap(index, next == nil ? nil : index + 1)
            // "53,5/52ha, tăng 2,9%", "73/70 ha, exceeding the plan by 4.3 %": an actual over its plan, and by how much
            // it exceeds it.
            if let next, next.kind == .percent, between.count <= 40, !contains([";", "؛"], between),
               has(lexicon.exceed + lexicon.up, tail(between, 20)), !has(lexicon.compared, between), let ratio = Self.ratio(x, y) {
                let over = (ratio.lowerBound - 100)...(ratio.upperBound - 100)
                let midpoint = (x.lowerBound + x.upperBound) * 100 / (y.lowerBound + y.upperBound) - 100
                claims.append(claim(.achievement, next.span, .medium, refuted: Self.overlaps(over, next.interval) ? nil
                    : ("\(text.string(span)) exceeding by \(quote(next))", "\(text.string(span)) is \(percent(midpoint, like: next)) above"),
                    inputs: [figures[index], next]))
                continue
            }
            // "18/15ha": a measure with its unit glued on, an actual over its plan.
            let measured = span.upperBound < text.count && ScalarText.isLetter(text.scalars[span.upperBound])
            if x.lowerBound > y.upperBound, !pair, !measured {
                // "14/1" is a day and a month; "1.250/1.200 đảng viên, đạt 104,2 %" an actual over its plan.
                if case .fraction = figures[index].kind, x.upperBound <= 31, y.upperBound <= 12 { continue }
                if let next, next.kind == .percent, next.interval.upperBound >= 100, between.count <= 60 { } else {
                    claims.append(claim(.partExceedsWhole, span, .high, refuted: ("\(text.string(span)) as a part of its whole",
                                        "a part of \(format.number(y.lowerBound, decimals: 0)) is at most \(format.number(y.lowerBound, decimals: 0))"),
                                        inputs: [figures[index]]))
                    continue
                }
            }
            // "13,5% (98,09 εκατ. ευρώ από τα συνολικά 724,53 εκατ. ευρώ)": the share, then its x of y in brackets.
            let first = figures[index].span.lowerBound == span.lowerBound ? index : index - 1
            if first > 0, figures[first - 1].kind == .percent, trimmed(gap(first - 1, first)) == ["("], let share = Self.ratio(x, y) {
                let printed = figures[first - 1]
                let midpoint = (x.lowerBound + x.upperBound) * 100 / (y.lowerBound + y.upperBound)
                claims.append(claim(.share, printed.span, .medium, refuted: Self.overlaps(share, printed.interval) ? nil
                    : ("\(quote(printed)) as the share \(text.string(span))", "\(text.string(span)) = \(percent(midpoint, like: printed))"),
                    inputs: [figures[index], printed]))
                continue
            }
            guard let next, next.kind == .percent, let share = Self.ratio(x, y) else { continue }
            // The share is the percentage in brackets after the fraction, or in the same clause: "7/10 districts, and
            // 94.7 % of village heads" is another figure. Words that say what the percentage is ("…, reaching a
            // rate of", "chiếm", "equivalent to") join it across a comma, less surely.
            let bracketed = trimmed(between).last == "("
            let other = lexicon.exceed + lexicon.up + lexicon.down + lexicon.compared + lexicon.ofWhich
            let adjacent = between.count <= 40 && (bracketed || !contains([",", ";", "،", ":", "—", "("], between))
                && !has(other + lexicon.target, between)
            let worded = !adjacent && between.count <= 120 && !contains([";", "؛", ":"], between) && contains([",", "(", "،", "—"], between)
                && text.ends(with: lexicon.shareWords, in: tail(between, 30)) && !has(other, between)
            // "13/53 chỉ tiêu đạt 100% trở lên": a level reached, not a share.
            guard adjacent || worded, !has(lexicon.orMore, head(gap(after: index + 1), 16)) else { continue }
            // A percentage "of the plan" after a count's x/y may be against another plan, unless the two are one short
            // clause: "23.688/28.000 người, đạt 84,6% kế hoạch" is the actual, the plan and the achievement.
            let againstPlan = has(lexicon.target, head(gap(after: index + 1), 20)) && !pair
            let sameClause = between.count <= 30 && !contains([";", "؛", "(", ")", ":"], between) && text.ends(with: lexicon.reach, in: between)
            let confidence: FigureFinding.Confidence = againstPlan ? (sameClause ? .medium : .low) : adjacent && !pair ? .high : .medium
            let kind: FigureFinding.Kind = pair || x.lowerBound > y.upperBound ? .achievement : .share
            let midpoint = (x.lowerBound + x.upperBound) * 100 / (y.lowerBound + y.upperBound)
            claims.append(claim(kind, next.span, confidence, refuted: Self.overlaps(share, next.interval) ? nil
                : ("\(quote(next)) as \(kind == .share ? "the share " : "")\(text.string(span))", "\(text.string(span)) = \(percent(midpoint, like: next))"),
                inputs: [figures[index], next]))
        }
        return claims
    }

    // MARK: - Ranks

    /// Whether figure `i` is a rank: an ordinal, or a number or fraction after a rank word ("thứ 15/63").
    func isRank(_ i: Int) -> Bool {
        figures[i].kind == .ordinal || text.ends(with: lexicon.rankBefore, in: tail(gap(before: i), 24))
    }

    func ranks() -> [ReadClaim] {
        var claims: [ReadClaim] = []
        for i in figures.indices where isRank(i) {
            let rank = figures[i]
            var peers: Decimal?, span = rank.span
            if case .fraction(let y) = rank.kind {
                peers = y
            } else if i + 1 < figures.count, figures[i + 1].isCount {
                let between = gap(i, i + 1)
                if between.count <= 30, has(lexicon.among, between) || lexicon.among.contains(trimmed(between)) {
                    peers = figures[i + 1].printed
                    span = rank.span.lowerBound..<figures[i + 1].span.upperBound
                }
            }
            guard let peers else { continue }
            claims.append(claim(.rankBeyondPeers, span, .high, refuted: rank.printed >= 1 && rank.printed <= peers ? nil
                : ("rank \(format.number(rank.printed, decimals: 0)) among \(format.number(peers, decimals: 0))", "a rank from 1 to \(format.number(peers, decimals: 0))")))
        }
        return claims
    }

    // MARK: - Achievement of a target

    /// "reached A, P % of the target of T" (the target after the percentage) and "A, exceeding the target of T by
    /// P %" (the exceeding word and the target between the actual and the percentage). A is the amount nearest
    /// before the percentage; the words fix the roles, or there is no claim.
    func achievements() -> [ReadClaim] {
        var claims: [ReadClaim] = []
        func isTarget(_ i: Int) -> Bool { figures[i].isAmount && has(lexicon.target, tail(gap(before: i), 30)) }
        for p in figures.indices where figures[p].kind == .percent {
            // "81,5 triệu USD, giảm 17,3% so với cùng kỳ năm trước và đạt 62,7% so kế hoạch (130 triệu USD)": the
            // actual's own rate of change may come between.
            guard let a = figures[..<p].indices.last(where: { figures[$0].isAmount && !isTarget($0) }),
                  ((a + 1)..<p).allSatisfy({ figures[$0].kind != .percent || isOwnRate($0) }) else { continue }
            let exceeds = has(lexicon.exceed, gap(a, p))
            let t: Int?
            if exceeds {
                t = ((a + 1)..<p).first(where: isTarget) ?? (p + 1 < figures.count && gap(p, p + 1).count <= 30 && isTarget(p + 1) ? p + 1 : nil)
            } else if has(lexicon.target, head(gap(after: p), 35)), p + 1 < figures.count, figures[p + 1].isAmount,
                      !has(lexicon.up + lexicon.down, gap(p, p + 1)),
                      gap(p, p + 1).count <= 40 && isTarget(p + 1) || gap(p, p + 1).count <= 80 && trimmed(gap(p, p + 1)).last == "(" {
                // "51,8 % of the resolution (23.600 tỷ)", "57 % del presupuesto anual … (S/ 890 millones)"; not
                // "đạt 97,89% kế hoạch, tăng 1.148 người": a change after the plan word is not the plan.
                t = p + 1
            } else {
                t = nil
            }
            // The actual, the percentage and the target in one clause: "tăng 3.860 (7 %); so với chỉ tiêu (70.544)"
            // is another claim's.
            guard let t, figures[t].exponent == figures[a].exponent, !has(lexicon.up + lexicon.down, tail(gap(before: p), 30)),
                  !contains([";", "؛"], gap(min(a, t), max(a, t))), t < p || !contains([";", "؛", ")"], gap(p, t)),
                  let ratio = Self.ratio(figures[a].interval, figures[t].interval) else { continue }
            let (actual, target) = (figures[a], figures[t])
            let expected = exceeds ? (ratio.lowerBound - 100)...(ratio.upperBound - 100) : ratio
            let midpoint = actual.value * 100 / target.value - (exceeds ? 100 : 0)
            let read = exceeds ? "exceeding \(quote(target)) by \(quote(figures[p]))" : "\(quote(figures[p])) of \(quote(target))"
            claims.append(claim(.achievement, figures[p].span, .medium, refuted: Self.overlaps(expected, figures[p].interval) ? nil
                : ("\(quote(actual)), \(read)", exceeds ? "\(quote(actual)) is \(percent(midpoint, like: figures[p])) above \(quote(target))"
                    : "\(quote(actual)) is \(percent(midpoint, like: figures[p])) of \(quote(target))")))
        }
        return claims
    }

    // MARK: - Growth

    /// "rose from A to B, up P %" and "B, up P % compared with A".
    func growth() -> [ReadClaim] {
        var claims: [ReadClaim] = []
        for p in figures.indices where figures[p].kind == .percent {
            let before = tail(gap(before: p), 30)
            let after = head(gap(after: p), 20)
            var rising = has(lexicon.up, before) || has(lexicon.up, after)
            var falling = has(lexicon.down, before) || has(lexicon.down, after)
            if !rising, !falling, p >= 1, figures[p - 1].isAmount, gap(p - 1, p).count <= 16 {
                // "ниже на 18 020 млн рублей, или на 22,2%": the direction is said before the change.
                let lead = tail(gap(before: p - 1), 16)
                (rising, falling) = (has(lexicon.up, lead), has(lexicon.down, lead))
            }
            guard rising != falling else { continue }
            var pair: (earlier: Int, later: Int, confidence: FigureFinding.Confidence)?
            // from A to B, before or after the rate
            for a in figures.indices.dropLast() where a != p && a + 1 != p && figures[a].isAmount && figures[a + 1].isAmount {
                let lead = tail(gap(before: a), 12), between = gap(a, a + 1)
                if text.ends(with: lexicon.from, in: lead), between.count <= 30, has(lexicon.to, between) { pair = (a, a + 1, .high) }
            }
            // B, up P % compared with A
            // ("…, tăng 11,4% so với cùng kỳ; trong đó, vốn nhà nước 13.713 tỷ" compares with no figure printed.)
            // ("giảm 39,17% so với cùng kỳ (tương ứng giảm 161)" is the change; ", đạt 488,06 triệu" the value itself.)
            if pair == nil, p + 1 < figures.count, figures[p + 1].isAmount, has(lexicon.compared, gap(p, p + 1)), gap(p, p + 1).count <= 40,
               !contains([";", "؛", ".", ",", "،"], gap(p, p + 1)), !has(lexicon.up + lexicon.down + lexicon.reach, gap(p, p + 1)),
               let b = figures[..<p].indices.last(where: { figures[$0].isAmount }), figures[b].exponent == figures[p + 1].exponent {
                pair = (p + 1, b, .medium)
            }
            if pair == nil, let claim = growthFromDifference(p, falling: falling) {
                claims.append(claim)
                continue
            }
            guard let pair, let ratio = Self.ratio(figures[pair.later].interval, figures[pair.earlier].interval) else { continue }
            let change = falling ? (100 - ratio.upperBound)...(100 - ratio.lowerBound) : (ratio.lowerBound - 100)...(ratio.upperBound - 100)
            let midpoint = (figures[pair.later].value / figures[pair.earlier].value - 1) * 100
            claims.append(claim(.growth, figures[p].span, pair.confidence, refuted: Self.overlaps(change, figures[p].interval) ? nil
                : ("\(falling ? "a fall" : "a rise") of \(quote(figures[p])) from \(quote(figures[pair.earlier])) to \(quote(figures[pair.later]))",
                   "\(quote(figures[pair.earlier])) → \(quote(figures[pair.later])) is \(midpoint < 0 ? "a fall" : "a rise") of \(percent(abs(midpoint), like: figures[p]))")))
        }
        return claims
    }

    /// "318.011 người, tăng 40.640 người (tăng 14,65%)": a value B, its change D and the rate D ÷ (B − D), or
    /// D ÷ (B + D) for a fall. B is the amount before the change in the same clause, not one compared with.
    func growthFromDifference(_ p: Int, falling: Bool) -> ReadClaim? {
        let d: Int, b: Int
        if p >= 2, figures[p - 1].isAmount, gap(p - 1, p).count <= 16,
           contains(["(", "ή", "،"], gap(p - 1, p)) || has(lexicon.shareWords, gap(p - 1, p)),
           has(lexicon.up + lexicon.down, tail(gap(before: p - 1), 16)) {
            (d, b) = (p - 1, p - 2)
        } else if p >= 1, p + 1 < figures.count, figures[p + 1].isAmount, gap(p, p + 1).count <= 45, contains(["("], gap(p, p + 1)),
                  has(lexicon.up + lexicon.down, tail(gap(p, p + 1), 12)), !contains([";", "؛"], gap(p, p + 1)) {
            // "250 doanh nghiệp, giảm 39,17% so với cùng kỳ (tương ứng giảm 161 doanh nghiệp)"
            (d, b) = (p + 1, p - 1)
        } else {
            return nil
        }
        let between = b < p && p < d ? gap(b, p) : gap(b, d)
        guard figures[b].isAmount, figures[b].exponent == figures[d].exponent, between.count <= 80, !contains([";", "؛", "(", ")"], between),
              !has(lexicon.compared, tail(gap(before: b), 25)) else { return nil }
        let (value, change) = (figures[b].interval, figures[d].interval)
        let base = falling ? (value.lowerBound + change.lowerBound)...(value.upperBound + change.upperBound)
            : (value.lowerBound - change.upperBound)...(value.upperBound - change.lowerBound)
        guard let rate = Self.ratio(change, base) else { return nil }
        let midpoint = figures[d].value * 100 / (falling ? figures[b].value + figures[d].value : figures[b].value - figures[d].value)
        return claim(.growth, figures[p].span, .medium, refuted: Self.overlaps(rate, figures[p].interval) ? nil
            : ("\(falling ? "a fall" : "a rise") of \(quote(figures[p])) as \(quote(figures[d])) on \(quote(figures[b]))",
               "\(quote(figures[d])) \(falling ? "below" : "above") \(quote(figures[b])) is \(falling ? "a fall" : "a rise") of \(percent(midpoint, like: figures[p]))"),
            inputs: [figures[b], figures[d], figures[p]])
    }

    // MARK: - Parts and wholes

    /// "12 targets were assessed: ", "12 metas (", "12 هدفًا؛ ": a label right after the whole, then a mark that
    /// opens its breakdown. A label with a clause break in it ("3; good: ") belongs to another figure.
    func isListOpening(_ opening: Range<Int>) -> Bool {
        guard opening.count <= 90, let mark = opening.first(where: { [":", "(", "؛"].contains(text.scalars[$0]) }), mark - opening.lowerBound <= 40 else { return false }
        let label = opening.lowerBound..<mark
        // "59.177 người so với cùng kỳ năm 2019 (55.317 người)": an earlier value in brackets, not a breakdown.
        return text.scalars[label].contains(where: ScalarText.isLetter) && !contains([",", ";", "،", ".", "`", ")"], label)
            && !has(lexicon.compared + lexicon.up + lexicon.down, label)
    }

    /// ", of which", "، منها": the words that open a breakdown, after a comma that closes the whole ("١ منها …"
    /// is "one of them", about the number before it).
    func isOfWhich(_ opening: Range<Int>) -> Bool {
        guard opening.count <= 2 * Self.near else { return false }
        guard let start = opening.first(where: { text.word(from: lexicon.ofWhich, at: $0) != nil && text.isWordStart($0) }),
              start - opening.lowerBound <= 45 else { return false }
        // "(tăng 160 xã …), trong đó …" breaks down what the bracket is about, not the figure in it.
        return contains([",", "،", ";", "("], opening.lowerBound..<start) && !contains([")"], opening.lowerBound..<start)
    }

    /// "Of the 27 targets, 20 …, 5 … and 2 …", "Trong 27 chỉ tiêu, …": a total after "of" at the start of a clause,
    /// then a short label and a comma before its parts.
    func isTotalOpening(_ i: Int) -> Bool {
        let before = gap(before: i)
        guard let word = lexicon.ofTotal.first(where: { text.ends(with: [$0], in: tail(before, 24)) }) else { return false }
        var start = before.upperBound
        while start > before.lowerBound, ScalarText.isSpace(text.scalars[start - 1]) { start -= 1 }
        start -= word.count
        let lead = trimmed(before.lowerBound..<max(before.lowerBound, start))
        guard lead.isEmpty || lead.last == "," || lead.last == ";" || lead.last == "،" || before.lowerBound == range.lowerBound && lead.count <= 12
                || text.ends(with: lexicon.that, in: before.lowerBound..<max(before.lowerBound, start)) else { return false }
        guard i + 1 < figures.count else { return false }
        let opening = gap(i, i + 1)
        guard opening.count <= 50 else { return false }
        guard let comma = opening.first(where: { [",", "،", ":"].contains(text.scalars[$0]) }) else {
            // "out of the 48 performance indicators 38 (80%) had …": the label, then the first part.
            return opening.count <= 36 && text.scalars[opening].allSatisfy { ScalarText.isLetter($0) || ScalarText.isSpace($0) }
                && text.scalars[opening].contains(where: ScalarText.isLetter)
        }
        return text.scalars[opening.lowerBound..<comma].contains(where: ScalarText.isLetter)
    }

    /// "a …; b …; c …", "a …; b … và c …": parts each in a clause of its own, which cannot be parts of one another.
    func isParallel(_ parts: [Int]) -> Bool {
        parts.dropFirst().enumerated().allSatisfy { n, j in
            contains([";", "؛"], gap(j - 1, j)) || n == parts.count - 2 && has(lexicon.and, gap(j - 1, j))
        }
    }

    /// "… 50 TCCS Đảng với 5.645 đảng viên. Trong đó, có 4.760 đảng viên …; 864 đảng viên … và 21 đảng viên …": a
    /// sentence that opens with "of which" breaks down the last amount of the sentence before. Only parts that add
    /// up to more than it refute anything: "of which" need not list them all.
    func breakdownOfPreviousSentence() -> [ReadClaim] {
        // Not a value compared with: "… tăng 5% so với cùng kỳ năm 2023 (22.556 người). Trong đó, …".
        guard let whole = earlier.last, whole.isAmount, range.lowerBound - whole.span.upperBound <= 40, !figures.isEmpty,
              !contains([")"], whole.span.upperBound..<range.lowerBound),
              !has(lexicon.compared, max(0, whole.span.lowerBound - 40)..<whole.span.lowerBound) else { return [] }
        let opening = gap(nil, 0)
        guard let start = opening.first(where: { !ScalarText.isSpace(text.scalars[$0]) && !ScalarText.isIgnorable(text.scalars[$0]) }),
              text.word(from: lexicon.ofWhich, at: start) != nil, opening.count <= 40 else { return [] }
        let wholeNoun = noun(from: whole.span.upperBound, to: min(text.count, whole.span.upperBound + 30))
        let isPart: (Int) -> Bool = { j in
            let part = self.figures[j]
            if whole.isCount { return part.isCount && self.noun(after: j) == wholeNoun }
            return part.isAmount && part.exponent == whole.exponent
        }
        var parts: [Int] = [], shares: [ReadClaim] = [], j = 0
        while j < figures.count, isPart(j), parts.isEmpty || gap(j - 1, j).count <= Self.near && isListSeparator(gap(j - 1, j))
                && !has(lexicon.ofWhich, gap(j - 1, j)) && !has(lexicon.up + lexicon.down, tail(gap(j - 1, j), 12)) {
            parts.append(j)
            // The part's own share or rate of change: "4.760 đảng viên phải đánh giá, phân loại, chiếm 84,32%".
            if j + 1 < figures.count, figures[j + 1].kind == .percent, gap(j, j + 1).count <= 60,
               text.ends(with: lexicon.shareWords, in: gap(j, j + 1)) || isOwnRate(j + 1) {
                if text.ends(with: lexicon.partOfWhole, in: gap(j, j + 1)), let read = shareClaim(figures[j + 1], of: figures[j], in: whole) {
                    shares.append(read)
                }
                j += 1
            }
            j += 1
        }
        guard parts.count >= 2 else { return shares }
        let low = parts.reduce(Decimal(0)) { $0 + figures[$1].interval.lowerBound }
        let listed = parts.map { quote(figures[$0]) }.joined(separator: " + ")
        return shares + [claim(.partsSum, whole.span.lowerBound..<figures[parts.last!].span.upperBound, isParallel(parts) ? .medium : .low,
                      refuted: low <= whole.interval.upperBound ? nil
                          : ("\(listed) as parts of \(text.string(whole.span)), in the sentence before", "the parts add up to more than the whole"),
                      inputs: [whole] + parts.map { figures[$0] })]
    }

    /// "…, tăng 11,4% so với cùng kỳ": a percentage right after an amount that is its rate of change, not a share.
    func isOwnRate(_ p: Int) -> Bool {
        figures[p].kind == .percent && gap(p - 1, p).count <= 24 && has(lexicon.up + lexicon.down, gap(p - 1, p))
    }

    /// "…, giảm 33,33% (giảm 8 đảng viên)": after a rate, the change it is in brackets.
    func isOwnChange(_ j: Int) -> Bool {
        figures[j].isAmount && gap(j - 1, j).count <= 16 && contains(["("], gap(j - 1, j)) && has(lexicon.up + lexicon.down, gap(j - 1, j))
    }

    /// "(87.4 %", ", accounting for": what opens a part's share right after it.
    func isShareOpening(_ gap: Range<Int>) -> Bool {
        guard gap.count <= 30 else { return false }
        let words = trimmed(gap)
        return words == ["("] || (words.first == "(" || words.first == "," || words.first == "،") && text.ends(with: lexicon.shareWords, in: gap)
    }

    /// The first word after figure `i`, lower-cased: what it counts ("communes", "đảng viên").
    func noun(after i: Int) -> [Unicode.Scalar]? {
        noun(from: figures[i].span.upperBound, to: i + 1 < figures.count ? figures[i + 1].span.lowerBound : range.upperBound)
    }

    func noun(from start: Int, to end: Int) -> [Unicode.Scalar]? {
        var index = start
        while index < end, ScalarText.isSpace(text.scalars[index]) { index += 1 }
        var word: [Unicode.Scalar] = []
        while index < end, ScalarText.isLetter(text.scalars[index]) {
            word.append(text.lower[index])
            index += 1
        }
        return word.isEmpty ? nil : word
    }

    /// Listed parts are separated by a comma or semicolon, or by "and".
    func isListSeparator(_ gap: Range<Int>) -> Bool {
        contains([",", ";", "،", "؛"], gap) || has(lexicon.and, gap)
    }

    /// A whole followed by its parts: "W, of which A and B" (no part above the whole) and "W: A …, B …" or
    /// "W (A; B)" (the parts add up to the whole).
    func breakdowns() -> [ReadClaim] {
        var claims: [ReadClaim] = []
        var i = 0
        while i + 1 < figures.count {
            defer { i += 1 }
            let whole = figures[i]
            guard whole.isAmount || whole.kind == .percent || (whole.isFraction && !isRank(i)) else { continue }
            // A change is not a whole with parts.
            if has(lexicon.up + lexicon.down, tail(gap(before: i), 12)) { continue }
            // "109.924 tỷ đồng, tăng 11,4% so với cùng kỳ; trong đó, …", "16 đảng viên, giảm 33,33% (giảm 8 đảng viên)
            // bằng các hình thức: …": the whole's own rate and change before its parts.
            var first = i + 1
            if whole.isAmount {
                while first + 1 < figures.count, first - i <= 2, isOwnRate(first) || first > i + 1 && isOwnChange(first) { first += 1 }
            }
            let ownRate = first > i + 1
            var opening = gap(first - 1, first)
            if ownRate, let close = opening.first(where: { text.scalars[$0] == ")" }) { opening = (close + 1)..<opening.upperBound }
            let total = !ownRate && whole.isCount && !isListOpening(opening) && isTotalOpening(i)
            let list = whole.isCount && (total || isListOpening(opening))
            let ofWhich = !list && isOfWhich(opening)
            guard ofWhich || list else { continue }
            let isPart: (ReadFigure) -> Bool = { part in
                if list { return part.isCount }
                return whole.kind == .percent ? part.kind == .percent : (part.isAmount && part.exponent == whole.exponent)
            }
            var parts: [Int] = [], shares: [(part: Int, percent: Int)] = []
            var j = first
            while j < figures.count, isPart(figures[j]), gap(j - 1, j).count <= Self.near,
                  parts.isEmpty || (!has(lexicon.ofWhich, gap(j - 1, j)) && (!list || isListSeparator(gap(j - 1, j)))) {
                // "W, of which 159 communes (87.4 %)": organisations and members are not parts of one another.
                if ofWhich, whole.isCount, let wholeNoun = noun(after: i), let partNoun = noun(after: j), wholeNoun != partNoun { break }
                // "riêng công nghiệp tăng 363 tỷ, xây dựng giảm 346 tỷ": changes, which a net whole does not bound.
                if has(lexicon.up + lexicon.down, tail(gap(j - 1, j), 12)) { break }
                // "Of the 182 communes, 159 met it; 70 of them …": a clause after a semicolon says something else; a
                // list in brackets ends with them ("(… 7 trường), vượt 15").
                if total, !parts.isEmpty, contains([";", "؛"], gap(j - 1, j)) { break }
                if !parts.isEmpty, contains([")"], gap(j - 1, j)), contains(["("], gap(i, first)) { break }
                parts.append(j)
                // A part's own share of the whole, in brackets or after "accounting for" right after it.
                if whole.kind != .percent, j + 1 < figures.count, figures[j + 1].kind == .percent, isShareOpening(gap(j, j + 1)) {
                    shares.append((j, j + 1))
                    j += 1
                } else if ofWhich, whole.kind != .percent, j + 2 < figures.count, isOwnRate(j + 1) {
                    // "vốn nhà nước 13.713 tỷ đồng, tăng 91,6%; vốn ngoài nhà nước …": a part's own rate of change.
                    j += 1
                }
                j += 1
            }
            // A list of one is not a breakdown; a part of "of which" is.
            guard parts.count >= (list ? 2 : 1) else { continue }
            claims += shares.compactMap { shareClaim(figures[$0.percent], of: figures[$0.part], in: whole) }
            let wholeValue = whole.value, wholeMax = whole.interval.upperBound
            if ofWhich, let over = parts.first(where: { figures[$0].interval.lowerBound > wholeMax }) {
                claims.append(claim(.partExceedsWhole, figures[over].span, .high, refuted: ("\(quote(figures[over])) as a part of \(quote(whole))",
                                    "a part of \(quote(whole)) is at most \(quote(whole))")))
                continue
            }
            let low = parts.reduce(Decimal(0)) { $0 + figures[$1].interval.lowerBound }
            let high = parts.reduce(Decimal(0)) { $0 + figures[$1].interval.upperBound }
            let listed = parts.map { quote(figures[$0]) }.joined(separator: " + ")
            let span = whole.span.lowerBound..<figures[parts.last!].span.upperBound
            if list {
                claims.append(claim(.partsSum, span, .medium, refuted: (low...high).contains(wholeValue) ? nil
                    : ("\(listed) as the parts of \(quote(whole))", "the parts add up to \(format.number(low, decimals: 0))")))
            } else if parts.count >= 2 {
                // Parts after "of which" may nest ("registered 37 440, of whom 36 147 sat and 22 998 passed"): a guess,
                // unless each is a clause of its own ("trong đó, vốn nhà nước 13.713 tỷ …; vốn ngoài nhà nước …").
                let parallel = isParallel(parts)
                claims.append(claim(.partsSum, span, parallel ? .medium : .low, refuted: low <= wholeMax ? nil
                    : ("\(listed) as parts of \(quote(whole))", "the parts add up to more than the whole")))
            } else {
                claims.append(claim(.partExceedsWhole, figures[parts[0]].span, .high, refuted: nil))
            }
            i = j - 1
        }
        return claims
    }
}

/// Spans, to ask in logarithmic time whether any overlaps a given one: sorted by start, with the furthest end of
/// each prefix.
struct SpanCover {
    private let starts: [Int]
    private let furthestEnds: [Int]

    init(_ spans: [Range<Int>]) {
        let sorted = spans.sorted { $0.lowerBound < $1.lowerBound }
        starts = sorted.map(\.lowerBound)
        var furthest = Int.min
        furthestEnds = sorted.map { span in
            furthest = max(furthest, span.upperBound)
            return furthest
        }
    }

    func covers(_ span: Range<Int>) -> Bool {
        // The spans that start before `span` ends; one of them overlaps it when the furthest end passes its start.
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < span.upperBound { low = middle + 1 } else { high = middle }
        }
        return low > 0 && furthestEnds[low - 1] > span.lowerBound
    }
}
