import Foundation

/// The evaluation of a whole tree for one period. Derived, never stored as truth: every figure here is
/// recomputed from stored observations.
public struct Evaluation: Sendable {
    public let period: Period
    public let asOf: CalendarDate
    public let results: [ObservationKey: IndicatorResult]
    public let tasks: [UnitCode: TaskSummary]
    public let findings: [Finding]

    /// A unit's results, in indicator code order.
    public func results(for unit: UnitCode) -> [IndicatorResult] {
        results.values.filter { $0.unit == unit }.sorted { $0.indicator < $1.indicator }
    }

    public func findings(for units: Set<UnitCode>) -> [Finding] {
        findings.filter { units.contains($0.unit) }
    }
}

/// Where one unit stands on one indicator in the evaluated period.
public struct IndicatorResult: Sendable, Hashable {
    public let unit: UnitCode
    public let indicator: IndicatorCode
    /// The unit's own reported figure (latest revision).
    public let own: Observation?
    /// The figure computed from the unit's children, when any of them reported.
    public let rollup: Rollup?
    /// The figure of the same period a year earlier, with the history of merged units added in.
    public let previous: Previous?
    public let change: Change?
    public let targets: [TargetResult]
    public let ranks: [PeerScope: Rank]

    /// The figure that counts: the unit's own, else its children's roll-up.
    public var actual: Figure? { own?.figure ?? rollup?.figure }
    public var isSynthetic: Bool { own?.source.kind == .synthetic || (own == nil && rollup?.includesSynthetic == true) }
}

public struct Rollup: Sendable, Hashable {
    public let figure: Figure
    public let reporting: Int
    public let expected: Int
    public let includesSynthetic: Bool
    public var isComplete: Bool { reporting == expected }
}

public struct Previous: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Stored (the unit's own figure or its children's roll-up, plus merged units').
        case stored
        /// Not stored: derived from the change the source reported. The figure is the point estimate.
        case derived(DerivedValue)
    }

    public let figure: Figure
    public let source: Source
}

/// A change on the same period a year earlier: percent for amounts and counts, percentage points for rates
/// and shares.
public struct Change: Sendable, Hashable {
    public let value: Decimal
    public let inPoints: Bool
    /// Whether the change was computed from two stored figures or taken as the source stated it.
    public let reported: Bool
}

/// A figure the source did not state but that follows from one it did ("20,699.5, exceeding the estimate by
/// 32.2 %" → the estimate was about 15,657.7). The range holds every value consistent with the printed rounding.
public struct DerivedValue: Sendable, Hashable {
    public let estimate: Decimal
    public let range: ClosedRange<Decimal>
    public let from: ReportedComparison
}

public struct TargetResult: Sendable, Hashable {
    public let target: Target
    public let status: Status
    /// The value compared with the bound: the actual, or its change for targets on change.
    public let measured: Decimal?
    /// actual ÷ target for amounts and counts (1.076 = exceeding the plan by 7.6 %).
    public let achievement: Decimal?
    /// measured − target in percentage points, for rates, shares and targets on change.
    public let gapPoints: Decimal?
    /// The bound's value when the source did not state it but stated how the actual compared with it.
    public let derivedBound: DerivedValue?
}

public enum Status: String, Sendable, Hashable, CaseIterable {
    case exceeded
    case met
    case notMet = "not_met"
    case noData = "no_data"
    case notYetDue = "not_yet_due"
}

/// A unit's position among its peers. Ties share a position (1, 2, 2, 4).
public struct Rank: Sendable, Hashable {
    public let position: Int
    public let of: Int
    /// How many of the peers ranked have synthetic figures.
    public let syntheticPeers: Int
}

public struct TaskSummary: Sendable, Hashable {
    public var total = 0
    public var doneOnTime = 0
    public var doneLate = 0
    public var inProgress = 0
    public var notStarted = 0
    public var dropped = 0
    /// Not done and past the deadline on the evaluation day.
    public var overdue = 0

    public init() {}

    public var done: Int { doneOnTime + doneLate }
    /// Tasks that count: dropped tasks are listed apart, not counted as undone.
    public var counted: Int { total - dropped }
}
