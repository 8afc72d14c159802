import Foundation

/// What one unit's evaluation rests on, as a store reads it for that unit alone: no other unit's figures are
/// needed, because roll-ups come maintained and ranks come counted. The whole evaluation (``Evaluator``) and
/// this one apply the same rules, so a unit's results are the same whichever computed them.
public struct UnitSlice: Sendable {
    public var unit: OrgUnit
    public var period: Period
    public var indicators: [IndicatorCode: Indicator]
    /// The latest revision of each of the unit's own figures of the period.
    public var own: [IndicatorCode: Observation] = [:]
    /// The unit's maintained roll-ups of the period (own figures are taken from `own`, with their claims).
    public var rollups: [IndicatorCode: RollupParts] = [:]
    /// The figure that counted a year earlier: the unit's own, and those of the units merged into it since.
    public var earlier: [IndicatorCode: Figure] = [:]
    public var earlierOfPredecessors: [IndicatorCode: [Figure]] = [:]
    /// The unit's children active in the period that did not report each indicator whose roll-up is incomplete.
    public var missing: [IndicatorCode: [UnitCode]] = [:]
    /// The unit's targets and key tasks of the period.
    public var targets: [Target] = []
    public var tasks: [KeyTask] = []
    /// The ranges of the unit's own earlier figures.
    public var history = History()
    /// For each rate and share the unit has an own figure of, the own figures of the units beside it that the ranks
    /// count (its parent's active children but itself): what a figure far from its peers is judged against.
    public var peers: [IndicatorCode: [Decimal]] = [:]
    /// The unit's positions among its peers in every scope, for each indicator it has a figure of.
    public var ranks: [IndicatorCode: [PeerScope: Rank]] = [:]
    /// The validation rules to check the unit's figures with.
    public var rules: [ValidationRule] = []

    public init(unit: OrgUnit, period: Period, indicators: [IndicatorCode: Indicator]) {
        self.unit = unit
        self.period = period
        self.indicators = indicators
    }

    /// Whether one of the unit's figures states its rank: only then can its ranks make a finding.
    public var statesARank: Bool {
        own.values.contains { !$0.claims.ranks.isEmpty }
    }

    /// The indicators of the unit's roll-ups that some active child did not report.
    public var incompleteRollups: [IndicatorCode] {
        rollups.filter { $0.value.reporting < $0.value.expected }.keys.sorted()
    }

    /// The unit's evaluation as of `asOf`: the results, ranks, task summary and findings about the unit that the
    /// whole evaluation gives it.
    public func review(asOf: CalendarDate) -> UnitReview {
        var findings: [Finding] = []
        var results: [IndicatorResult] = []
        let codes = Set(own.keys).union(rollups.keys).union(targets.filter { $0.period == period }.map(\.indicator))
        let active = unit.isActive(in: period)
        for code in codes.sorted() {
            guard let indicator = indicators[code] else { continue }
            let key = ObservationKey(unit: unit.code, indicator: code, period: period)
            let rollup = rollups[code]?.rollup
            if let rollup {
                Evaluator.rollupFindings(key, own: own[code], rollup: rollup, indicator: indicator, missing: { missing[code] ?? [] }, findings: &findings)
            }
            results.append(Evaluator.result(
                for: key, indicator: indicator, own: own[code], rollup: rollup,
                earlier: Evaluator.earlierFigures(own: earlier[code], predecessors: earlierOfPredecessors[code] ?? [], kind: indicator.kind),
                targets: targets.filter { $0.indicator == code && $0.period == period }, asOf: asOf,
                ranks: { active ? ranks[code] ?? [:] : [:] }, findings: &findings))
        }
        findings += own.values.compactMap { Evaluator.unusual($0, history: history, peers: peers[$0.key.indicator] ?? [], indicators: indicators) }
        if !rules.isEmpty {
            var figures: [IndicatorCode: Figure] = [:]
            for indicator in rules.reduce(into: Set<IndicatorCode>(), { $0.formUnion($1.indicators) }) {
                figures[indicator] = own[indicator]?.figure ?? rollups[indicator]?.figure
            }
            findings += Evaluator.ruleFindings(rules, unit: unit, period: period, figures: figures)
        }
        let tasks = Evaluator.summarizeTasks(tasks.filter { $0.unit == unit.code }, period: period, asOf: asOf, findings: &findings)[unit.code]
        return UnitReview(
            unit: unit, period: period, asOf: asOf, results: results, ranks: active ? ranks : [:], tasks: tasks,
            findings: Finding.sorted(findings))
    }
}

/// One unit's evaluation for a period, read from a store without evaluating anything else.
public struct UnitReview: Sendable {
    public let unit: OrgUnit
    public let period: Period
    public let asOf: CalendarDate
    /// In indicator code order, as ``Evaluation/results(for:)``.
    public let results: [IndicatorResult]
    let ranks: [IndicatorCode: [PeerScope: Rank]]
    /// Nil when the unit has no key tasks for the period.
    public let tasks: TaskSummary?
    /// Findings about the unit itself (not the units below it).
    public let findings: [Finding]

    /// The unit's positions among its peers on one indicator, as ``Evaluation/ranks(for:)``.
    public func ranks(for indicator: IndicatorCode) -> [PeerScope: Rank] {
        ranks[indicator] ?? [:]
    }

    /// The same review with the results, ranks and findings of `indicators` alone (a report of approved figures).
    public func limited(to indicators: Set<IndicatorCode>) -> UnitReview {
        UnitReview(
            unit: unit, period: period, asOf: asOf, results: results.filter { indicators.contains($0.indicator) },
            ranks: ranks.filter { indicators.contains($0.key) }, tasks: tasks, findings: findings.filter { $0.indicator.map(indicators.contains) ?? true })
    }
}

extension Evaluation {
    /// One unit's part of the whole evaluation, in the form a store reads it (``UnitSlice/review(asOf:)``).
    public func review(of unit: OrgUnit) -> UnitReview {
        let results = results(for: unit.code)
        var ranks: [IndicatorCode: [PeerScope: Rank]] = [:]
        for result in results {
            let unitRanks = self.ranks(for: result.key)
            if !unitRanks.isEmpty { ranks[result.indicator] = unitRanks }
        }
        return UnitReview(
            unit: unit, period: period, asOf: asOf, results: results, ranks: ranks, tasks: tasks[unit.code],
            findings: findings(for: [unit.code]))
    }

    /// Where `review`, read for one unit without this evaluation, differs from this evaluation's part for the
    /// unit (results, ranks in every scope, tasks, findings): empty when they agree.
    public func differences(from review: UnitReview) -> [String] {
        let unit = review.unit.code
        let expected = results(for: unit)
        var differences: [String] = []
        if review.results != expected {
            let apart = zip(review.results, expected).first { $0 != $1 }
            differences.append("\(unit) results: read \(apart.map { "\($0.0)" } ?? "\(review.results.count)"), evaluated \(apart.map { "\($0.1)" } ?? "\(expected.count)")")
        }
        for result in expected where review.ranks(for: result.indicator) != ranks(for: result.key) {
            differences.append("\(result.key) ranks: read \(review.ranks(for: result.indicator)), evaluated \(ranks(for: result.key))")
        }
        if review.tasks != tasks[unit] { differences.append("\(unit) tasks: read \(String(describing: review.tasks)), evaluated \(String(describing: tasks[unit]))") }
        let evaluated = Set(findings(for: [unit]))
        if Set(review.findings) != evaluated {
            let read = Set(review.findings)
            differences.append("\(unit) findings: only read \(read.subtracting(evaluated).map(\.description).sorted()), only evaluated \(evaluated.subtracting(read).map(\.description).sorted())")
        }
        return differences
    }
}

extension Finding {
    /// Findings in the order every listing shows them: by unit, indicator and kind.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted { ($0.unit, $0.indicator?.rawValue ?? "", $0.code) < ($1.unit, $1.indicator?.rawValue ?? "", $1.code) }
    }
}
