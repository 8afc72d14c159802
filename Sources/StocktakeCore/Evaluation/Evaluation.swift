import Foundation

/// The evaluation of a whole tree for one period. Derived, never stored as truth: every figure here is
/// recomputed from stored observations.
public struct Evaluation: Sendable {
    public let period: Period
    public let asOf: CalendarDate
    public internal(set) var results: [ObservationKey: IndicatorResult] = [:]
    public internal(set) var tasks: [UnitCode: TaskSummary] = [:]
    public internal(set) var findings: [Finding] = []
    let tree: UnitTree
    /// The figures behind the results, kept so that an update can recompute only what it touches.
    var current: Evaluator.PeriodFigures
    let earlier: Evaluator.PeriodFigures
    var rankings: RankIndex

    init(period: Period, asOf: CalendarDate, tree: UnitTree, current: Evaluator.PeriodFigures, earlier: Evaluator.PeriodFigures, rankings: RankIndex) {
        self.period = period
        self.asOf = asOf
        self.tree = tree
        self.current = current
        self.earlier = earlier
        self.rankings = rankings
    }

    /// A unit's positions among its peers in every scope, for the result's indicator. Ties share a position.
    public func ranks(for key: ObservationKey) -> [PeerScope: Rank] {
        guard let unit = tree[key.unit], unit.isActive(in: period), let figure = current.actual(key.unit, key.indicator) else { return [:] }
        let synthetic = current.isSynthetic(key.unit, key.indicator) || unit.origin == .synthetic
        var result: [PeerScope: Rank] = [:]
        for scope in rankings.scopes {
            guard let group = Ranking.peerGroup(of: unit, in: scope),
                let rank = rankings.rank(of: figure.measured, synthetic: synthetic, indicator: key.indicator, scope: scope, group: group)
            else { continue }
            result[scope] = rank
        }
        return result
    }

    mutating func sortFindings() {
        findings = Finding.sorted(findings)
    }

    /// Every indicator some result is about, in code order: one unit's results are then found by key, not by a
    /// scan of a nation's results on every page.
    var indicators: [IndicatorCode] = []

    /// A unit's results, in indicator code order.
    public func results(for unit: UnitCode) -> [IndicatorResult] {
        indicators.compactMap { results[ObservationKey(unit: unit, indicator: $0, period: period)] }
    }

    public func findings(for units: Set<UnitCode>) -> [Finding] {
        findings.filter { units.contains($0.unit) }
    }
}

/// Where one unit stands on one indicator in the evaluated period.
public struct IndicatorResult: Sendable, Hashable {
    public let unit: UnitCode
    public let indicator: IndicatorCode
    public let period: Period
    /// The unit's own reported figure (latest revision).
    public let own: Observation?
    /// The figure computed from the unit's children, when any of them reported.
    public let rollup: Rollup?
    /// The figure of the same period a year earlier, with the history of merged units added in.
    public let previous: Previous?
    public let change: Change?
    public let targets: [TargetResult]

    public var key: ObservationKey { ObservationKey(unit: unit, indicator: indicator, period: period) }

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

    /// Whether the figure was derived from a stated change rather than stored.
    public var isDerived: Bool { if case .derived = source { true } else { false } }
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

    public init(position: Int, of: Int, syntheticPeers: Int) {
        self.position = position
        self.of = of
        self.syntheticPeers = syntheticPeers
    }
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
