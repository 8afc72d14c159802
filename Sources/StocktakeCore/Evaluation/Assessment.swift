import Foundation

/// The pure comparisons behind a target's status, achievement and gap, and the derivations from reported
/// comparisons. Each function decides one thing, so the seeds' arithmetic can be tested directly.
public enum Assessment {
    /// Status of a measured value against a stated bound. A one-sided bound is exceeded when the value is strictly
    /// better than it, met when equal; `between` and `exactly` are met or not met.
    public static func status(of measured: Decimal, against bound: Target.Bound) -> Status? {
        switch bound {
        case .atLeast(let v?):
            return measured > v ? .exceeded : measured == v ? .met : .notMet
        case .atMost(let v?):
            return measured < v ? .exceeded : measured == v ? .met : .notMet
        case .between(let low, let high):
            return (low...high).contains(measured) ? .met : .notMet
        case .exactly(let v):
            return measured == v ? .met : .notMet
        case .atLeast(nil), .atMost(nil):
            return nil
        }
    }

    /// Status from a stated ratio of actual to an unstated bound (1.322 exceeds an `at least` bound).
    public static func status(ofRatio ratio: Decimal, against bound: Target.Bound) -> Status? {
        switch bound {
        case .atLeast: return ratio > 1 ? .exceeded : ratio == 1 ? .met : .notMet
        case .atMost: return ratio < 1 ? .exceeded : ratio == 1 ? .met : .notMet
        case .between, .exactly: return nil
        }
    }

    /// actual ÷ target, e.g. 1,150 new members against 1,000 is 1.15 (115.00 %).
    public static func achievement(actual: Decimal, target: Decimal) -> Decimal? {
        target == 0 ? nil : actual / target
    }

    /// Change on a base: ratio − 1 in percent for amounts and counts, the difference in points for rates and shares.
    public static func change(from previous: Figure, to current: Figure, kind: IndicatorKind) -> Change? {
        if kind.comparesInPoints {
            return Change(value: current.measured - previous.measured, inPoints: true, reported: false)
        }
        guard previous.measured != 0 else { return nil }
        return Change(value: (current.measured / previous.measured - 1) * 100, inPoints: false, reported: false)
    }

    /// The base a reported comparison implies: 20,699.5 "exceeding the estimate by 32.2 %" → 20,699.5 ÷ 1.322,
    /// with the range of bases whose comparison also prints as 32.2 %.
    public static func base(implying comparison: ReportedComparison, actual: Decimal) -> DerivedValue? {
        let ratios = comparison.ratioRange
        guard comparison.ratio > 0, ratios.lowerBound > 0 else { return nil }
        let bounds = [actual / ratios.upperBound, actual / ratios.lowerBound]
        return DerivedValue(
            estimate: actual / comparison.ratio, range: bounds.min()!...bounds.max()!, from: comparison)
    }

    /// The percentage that a comparison of `actual` with `base` prints as, at the comparison's precision.
    public static func printedPercent(actual: Decimal, base: Decimal, relation: ReportedComparison.Relation, decimals: Int)
        -> Decimal?
    {
        guard base != 0 else { return nil }
        let percent = relation == .change ? (actual / base - 1) * 100 : actual / base * 100
        return percent.rounded(decimals)
    }
}
