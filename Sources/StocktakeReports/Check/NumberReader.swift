import Foundation

/// Reads every figure of a text as its language writes them: grouping and decimal separators, Latin and
/// Arabic-Indic digits, percent signs and words, scale words, fractions, ordinals, dates and year ranges.
/// Document references ("381-NQ/TU") and codes ("B2", "COVID-19") are skipped. One pass, never backtracking
/// more than a few scalars, so any input is read in linear time.
struct NumberReader: Sendable {
    let lexicon: Lexicon

    /// More digits than this is not a figure anyone printed; it is skipped, not read into a huge number.
    static let maximumDigits = 30

    func figures(in text: ScalarText) -> [ReadFigure] {
        var figures: [ReadFigure] = []
        var index = 0
        while index < text.count {
            guard ScalarText.digit(text.scalars[index]) != nil else {
                index += 1
                continue
            }
            let (figure, end) = read(at: index, in: text)
            if let figure { figures.append(figure) }
            index = max(end, index + 1)
        }
        // "30,87 δισ. … 1,202 δισ.": three decimals alone may be the other convention's thousands, but a text that
        // writes its other decimals in its own convention, and none in the other, writes these in it too.
        if figures.contains(where: \.confirmsConvention), !figures.contains(where: { $0.isUncertainFormat && !$0.isAmbiguousDecimal }) {
            for i in figures.indices where figures[i].isAmbiguousDecimal { figures[i].isUncertainFormat = false }
        }
        return merged(figures, wordOrdinals(in: text))
    }

    /// Ranks written as words: "first in the region", "thứ nhất", "πρώτη θέση", "المرتبة الأولى".
    private func wordOrdinals(in text: ScalarText) -> [ReadFigure] {
        var found: [ReadFigure] = []
        var index = 0
        while index < text.count {
            defer { index += 1 }
            guard lexicon.ordinalInitials.contains(text.lower[index]), text.isWordStart(index) else { continue }
            guard let ordinal = lexicon.ordinals.first(where: { text.hasWord($0.word, at: index) }) else { continue }
            found.append(ReadFigure(kind: .ordinal, span: index..<index + ordinal.word.count, printed: Decimal(ordinal.rank), decimals: 0))
            index += ordinal.word.count - 1
        }
        return found
    }

    /// The figures read from digits with the word ordinals outside their spans, in text order.
    private func merged(_ numbers: [ReadFigure], _ words: [ReadFigure]) -> [ReadFigure] {
        var outside: [ReadFigure] = [], n = 0
        for word in words {
            while n < numbers.count, numbers[n].span.upperBound <= word.span.lowerBound { n += 1 }
            if n == numbers.count || !numbers[n].span.overlaps(word.span) { outside.append(word) }
        }
        return (numbers + outside).sorted { $0.span.lowerBound < $1.span.lowerBound }
    }

    // MARK: - One figure

    /// The figure whose first digit is at `start`, and the offset after it (and after anything skipped with it).
    private func read(at start: Int, in text: ScalarText) -> (ReadFigure?, Int) {
        if isAttached(start, in: text) { return (nil, skipToken(from: start, in: text)) }
        if let date = numericDate(at: start, in: text) { return (date, date.span.upperBound) }
        guard let number = number(at: start, in: text) else { return (nil, skipToken(from: start, in: text)) }
        var figure = ReadFigure(kind: .number, span: start..<number.end, printed: number.value, decimals: number.decimals)
        figure.isApproximate = isApproximate(start, in: text)
        figure.isUncertainFormat = number.uncertain
        figure.isAmbiguousDecimal = number.ambiguous
        figure.confirmsConvention = number.confirms
        var end = number.end

        // Written right after the digits: a fraction, a reference, an ordinal, or a code.
        if end < text.count {
            let next = text.scalars[end]
            if let length = text.word(from: lexicon.ordinalSuffixes, at: end), number.decimals == 0 {
                figure.kind = .ordinal
                figure.span = start..<end + length
                if let date = dayAndMonth(day: number.value, start: start, after: end + length, in: text) { return (date, date.span.upperBound) }
                return (figure, end + length)
            }
            if next == "/" || next == "-" || next == "–", end + 1 < text.count, ScalarText.isLetter(text.scalars[end + 1]) {
                return (nil, skipToken(from: start, in: text))
            }
            if next == "/", let denominator = self.number(at: end + 1, in: text) {
                if denominator.end < text.count, text.scalars[denominator.end] == "/" { return (nil, skipToken(from: start, in: text)) }
                // "2020/21", "2023/2024": a fiscal or school year, not a fraction.
                if number.isYearShaped, denominator.decimals == 0, denominator.digits == 2 || denominator.isYearShaped { return (nil, skipToken(from: start, in: text)) }
                figure.kind = .fraction(denominator: denominator.value)
                figure.denominatorDecimals = denominator.decimals
                figure.isUncertainFormat = number.uncertain || denominator.uncertain
                figure.isAmbiguousDecimal = figure.isUncertainFormat && (!number.uncertain || number.ambiguous) && (!denominator.uncertain || denominator.ambiguous)
                figure.span = start..<denominator.end
                // "12.221/23.600 tỷ đồng": an actual over its plan, both in the scale written after them.
                let after = text.skippingSpaces(denominator.end, limit: 1)
                if let scale = lexicon.scales.first(where: { text.hasWord($0.word, at: after) }) {
                    figure.exponent = scale.exponent
                    figure.span = start..<after + scale.word.count
                }
                return (figure, figure.span.upperBound)
            }
            if ScalarText.isNonArabicLetter(next) { return (nil, skipToken(from: start, in: text)) }
        }

        let after = text.skippingSpaces(end, limit: 1)
        if after < text.count, text.scalars[after] == "%" || text.scalars[after] == "٪" || text.scalars[after] == "％" {
            figure.kind = .percent
            end = after + 1
        } else if let length = text.word(from: lexicon.percentWords, at: after) {
            figure.kind = .percent
            end = after + length
        } else if number.isYearShaped, let range = yearRange(from: Int(truncating: number.value as NSNumber), start: start, after: number.end, in: text) {
            return (range, range.span.upperBound)
        } else if number.decimals == 0, !number.grouped, let date = dayAndMonth(day: number.value, start: start, after: number.end, in: text) {
            return (date, date.span.upperBound)
        } else if number.decimals == 0, !number.grouped, let date = monthAndDay(day: number.value, start: start, end: number.end, in: text) {
            return (date, date.span.upperBound)
        } else if let scale = lexicon.scales.first(where: { text.hasWord($0.word, at: after) }) {
            figure.exponent = scale.exponent
            end = after + scale.word.count
        } else if number.isYearShaped {
            figure.isYear = true
        } else if number.decimals == 0, text.word(from: lexicon.periods, at: after) != nil {
            figure.isPeriod = true
        } else if let length = text.word(from: lexicon.points, at: after) {
            figure.isPoints = true
            end = after + length
        }
        if figure.kind == .number, isRank(start, in: text) { figure.kind = .ordinal }
        figure.span = start..<end
        return (figure, end)
    }

    // MARK: - Numbers

    struct Number {
        var value: Decimal
        var decimals: Int
        var grouped: Bool
        var digits: Int
        var end: Int
        /// Read with the other convention's decimal mark ("7.5" in Vietnamese, "1,5" in English), or with three
        /// digits after the decimal mark and no group before, which the other convention reads as thousands.
        var uncertain = false
        /// Uncertain only for its three decimals, in the language's own decimal mark.
        var ambiguous = false
        /// Written so that only the language's convention reads it: decimals of other than three digits after its
        /// decimal mark, or two groups or more.
        var confirms = false
        var isYearShaped: Bool { digits == 4 && decimals == 0 && !grouped && (1900...2100).contains(value) }
    }

    /// Digits with the language's grouping and decimal separators, all in one digit system.
    func number(at start: Int, in text: ScalarText) -> Number? {
        guard start < text.count, let first = ScalarText.digit(text.scalars[start]) else { return nil }
        let system = first.system
        // Digits add up in an integer while they fit (Decimal arithmetic is slow), in a Decimal past that.
        var small: UInt64 = 0, large: Decimal?, digits = 0, index = start
        func take() {
            while index < text.count, let d = ScalarText.digit(text.scalars[index]), d.system == system {
                if digits < Self.maximumDigits {
                    if let value = large {
                        large = value * 10 + Decimal(d.value)
                    } else if small < 100_000_000_000_000_000 {
                        small = small * 10 + UInt64(d.value)
                    } else {
                        large = Decimal(small) * 10 + Decimal(d.value)
                    }
                }
                digits += 1
                index += 1
            }
        }
        take()
        let leading = digits
        var grouped = false, groups = 0
        // Arabic-Indic digits carry their own separators, whatever the language around them.
        let groupSeparators: Set<Unicode.Scalar> = system == 0 ? lexicon.groupSeparators : ["٬"]
        let decimalSeparators: Set<Unicode.Scalar> = system == 0 ? lexicon.decimalSeparators : ["٫"]
        // Groups of exactly three digits, after a first group of one to three.
        while leading <= 3, index < text.count, groupSeparators.contains(text.scalars[index]),
              threeDigits(at: index + 1, system: system, in: text) {
            index += 1
            take()
            grouped = true
            groups += 1
        }
        var decimals = 0, uncertain = false, ambiguous = false
        if index + 1 < text.count, decimalSeparators.contains(text.scalars[index]),
           let d = ScalarText.digit(text.scalars[index + 1]), d.system == system {
            index += 1
            let before = digits
            take()
            decimals = digits - before
            uncertain = decimals == 3 && !grouped && system == 0 && lexicon.language != .ar
            ambiguous = uncertain
        } else if !grouped, system == 0, lexicon.language != .ar, index + 1 < text.count,
                  [".", ","].contains(text.scalars[index]), !decimalSeparators.contains(text.scalars[index]),
                  let d = ScalarText.digit(text.scalars[index + 1]), d.system == 0, !threeDigits(at: index + 1, system: 0, in: text) {
            // "7.5 %" in a Vietnamese text, "1,5" in an English one: a decimal mark of the other convention.
            index += 1
            let before = digits
            take()
            decimals = digits - before
            uncertain = true
        }
        guard digits <= Self.maximumDigits else { return nil }
        let confirms = !uncertain && system == 0 && (decimals > 0 && decimals != 3 || groups >= 2)
        return Number(value: Decimal(sign: .plus, exponent: -decimals, significand: large ?? Decimal(small)), decimals: decimals, grouped: grouped,
                      digits: digits - decimals, end: index, uncertain: uncertain, ambiguous: ambiguous, confirms: confirms)
    }

    private func threeDigits(at index: Int, system: Int, in text: ScalarText) -> Bool {
        guard index + 3 <= text.count else { return false }
        for offset in 0..<3 {
            guard let d = ScalarText.digit(text.scalars[index + offset]), d.system == system else { return false }
        }
        return index + 3 == text.count || ScalarText.digit(text.scalars[index + 3]) == nil
    }

    // MARK: - Context

    /// A digit glued to a word or code before it: "B2", "COVID-19", "NQ/15".
    private func isAttached(_ start: Int, in text: ScalarText) -> Bool {
        guard start > 0 else { return false }
        let previous = text.scalars[start - 1]
        // "Sh34.44 billion": a currency glued to the digits, not a code.
        if ScalarText.isNonArabicLetter(previous) { return text.currency(endingAt: start) == nil }
        if previous == "/", isUnitBeforeSlash(start - 1, in: text) { return false }
        if previous == "-" || previous == "/" || previous == "_" || previous == "." || previous == "," {
            return start > 1 && (ScalarText.isLetter(text.scalars[start - 2]) || ScalarText.digit(text.scalars[start - 2]) != nil)
        }
        return false
    }

    /// "129 xã/193 xã": a short lower-case word between a number and a slash is the unit of an x/y; codes such as
    /// "NQ/TU" or "QĐ/193" are upper case.
    private func isUnitBeforeSlash(_ slash: Int, in text: ScalarText) -> Bool {
        var index = slash
        while index > 0, ScalarText.isLetter(text.scalars[index - 1]), slash - index < 12 { index -= 1 }
        guard index < slash, index > 1, ScalarText.isSpace(text.scalars[index - 1]), ScalarText.digit(text.scalars[index - 2]) != nil else { return false }
        return text.scalars[index..<slash].allSatisfy { $0.properties.isLowercase }
    }

    /// The offset after a token that is not a figure: letters, digits and the joiners of codes.
    private func skipToken(from start: Int, in text: ScalarText) -> Int {
        var index = start
        while index < text.count {
            let scalar = text.scalars[index]
            let joiner = scalar == "-" || scalar == "/" || scalar == "." || scalar == "_" || scalar == ","
            guard ScalarText.isLetter(scalar) || ScalarText.digit(scalar) != nil
                || (joiner && index + 1 < text.count && (ScalarText.isLetter(text.scalars[index + 1]) || ScalarText.digit(text.scalars[index + 1]) != nil))
            else { break }
            index += 1
        }
        return index
    }

    private func isApproximate(_ start: Int, in text: ScalarText) -> Bool {
        var index = start - 1
        while index >= 0, ScalarText.isSpace(text.scalars[index]) || ScalarText.isIgnorable(text.scalars[index]) { index -= 1 }
        return index >= 0 && (text.scalars[index] == "≈" || text.scalars[index] == "~")
    }

    /// A number right after a rank word: "thứ 15", "puesto 15", "المرتبة 15".
    private func isRank(_ start: Int, in text: ScalarText) -> Bool {
        text.ends(with: lexicon.rankBefore, in: max(0, start - 24)..<start)
    }

    // MARK: - Dates and years

    /// `31/12/2024`, `31.12.2024`, `2024-12-31`, each part possibly wrapped in bidirectional marks.
    private func numericDate(at start: Int, in text: ScalarText) -> ReadFigure? {
        var parts: [(value: Int, digits: Int)] = [], separator: Unicode.Scalar?, index = start
        while parts.count < 3 {
            index = text.skippingMarks(index)
            var value = 0, digits = 0
            while index < text.count, let d = ScalarText.digit(text.scalars[index]), digits < 5 {
                value = value * 10 + d.value
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            parts.append((value, digits))
            if parts.count == 3 { break }
            index = text.skippingMarks(index)
            guard index + 1 < text.count, ["/", ".", "-"].contains(text.scalars[index]), separator == nil || separator == text.scalars[index],
                  ScalarText.digit(text.scalars[index + 1]) != nil else {
                // "ngày 19/5", "Ngày 16.10": a day and its month after the word for a day.
                guard parts.count == 2, separator != "-", parts[0].digits <= 2, parts[1].digits <= 2, isAfterDayWord(start, in: text) else { return nil }
                return ReadFigure(kind: .date(year: nil, month: parts[1].value, day: parts[0].value, alternative: false), span: start..<index, printed: 0, decimals: 0)
            }
            separator = text.scalars[index]
            index += 1
        }
        guard index >= text.count || ScalarText.digit(text.scalars[index]) == nil else { return nil }
        let (a, b, c) = (parts[0], parts[1], parts[2])
        if a.digits == 4, b.digits <= 2, c.digits <= 2, separator == "-" {
            return ReadFigure(kind: .date(year: a.value, month: b.value, day: c.value, alternative: false), span: start..<index, printed: 0, decimals: 0)
        }
        guard a.digits <= 2, b.digits <= 2, c.digits == 4 || c.digits == 2 else { return nil }
        let year = c.digits == 4 ? c.value : 2000 + c.value
        if lexicon.monthFirstDates {
            return ReadFigure(kind: .date(year: year, month: a.value, day: b.value, alternative: true), span: start..<index, printed: 0, decimals: 0)
        }
        return ReadFigure(kind: .date(year: year, month: b.value, day: a.value, alternative: false), span: start..<index, printed: 0, decimals: 0)
    }

    private func isAfterDayWord(_ start: Int, in text: ScalarText) -> Bool {
        text.ends(with: lexicon.dayWords, in: max(0, start - 12)..<start)
    }

    /// `17 de enero de 2024`, `14ης Ιανουαρίου 2025`, `14 tháng 1, 2025`, `14 января 2025 г.`, `١٤ يناير ٢٠٢٥`.
    private func dayAndMonth(day: Decimal, start: Int, after end: Int, in text: ScalarText) -> ReadFigure? {
        guard day >= 0, day < 100 else { return nil }
        var index = text.skippingSpaces(end, limit: 1)
        if let length = text.word(from: lexicon.dayJoiners, at: index) { index = text.skippingSpaces(index + length, limit: 1) }
        guard let month = lexicon.months.first(where: { text.hasWord($0.name, at: index) && !(index + $0.name.count < text.count && ScalarText.digit(text.scalars[index + $0.name.count]) != nil) })
        else { return nil }
        let (year, last) = year(after: index + month.name.count, in: text)
        return ReadFigure(kind: .date(year: year, month: month.month, day: Int(truncating: day as NSNumber), alternative: false), span: start..<last, printed: 0, decimals: 0)
    }

    /// `January 17, 2024`: a day after a month's name.
    private func monthAndDay(day: Decimal, start: Int, end: Int, in text: ScalarText) -> ReadFigure? {
        guard lexicon.language == .en, day >= 0, day < 100 else { return nil }
        var index = start - 1
        while index >= 0, ScalarText.isSpace(text.scalars[index]) { index -= 1 }
        guard index >= 0, let month = lexicon.months.first(where: { month in
            let from = index + 1 - month.name.count
            return from >= 0 && text.hasWord(month.name, at: from) && text.isWordStart(from)
        }) else { return nil }
        let monthStart = index + 1 - month.name.count
        var last = end
        if let length = text.word(from: lexicon.ordinalSuffixes, at: end) { last += length }
        let (year, yearEnd) = year(after: last, in: text)
        return ReadFigure(kind: .date(year: year, month: month.month, day: Int(truncating: day as NSNumber), alternative: false), span: monthStart..<yearEnd, printed: 0, decimals: 0)
    }

    /// A year after a day and month: ", 2025", " de 2025", " năm 2025", " 2025 г.".
    private func year(after end: Int, in text: ScalarText) -> (Int?, Int) {
        var index = text.skippingMarks(end)
        if index < text.count, text.scalars[index] == "," || text.scalars[index] == "،" { index += 1 }
        index = text.skippingSpaces(index, limit: 1)
        if let length = text.word(from: Lexicon.yearJoiners.scalars, at: index) { index = text.skippingSpaces(index + length, limit: 1) }
        guard let number = number(at: index, in: text), number.isYearShaped,
              number.end >= text.count || !ScalarText.isNonArabicLetter(text.scalars[number.end]) else { return (nil, end) }
        return (Int(truncating: number.value as NSNumber), number.end)
    }

    /// `2020-2025`, `2020 – 2025`.
    private func yearRange(from first: Int, start: Int, after end: Int, in text: ScalarText) -> ReadFigure? {
        var index = text.skippingSpaces(end, limit: 1)
        guard index < text.count, ["-", "–", "—"].contains(text.scalars[index]) else { return nil }
        index = text.skippingSpaces(index + 1, limit: 1)
        guard let second = number(at: index, in: text), second.isYearShaped,
              second.end >= text.count || !ScalarText.isLetter(text.scalars[second.end]) else { return nil }
        return ReadFigure(kind: .yearRange(from: first, to: Int(truncating: second.value as NSNumber)), span: start..<second.end, printed: 0, decimals: 0)
    }
}
