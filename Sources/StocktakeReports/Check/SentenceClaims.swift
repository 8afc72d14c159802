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
    let format: FigureFormatter

    /// How far apart (in scalars) figures may be for a claim to join them.
    static let near = 60

    func arithmetic() -> [FigureFinding] {
        var findings: [FigureFinding] = []
        findings += dates()
        findings += fractions()
        findings += ranks()
        findings += achievements()
        findings += growth()
        findings += breakdowns()
        findings += yearCounts()
        return findings
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

    /// The gap's text without the spaces and bidirectional marks at its ends, lower-cased.
    func trimmed(_ gap: Range<Int>) -> [Unicode.Scalar] {
        var lower = gap.lowerBound, upper = gap.upperBound
        func blank(_ s: Unicode.Scalar) -> Bool { ScalarText.isSpace(s) || ScalarText.isIgnorable(s) }
        while lower < upper, blank(text.scalars[lower]) { lower += 1 }
        while upper > lower, blank(text.scalars[upper - 1]) { upper -= 1 }
        return Array(text.lower[lower..<upper])
    }

    func contains(_ scalars: Set<Unicode.Scalar>, _ gap: Range<Int>) -> Bool { text.scalars[gap].contains { scalars.contains($0) } }

    // MARK: - Findings

    func finding(_ kind: FigureFinding.Kind, _ span: Range<Int>, claim: String, expected: String, _ confidence: FigureFinding.Confidence) -> FigureFinding {
        let position = text.position(of: span.lowerBound)
        return FigureFinding(kind: kind, start: span.lowerBound, end: span.upperBound, line: position.line, column: position.column,
                       quote: text.string(span), claim: claim, expected: expected, confidence: confidence)
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

    func dates() -> [FigureFinding] {
        figures.compactMap { figure in
            guard case .date(let year, let month, let day, let alternative) = figure.kind else { return nil }
            if Self.isDay(year: year, month: month, day: day) || (alternative && Self.isDay(year: year, month: day, day: month)) { return nil }
            let what = month < 1 || month > 12 ? "month \(month) does not exist" : "month \(month)\(year.map { " of \($0)" } ?? "") has \(Self.days(year: year, month: month)) days"
            return finding(.impossibleDate, figure.span, claim: "the day \(day) of month \(month)\(year.map { ", \($0)" } ?? "")", expected: what, .high)
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
    func yearCounts() -> [FigureFinding] {
        figures.indices.dropLast().compactMap { i in
            guard figures[i].isCount, case .yearRange(let from, let to) = figures[i + 1].kind else { return nil }
            let between = gap(i, i + 1)
            guard between.count <= 30, text.contains(lexicon.years, in: head(between, 24)), to >= from else { return nil }
            let years = Decimal(to - from + 1)
            guard figures[i].printed != years else { return nil }
            let span = figures[i].span.lowerBound..<figures[i + 1].span.upperBound
            return finding(.yearCount, span, claim: "\(quote(figures[i])) years as \(quote(figures[i + 1]))",
                           expected: "\(quote(figures[i + 1])) spans \(format.number(years, decimals: 0)) years, both ends counted", .high)
        }
    }

    // MARK: - Shares and fractions

    /// Each x/y or "x of y" in the sentence, as (index of x, x, y, span).
    func fractionClaims() -> [(index: Int, x: Decimal, y: Decimal, span: Range<Int>)] {
        var result: [(Int, Decimal, Decimal, Range<Int>)] = []
        for (i, figure) in figures.enumerated() {
            if case .fraction(let y) = figure.kind, !isRank(i) {
                result.append((i, figure.printed, y, figure.span))
            } else if figure.isCount, i + 1 < figures.count, figures[i + 1].isCount,
                      lexicon.of.contains(trimmed(gap(i, i + 1))) {
                result.append((i + 1, figure.printed, figures[i + 1].printed, figure.span.lowerBound..<figures[i + 1].span.upperBound))
            }
        }
        return result
    }

    func fractions() -> [FigureFinding] {
        var findings: [FigureFinding] = []
        for (index, x, y, span) in fractionClaims() {
            if x > y {
                // "14/1" is a day and a month; a part may not exceed its whole otherwise.
                if case .fraction = figures[index].kind, x <= 31, y <= 12 { continue }
                findings.append(finding(.partExceedsWhole, span, claim: "\(text.string(span)) as a part of its whole",
                                        expected: "a part of \(format.number(y, decimals: 0)) is at most \(format.number(y, decimals: 0))", .high))
                continue
            }
            guard y > 0, index + 1 < figures.count else { continue }
            let next = figures[index + 1]
            let between = gap(index, index + 1)
            // The share is the percentage in brackets after the fraction, or in the same clause: "7/10 districts, and
            // 94.7 % of village heads" is another figure.
            let bracketed = trimmed(between).last == "("
            guard next.kind == .percent, between.count <= 40, bracketed || !contains([",", ";", "،", ":", "—", "("], between),
                  !has(lexicon.exceed + lexicon.up + lexicon.down + lexicon.compared + lexicon.target + lexicon.ofWhich, between)
            else { continue }
            let share = x * 100 / y
            guard !next.interval.contains(share) else { continue }
            findings.append(finding(.share, next.span, claim: "\(quote(next)) as the share \(text.string(span))",
                                    expected: "\(format.number(x, decimals: 0))/\(format.number(y, decimals: 0)) = \(percent(share, like: next))", .high))
        }
        return findings
    }

    // MARK: - Ranks

    /// Whether figure `i` is a rank: an ordinal, or a number or fraction after a rank word ("thứ 15/63").
    func isRank(_ i: Int) -> Bool {
        figures[i].kind == .ordinal || text.ends(with: lexicon.rankBefore, in: tail(gap(before: i), 24))
    }

    func ranks() -> [FigureFinding] {
        var findings: [FigureFinding] = []
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
            guard let peers, rank.printed > peers || rank.printed == 0 else { continue }
            findings.append(finding(.rankBeyondPeers, span, claim: "rank \(format.number(rank.printed, decimals: 0)) among \(format.number(peers, decimals: 0))",
                                    expected: "a rank from 1 to \(format.number(peers, decimals: 0))", .high))
        }
        return findings
    }

    // MARK: - Achievement of a target

    /// "reached A, P % of the target of T" (the target after the percentage) and "A, exceeding the target of T by
    /// P %" (the exceeding word and the target between the actual and the percentage). A is the amount nearest
    /// before the percentage; the words fix the roles, or there is no claim.
    func achievements() -> [FigureFinding] {
        var findings: [FigureFinding] = []
        func isTarget(_ i: Int) -> Bool { figures[i].isAmount && has(lexicon.target, tail(gap(before: i), 30)) }
        for p in figures.indices where figures[p].kind == .percent {
            guard let a = figures[..<p].indices.last(where: { figures[$0].isAmount && !isTarget($0) }),
                  !figures[(a + 1)..<p].contains(where: { $0.kind == .percent }) else { continue }
            let exceeds = has(lexicon.exceed, gap(a, p))
            let t: Int?
            if exceeds {
                t = ((a + 1)..<p).first(where: isTarget) ?? (p + 1 < figures.count && gap(p, p + 1).count <= 30 && isTarget(p + 1) ? p + 1 : nil)
            } else if has(lexicon.target, head(gap(after: p), 25)), p + 1 < figures.count, gap(p, p + 1).count <= 40, isTarget(p + 1) {
                t = p + 1
            } else {
                t = nil
            }
            guard let t, figures[t].exponent == figures[a].exponent, !has(lexicon.up + lexicon.down, tail(gap(before: p), 30)),
                  let ratio = Self.ratio(figures[a].interval, figures[t].interval) else { continue }
            let (actual, target) = (figures[a], figures[t])
            let expected = exceeds ? (ratio.lowerBound - 100)...(ratio.upperBound - 100) : ratio
            let midpoint = actual.value * 100 / target.value - (exceeds ? 100 : 0)
            guard !Self.overlaps(expected, figures[p].interval) else { continue }
            let claim = exceeds ? "exceeding \(quote(target)) by \(quote(figures[p]))" : "\(quote(figures[p])) of \(quote(target))"
            findings.append(finding(.achievement, figures[p].span, claim: "\(quote(actual)), \(claim)",
                                    expected: exceeds ? "\(quote(actual)) is \(percent(midpoint, like: figures[p])) above \(quote(target))"
                                        : "\(quote(actual)) is \(percent(midpoint, like: figures[p])) of \(quote(target))", .medium))
        }
        return findings
    }

    // MARK: - Growth

    /// "rose from A to B, up P %" and "B, up P % compared with A".
    func growth() -> [FigureFinding] {
        var findings: [FigureFinding] = []
        for p in figures.indices where figures[p].kind == .percent {
            let before = tail(gap(before: p), 30)
            let after = head(gap(after: p), 20)
            let rising = has(lexicon.up, before) || has(lexicon.up, after)
            let falling = has(lexicon.down, before) || has(lexicon.down, after)
            guard rising != falling else { continue }
            var pair: (earlier: Int, later: Int, confidence: FigureFinding.Confidence)?
            // from A to B, before or after the rate
            for a in figures.indices.dropLast() where a != p && a + 1 != p && figures[a].isAmount && figures[a + 1].isAmount {
                let lead = tail(gap(before: a), 12), between = gap(a, a + 1)
                if text.ends(with: lexicon.from, in: lead), between.count <= 30, has(lexicon.to, between) { pair = (a, a + 1, .high) }
            }
            // B, up P % compared with A
            if pair == nil, p + 1 < figures.count, figures[p + 1].isAmount, has(lexicon.compared, gap(p, p + 1)), gap(p, p + 1).count <= 40,
               let b = figures[..<p].indices.last(where: { figures[$0].isAmount }), figures[b].exponent == figures[p + 1].exponent {
                pair = (p + 1, b, .medium)
            }
            guard let pair, let ratio = Self.ratio(figures[pair.later].interval, figures[pair.earlier].interval) else { continue }
            let change = falling ? (100 - ratio.upperBound)...(100 - ratio.lowerBound) : (ratio.lowerBound - 100)...(ratio.upperBound - 100)
            guard !Self.overlaps(change, figures[p].interval) else { continue }
            let midpoint = (figures[pair.later].value / figures[pair.earlier].value - 1) * 100
            findings.append(finding(.growth, figures[p].span,
                                    claim: "\(falling ? "a fall" : "a rise") of \(quote(figures[p])) from \(quote(figures[pair.earlier])) to \(quote(figures[pair.later]))",
                                    expected: "\(quote(figures[pair.earlier])) → \(quote(figures[pair.later])) is \(midpoint < 0 ? "a fall" : "a rise") of \(percent(abs(midpoint), like: figures[p]))",
                                    pair.confidence))
        }
        return findings
    }

    // MARK: - Parts and wholes

    /// "12 targets were assessed: ", "12 metas (", "12 هدفًا؛ ": a label right after the whole, then a mark that
    /// opens its breakdown. A label with a clause break in it ("3; good: ") belongs to another figure.
    func isListOpening(_ opening: Range<Int>) -> Bool {
        guard opening.count <= 90, let mark = opening.first(where: { [":", "(", "؛"].contains(text.scalars[$0]) }), mark - opening.lowerBound <= 40 else { return false }
        let label = opening.lowerBound..<mark
        return text.scalars[label].contains(where: ScalarText.isLetter) && !contains([",", ";", "،", ".", "`", ")"], label)
    }

    /// ", of which", "، منها": the words that open a breakdown, after a comma that closes the whole ("١ منها …"
    /// is "one of them", about the number before it).
    func isOfWhich(_ opening: Range<Int>) -> Bool {
        guard opening.count <= Self.near else { return false }
        guard let start = opening.first(where: { text.word(from: lexicon.ofWhich, at: $0) != nil && text.isWordStart($0) })
        else { return false }
        return contains([",", "،", ";", "("], opening.lowerBound..<start)
    }

    /// Listed parts are separated by a comma or semicolon, or by "and".
    func isListSeparator(_ gap: Range<Int>) -> Bool {
        contains([",", ";", "،", "؛"], gap) || has(lexicon.and, gap)
    }

    /// A whole followed by its parts: "W, of which A and B" (no part above the whole) and "W: A …, B …" or
    /// "W (A; B)" (the parts add up to the whole).
    func breakdowns() -> [FigureFinding] {
        var findings: [FigureFinding] = []
        var i = 0
        while i + 1 < figures.count {
            defer { i += 1 }
            let whole = figures[i]
            guard whole.isAmount || whole.kind == .percent || (whole.isFraction && !isRank(i)) else { continue }
            let opening = gap(i, i + 1)
            let list = whole.isCount && isListOpening(opening)
            let ofWhich = !list && isOfWhich(opening)
            guard ofWhich || list else { continue }
            let isPart: (ReadFigure) -> Bool = { part in
                if list { return part.isCount }
                return whole.kind == .percent ? part.kind == .percent : (part.isAmount && part.exponent == whole.exponent)
            }
            var parts: [Int] = []
            var j = i + 1
            while j < figures.count, isPart(figures[j]), gap(j - 1, j).count <= Self.near,
                  parts.isEmpty || (!has(lexicon.ofWhich, gap(j - 1, j)) && (!list || isListSeparator(gap(j - 1, j)))) {
                parts.append(j)
                j += 1
            }
            // A list of one is not a breakdown; a part of "of which" is.
            guard parts.count >= (list ? 2 : 1) else { continue }
            let wholeValue = whole.value, wholeMax = whole.interval.upperBound
            if ofWhich, let over = parts.first(where: { figures[$0].interval.lowerBound > wholeMax }) {
                findings.append(finding(.partExceedsWhole, figures[over].span, claim: "\(quote(figures[over])) as a part of \(quote(whole))",
                                        expected: "a part of \(quote(whole)) is at most \(quote(whole))", .high))
                continue
            }
            let low = parts.reduce(Decimal(0)) { $0 + figures[$1].interval.lowerBound }
            let high = parts.reduce(Decimal(0)) { $0 + figures[$1].interval.upperBound }
            let listed = parts.map { quote(figures[$0]) }.joined(separator: " + ")
            let span = whole.span.lowerBound..<figures[parts.last!].span.upperBound
            if list, parts.count >= 2, !(low...high).contains(wholeValue) {
                findings.append(finding(.partsSum, span, claim: "\(listed) as the parts of \(quote(whole))",
                                        expected: "the parts add up to \(format.number(low, decimals: 0))", .medium))
            } else if ofWhich, parts.count >= 2, low > wholeMax {
                findings.append(finding(.partsSum, span, claim: "\(listed) as parts of \(quote(whole))",
                                        expected: "the parts add up to more than the whole", .medium))
            }
            i = j - 1
        }
        return findings
    }
}
