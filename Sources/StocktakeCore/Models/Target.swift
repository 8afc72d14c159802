import Foundation

/// A value an indicator must reach, for a unit, in a period, set by a document.
public struct Target: Hashable, Sendable {
    public var code: TargetCode
    public var unit: UnitCode
    public var indicator: IndicatorCode
    public var period: Period
    public var document: DocumentCode?
    public var bound: Bound
    public var basis: Basis

    public init(
        code: TargetCode, unit: UnitCode, indicator: IndicatorCode, period: Period, document: DocumentCode?,
        bound: Bound, basis: Basis = .absolute
    ) {
        self.code = code
        self.unit = unit
        self.indicator = indicator
        self.period = period
        self.document = document
        self.bound = bound
        self.basis = basis
    }

    /// The condition on the measured value. A one-sided bound may be unstated (`nil`) when the source gives only
    /// how the result compares with it ("exceeding the estimate by 32.2 %"); evaluation then derives it from that
    /// reported comparison and says so, and never stores the derived figure as if it had been stated.
    public enum Bound: Hashable, Sendable {
        case atLeast(Decimal?)
        case atMost(Decimal?)
        case between(Decimal, Decimal)
        case exactly(Decimal)

        public var name: String {
            switch self {
            case .atLeast: "at_least"
            case .atMost: "at_most"
            case .between: "between"
            case .exactly: "exactly"
            }
        }

        /// A bound from above ("spending ≤ 463.3"): a figure over it is the bad side.
        public var isCeiling: Bool { if case .atMost = self { true } else { false } }

        /// The single stated value of a one-sided or exact bound.
        public var value: Decimal? {
            switch self {
            case .atLeast(let v), .atMost(let v): v
            case .exactly(let v): v
            case .between: nil
            }
        }
    }

    /// What the bound applies to: the value itself, or its change on the same period a year earlier
    /// ("grow at least 7 %": percent for amounts and counts, percentage points for rates and shares).
    public enum Basis: String, Hashable, Sendable, CaseIterable {
        case absolute
        case changeOnYearEarlier = "change_on_year_earlier"
    }
}
