import Foundation

extension Rollup {
    /// A parent's figure from its children's, by the indicator's kind (see ``RollupParts/combine(_:kind:weights:)``,
    /// where the rule lives).
    public static func combine(_ figures: [Figure], kind: IndicatorKind, weights: [Decimal]? = nil) -> Figure? {
        if let weights, weights.count != figures.count { return nil }
        return RollupParts.combine(figures.map { ($0, false) }, kind: kind, weights: weights?.map { .value($0) })?.figure
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
