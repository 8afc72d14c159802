import Foundation
import StocktakeCore

/// The figures the store holds for one unit and period, with every name their indicators have, for checking a
/// text's figures against them.
public struct StoredFigures: Sendable {
    public struct Entry: Sendable {
        public let indicator: IndicatorCode
        public let figure: Figure
        /// Whether the figure prints as a percentage (shares, and values measured in %).
        public let isPercent: Bool
        /// The power of ten of a scale word in the measure ("billion VND": 9), so "20.7 trillion" may be compared.
        public let measureExponent: Int
    }

    public let unit: UnitCode
    public let period: Period
    public let entries: [Entry]

    /// Every indicator's names, longest first, with the entry holding its figure (nil when the unit has none):
    /// a name inside a longer one ("… admitted" in "… admitted (district level)") is the longer one's.
    let names: [(name: [Unicode.Scalar], entry: Int?)]

    /// - Parameter figures: the figure that counts of each indicator the unit has one of.
    public init(unit: UnitCode, period: Period, indicators: [Indicator], figures: [IndicatorCode: Figure]) {
        self.unit = unit
        self.period = period
        var entries: [Entry] = [], names: [(name: [Unicode.Scalar], entry: Int?)] = []
        for indicator in indicators {
            var entry: Int?
            if let figure = figures[indicator.code] {
                let measures = indicator.measure.values
                let percent: Bool = if case .share = figure { true } else { measures.values.contains("%") }
                let exponent = measures.compactMap { language, measure in
                    let text = ScalarText(measure)
                    return ReportLanguage(rawValue: language).flatMap { Lexicon.of($0).scales.first { text.hasWord($0.word, at: 0) }?.exponent }
                }.first ?? 0
                entry = entries.count
                entries.append(Entry(indicator: indicator.code, figure: figure, isPercent: percent, measureExponent: exponent))
            }
            for name in Set(indicator.names.values.values.map { $0.lowercased() }) where name.unicodeScalars.count >= 4 {
                names.append((Array(name.unicodeScalars), entry))
            }
        }
        self.entries = entries
        self.names = names.sorted { $0.name.count > $1.name.count }
    }
}

extension SentenceClaims {
    /// A figure right after a stored indicator's name must be its stored value at the printed precision.
    func stored(_ stored: StoredFigures) -> [FigureFinding] {
        var findings: [FigureFinding] = []
        var named: [Range<Int>] = [], checked = Set<Int>()
        for (name, entry) in stored.names {
            var index = range.lowerBound
            while index + name.count <= range.upperBound {
                defer { index += 1 }
                guard text.hasWord(name, at: index), text.isWordStart(index) else { continue }
                let end = index + name.count
                guard !named.contains(where: { $0.overlaps(index..<end) }) else { continue }
                named.append(index..<end)
                guard let entry, let f = figures.firstIndex(where: { $0.span.lowerBound >= end }), !checked.contains(f) else { continue }
                let between = end..<figures[f].span.lowerBound
                let after = figures[f].span.upperBound..<min(range.upperBound, figures[f].span.upperBound + 20)
                checked.insert(f)
                // The figure follows the name directly, or after a verb of reaching ("reached", "đạt", "έφτασε τα");
                // a count of peers or of units reporting ("62 of 63") is not the indicator's figure.
                let words = text.scalars[between].contains(where: ScalarText.isLetter)
                let counted = f + 1 < figures.count && lexicon.of.contains(trimmed(gap(f, f + 1)))
                guard between.count <= 30, !words || has(lexicon.reach, between), !counted, !contains(["≥", "≤", "=", "≈", "<", ">"], between),
                      !has(lexicon.bounds + lexicon.target + lexicon.up + lexicon.down, between), !has(lexicon.bounds, after),
                      // A share prints as "x/y (p %)"; a bare x/y after the name counts something else ("62/63 not reported").
                      !(figures[f].isFraction && !(f + 1 < figures.count && figures[f + 1].kind == .percent && gap(f, f + 1).count <= 4)),
                      let finding = compare(figures[f], with: stored.entries[entry], stored: stored)
                else { continue }
                findings.append(finding)
            }
        }
        return findings
    }

    private func compare(_ figure: ReadFigure, with entry: StoredFigures.Entry, stored: StoredFigures) -> FigureFinding? {
        let what = "the stored figure of \(entry.indicator) for \(stored.unit) in \(stored.period)"
        switch (entry.figure, figure.kind) {
        case (.share(let x, let y), .fraction(let denominator)):
            guard figure.printed != x || denominator != y else { return nil }
            return finding(.storedValue, figure.span, claim: quote(figure), expected: "\(what) is \(format.number(x, decimals: 0))/\(format.number(y, decimals: 0))", .high)
        case (_, .percent) where entry.isPercent:
            guard !figure.interval.contains(entry.figure.measured) else { return nil }
            return finding(.storedValue, figure.span, claim: quote(figure), expected: "\(what) is \(percent(entry.figure.measured, like: figure))", .high)
        case (.value(let v), .number) where !entry.isPercent && !figure.isYear && !figure.isApproximate:
            // Printing rounds: the stored value may have more decimals than the text, with or without a scale word.
            let half = Decimal(sign: .plus, exponent: -figure.decimals, significand: 5) / 10
            let scale = Decimal(sign: .plus, exponent: figure.exponent, significand: 1)
            let asPrinted = (figure.printed - half)...(figure.printed + half)
            let asScaled = ((figure.printed - half) * scale)...((figure.printed + half) * scale)
            guard !asPrinted.contains(v), !asScaled.contains(v * Decimal(sign: .plus, exponent: entry.measureExponent, significand: 1)) else { return nil }
            return finding(.storedValue, figure.span, claim: quote(figure), expected: "\(what) is \(format.number(v, decimals: max(figure.decimals, Decimal.decimalPlaces(in: v.exactText))))", .high)
        default:
            return nil
        }
    }
}
