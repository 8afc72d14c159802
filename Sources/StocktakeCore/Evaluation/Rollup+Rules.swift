import Foundation

extension Rollup {
    /// A parent's figure from its children's, by the indicator's kind: amounts and counts add up, shares add
    /// numerators and denominators (Σx ÷ Σy, never the mean of percentages), rates take the mean weighted by
    /// another indicator and do not roll up without one.
    public static func combine(_ figures: [Figure], kind: IndicatorKind, weights: [Decimal]? = nil) -> Figure? {
        guard !figures.isEmpty else { return nil }
        switch kind {
        case .amount, .count:
            return .value(figures.reduce(Decimal(0)) { $0 + $1.measured })
        case .share:
            var numerator = Decimal(0)
            var denominator = Decimal(0)
            for case .share(let x, let y) in figures {
                numerator += x
                denominator += y
            }
            return .share(numerator: numerator, denominator: denominator)
        case .rate:
            guard let weights, weights.count == figures.count else { return nil }
            let total = weights.reduce(Decimal(0), +)
            guard total != 0 else { return nil }
            let weighted = zip(figures, weights).reduce(Decimal(0)) { $0 + $1.0.measured * $1.1 }
            return .value(weighted / total)
        }
    }

    /// Whether an own figure and a roll-up differ by more than the rounding of `reporting` children printed with
    /// `decimals` places can explain. Counts are whole and must agree exactly.
    public static func differsBeyondRounding(
        _ own: Figure, _ rollup: Figure, kind: IndicatorKind, decimals: Int, reporting: Int
    ) -> Bool {
        let half = Decimal.halfUnit(decimals: decimals)
        switch kind {
        case .count:
            return own.measured != rollup.measured
        case .amount:
            return (own.measured - rollup.measured).magnitude > half * Decimal(reporting)
        case .share:
            return own.measured.rounded(decimals) != rollup.measured.rounded(decimals)
        case .rate:
            return (own.measured - rollup.measured).magnitude > half * 2
        }
    }
}
