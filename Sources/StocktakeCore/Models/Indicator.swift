/// What is measured: GRDP growth, budget revenue, communes meeting the new-rural standard, …
public struct Indicator: Hashable, Sendable {
    public var code: IndicatorCode
    public var names: LocalizedText
    /// The unit of measure per language ("billion VND", "tỷ đồng", "%", "communes").
    public var measure: LocalizedText
    public var kind: IndicatorKind
    public var better: BetterDirection
    /// Decimal places to print: percentages of rates and shares print with this many, amounts too.
    public var decimals: Int
    /// For a rate: the indicator whose values weight it when rolling up (a rate does not roll up without one).
    public var weight: IndicatorCode?
    public var origin: Origin

    public init(
        code: IndicatorCode, names: LocalizedText, measure: LocalizedText, kind: IndicatorKind,
        better: BetterDirection, decimals: Int, weight: IndicatorCode? = nil, origin: Origin = .recorded
    ) {
        self.code = code
        self.names = names
        self.measure = measure
        self.kind = kind
        self.better = better
        self.decimals = decimals
        self.weight = weight
        self.origin = origin
    }

    public static let decimalsRange = 0...6
}

/// How an indicator's values behave: whether they add up the tree and how they compare.
public enum IndicatorKind: String, Hashable, Sendable, CaseIterable {
    /// A quantity (budget revenue, new members admitted). Sums up the tree.
    case amount
    /// Whole things (houses built). Sums up the tree; values are whole numbers.
    case count
    /// x of y (159 of 182 communes). Stored as numerator and denominator; rolls up as Σx ÷ Σy.
    case share
    /// A percentage given as such (GRDP growth 13.85 %). Rolls up only as a mean weighted by another indicator.
    case rate

    /// Rates and shares compare in percentage points; amounts and counts as ratios.
    public var comparesInPoints: Bool { self == .rate || self == .share }
}

public enum BetterDirection: String, Hashable, Sendable, CaseIterable {
    case higher
    case lower
}
