import Foundation

/// Evaluates a whole tree for a period in one pass over the snapshot: roll-ups bottom-up per indicator, then
/// changes, targets and ranks for every unit at once, then findings. No work is done per unit query.
public struct Evaluator: Sendable {
    public let tree: UnitTree
    public let indicators: [IndicatorCode: Indicator]
    let targets: [ObservationKey: [Target]]
    let tasks: [KeyTask]
    /// Latest revisions by period, then indicator, then unit.
    let observations: [Period: [IndicatorCode: [UnitCode: Observation]]]
    /// Earlier figures' ranges; when absent, gathered from the data set's own observations.
    let history: History?

    /// - Parameters:
    ///   - snapshot: the tree, definitions, the period's targets and tasks, and observations of the period and the
    ///     year before (more years are read only for the history check, when `history` is absent).
    ///   - history: the ranges of earlier figures, when the caller gathered them (a store streams them).
    public init(_ snapshot: DataSet, history: History? = nil) {
        self.history = history
        tree = UnitTree(snapshot.units)
        indicators = Dictionary(snapshot.indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        targets = Dictionary(grouping: snapshot.targets) {
            ObservationKey(unit: $0.unit, indicator: $0.indicator, period: $0.period)
        }
        tasks = snapshot.tasks
        var byPeriod: [Period: [IndicatorCode: [UnitCode: Observation]]] = [:]
        for (key, observation) in snapshot.latestObservations {
            byPeriod[key.period, default: [:]][key.indicator, default: [:]][key.unit] = observation
        }
        observations = byPeriod
    }

    /// Per indicator, per unit: the own observation and the roll-up of its children, for one period.
    struct PeriodFigures {
        var own: [IndicatorCode: [UnitCode: Observation]] = [:]
        var rollups: [IndicatorCode: [UnitCode: Rollup]] = [:]

        func actual(_ unit: UnitCode, _ indicator: IndicatorCode) -> Figure? {
            own[indicator]?[unit]?.figure ?? rollups[indicator]?[unit]?.figure
        }
    }

    public func evaluate(period: Period, asOf: CalendarDate) -> Evaluation {
        var findings: [Finding] = []
        let current = figures(for: period, findings: &findings)
        var ignored: [Finding] = []
        let earlier = figures(for: period.yearEarlier, findings: &ignored)

        // Every unit with a figure or a target for the period gets a result.
        var keys = Set(targets.keys.filter { $0.period == period })
        for (indicator, units) in current.own { for unit in units.keys { keys.insert(.init(unit: unit, indicator: indicator, period: period)) } }
        for (indicator, units) in current.rollups { for unit in units.keys { keys.insert(.init(unit: unit, indicator: indicator, period: period)) } }

        let ranks = rankAll(current, period: period)
        var results: [ObservationKey: IndicatorResult] = [:]
        results.reserveCapacity(keys.count)
        for key in keys {
            guard let indicator = indicators[key.indicator], tree[key.unit] != nil else { continue }
            let own = current.own[key.indicator]?[key.unit]
            let rollup = current.rollups[key.indicator]?[key.unit]
            let actual = own?.figure ?? rollup?.figure
            let previous = previousFigure(key, indicator: indicator, earlier: earlier, own: own, findings: &findings)
            let change = previous.flatMap { previous -> Change? in
                if case .derived(let derived) = previous.source {
                    return Change(
                        value: derived.from.relation == .change ? derived.from.percent : derived.from.percent - 100,
                        inPoints: false, reported: true)
                }
                return actual.flatMap { Assessment.change(from: previous.figure, to: $0, kind: indicator.kind) }
            }
            let unitRanks = ranks[key] ?? [:]
            for claim in own?.claims.ranks ?? [] {
                if let computed = unitRanks[claim.peers], computed.position != claim.position {
                    findings.append(Finding(key, .rankMismatch(peers: claim.peers, reported: claim.position, computed: computed)))
                }
            }
            results[key] = IndicatorResult(
                unit: key.unit, indicator: key.indicator, own: own, rollup: rollup, previous: previous, change: change,
                targets: (targets[key] ?? []).sorted { $0.code < $1.code }.map {
                    assess($0, indicator: indicator, own: own, actual: actual, change: change, asOf: asOf, findings: &findings)
                },
                ranks: unitRanks)
        }
        findings += outliers(current, period: period)
        let summaries = summarizeTasks(period: period, asOf: asOf, findings: &findings)
        return Evaluation(
            period: period, asOf: asOf, results: results, tasks: summaries,
            findings: findings.sorted { ($0.unit, $0.indicator?.rawValue ?? "", $0.code) < ($1.unit, $1.indicator?.rawValue ?? "", $1.code) })
    }

    // MARK: - Roll-ups

    func figures(for period: Period, findings: inout [Finding]) -> PeriodFigures {
        var result = PeriodFigures()
        result.own = observations[period] ?? [:]
        // Rates weighted by another indicator need that indicator's figures first.
        let codes = Set(result.own.keys).sorted { (indicators[$0]?.kind == .rate ? 1 : 0, $0) < (indicators[$1]?.kind == .rate ? 1 : 0, $1) }
        for code in codes {
            guard let indicator = indicators[code] else { continue }
            if indicator.kind == .rate && indicator.weight == nil { continue }
            var rollups: [UnitCode: Rollup] = [:]
            var actual: [UnitCode: Figure] = [:]
            for (unit, observation) in result.own[code] ?? [:] { actual[unit] = observation.figure }
            for unit in tree.bottomUp {
                let children = tree.activeChildren(of: unit, in: period)
                guard !children.isEmpty else { continue }
                let reporting = children.filter { actual[$0] != nil }
                guard !reporting.isEmpty else { continue }
                let weights = indicator.weight.map { weight in reporting.compactMap { result.actual($0, weight)?.measured } }
                guard let figure = Rollup.combine(reporting.map { actual[$0]! }, kind: indicator.kind, weights: weights) else { continue }
                let synthetic = reporting.contains {
                    result.own[code]?[$0]?.source.kind == .synthetic || rollups[$0]?.includesSynthetic == true
                }
                let rollup = Rollup(figure: figure, reporting: reporting.count, expected: children.count, includesSynthetic: synthetic)
                rollups[unit] = rollup
                let key = ObservationKey(unit: unit, indicator: code, period: period)
                if let own = result.own[code]?[unit] {
                    if rollup.isComplete, Rollup.differsBeyondRounding(
                        own.figure, figure, kind: indicator.kind, decimals: indicator.decimals, reporting: reporting.count)
                    {
                        findings.append(Finding(key, .rollupMismatch(own: own.figure, rollup: figure, reporting: reporting.count)))
                    }
                } else {
                    actual[unit] = figure
                }
                if !rollup.isComplete {
                    let missing = children.filter { actual[$0] == nil }
                    findings.append(Finding(key, .missingReports(missing: missing, expected: children.count)))
                }
            }
            result.rollups[code] = rollups
        }
        return result
    }

    // MARK: - Change on a year earlier

    func previousFigure(
        _ key: ObservationKey, indicator: Indicator, earlier: PeriodFigures, own: Observation?, findings: inout [Finding]
    ) -> Previous? {
        let earlierPeriod = key.period.yearEarlier
        var figures = earlier.actual(key.unit, key.indicator).map { [$0] } ?? []
        if indicator.kind != .rate {
            for predecessor in tree.predecessors(of: key.unit, activeIn: earlierPeriod, goneBy: key.period) {
                if let figure = earlier.actual(predecessor, key.indicator) { figures.append(figure) }
            }
        }
        let claim = own?.claims.comparisons.first { $0.basis == .yearEarlier }
        if let stored = figures.count == 1 ? figures.first : Rollup.combine(figures, kind: indicator.kind) {
            if let claim, let own, let printed = Assessment.printedPercent(
                actual: own.figure.measured, base: stored.measured, relation: claim.relation, decimals: claim.decimals),
                printed != claim.percent
            {
                findings.append(Finding(key, .comparisonMismatch(reported: claim, computedPercent: printed)))
            }
            return Previous(figure: stored, source: .stored)
        }
        guard let claim, let own, !indicator.kind.comparesInPoints,
            let derived = Assessment.base(implying: claim, actual: own.figure.measured)
        else { return nil }
        return Previous(figure: .value(derived.estimate), source: .derived(derived))
    }

    // MARK: - Targets

    func assess(
        _ target: Target, indicator: Indicator, own: Observation?, actual: Figure?, change: Change?, asOf: CalendarDate,
        findings: inout [Finding]
    ) -> TargetResult {
        let open = target.period.isOpen(on: asOf)
        let measured: Decimal? = target.basis == .absolute ? actual?.measured : change?.value
        guard let measured else {
            return TargetResult(target: target, status: open ? .notYetDue : .noData, measured: nil, achievement: nil, gapPoints: nil, derivedBound: nil)
        }
        let key = ObservationKey(unit: target.unit, indicator: target.indicator, period: target.period)
        let claim = own?.claims.comparisons.first { $0.basis == .target(target.code) }
        let inRatio = target.basis == .absolute && !indicator.kind.comparesInPoints
        var status: Status
        var achievement: Decimal?
        var gap: Decimal?
        var derived: DerivedValue?
        if let value = target.bound.value {
            status = Assessment.status(of: measured, against: target.bound) ?? .noData
            if inRatio {
                achievement = Assessment.achievement(actual: measured, target: value)
            } else {
                gap = measured - value
            }
            if let claim, inRatio, let printed = Assessment.printedPercent(
                actual: measured, base: value, relation: claim.relation, decimals: claim.decimals), printed != claim.percent
            {
                findings.append(Finding(key, .comparisonMismatch(reported: claim, computedPercent: printed)))
            }
        } else if case .between(let low, let high) = target.bound {
            status = Assessment.status(of: measured, against: target.bound) ?? .noData
            gap = measured < low ? measured - low : measured > high ? measured - high : 0
        } else if let claim, inRatio, let base = Assessment.base(implying: claim, actual: measured) {
            status = Assessment.status(ofRatio: claim.ratio, against: target.bound) ?? .noData
            achievement = claim.ratio
            derived = base
        } else {
            status = .noData
        }
        if open && status == .notMet { status = .notYetDue }
        return TargetResult(target: target, status: status, measured: measured, achievement: achievement, gapPoints: gap, derivedBound: derived)
    }

    // MARK: - Ranks

    func rankAll(_ figures: PeriodFigures, period: Period) -> [ObservationKey: [PeerScope: Rank]] {
        var result: [ObservationKey: [PeerScope: Rank]] = [:]
        let scopes = tree.peerScopes
        let codes = Set(figures.own.keys).union(figures.rollups.keys)
        for code in codes {
            guard let indicator = indicators[code] else { continue }
            var entries: [(unit: OrgUnit, value: Decimal, synthetic: Bool)] = []
            let units = Set((figures.own[code] ?? [:]).keys).union((figures.rollups[code] ?? [:]).keys)
            for code2 in units {
                guard let unit = tree[code2], unit.isActive(in: period), let figure = figures.actual(code2, code) else { continue }
                let own = figures.own[code]?[code2]
                let synthetic = own.map { $0.source.kind == .synthetic } ?? (figures.rollups[code]?[code2]?.includesSynthetic ?? false)
                entries.append((unit, figure.measured, synthetic || unit.origin == .synthetic))
            }
            for scope in scopes {
                let groups = Dictionary(grouping: entries) { Ranking.peerGroup(of: $0.unit, in: scope) }
                for (group, members) in groups where group != nil {
                    let positions = Ranking.positions(members.map { (id: $0.unit.code, value: $0.value) }, better: indicator.better)
                    let synthetic = members.filter(\.synthetic).count
                    for member in members {
                        let key = ObservationKey(unit: member.unit.code, indicator: code, period: period)
                        result[key, default: [:]][scope] = Rank(
                            position: positions[member.unit.code]!, of: members.count,
                            syntheticPeers: synthetic - (member.synthetic ? 1 : 0))
                    }
                }
            }
        }
        return result
    }

    // MARK: - Findings on history and tasks

    /// Own figures far outside the unit's range over at least three earlier periods of the same kind.
    func outliers(_ figures: PeriodFigures, period: Period) -> [Finding] {
        let history = self.history ?? History(observations.values.flatMap { $0.values.flatMap(\.values) }, before: period)
        var result: [Finding] = []
        for (code, units) in figures.own {
            for (unit, observation) in units {
                let value = observation.figure.measured
                if let range = history.isFarOutside(value, unit: unit, indicator: code) {
                    result.append(Finding(observation.key, .outsideHistory(value: value, low: range.low, high: range.high, years: range.count)))
                }
            }
        }
        return result
    }

    func summarizeTasks(period: Period, asOf: CalendarDate, findings: inout [Finding]) -> [UnitCode: TaskSummary] {
        var summaries: [UnitCode: TaskSummary] = [:]
        for task in tasks where task.period == period {
            var summary = summaries[task.unit] ?? TaskSummary()
            summary.total += 1
            switch task.status {
            case .done(let completion): if completion.onTime { summary.doneOnTime += 1 } else { summary.doneLate += 1 }
            case .inProgress: summary.inProgress += 1
            case .notStarted: summary.notStarted += 1
            case .dropped: summary.dropped += 1
            }
            switch task.status {
            case .inProgress, .notStarted:
                if task.deadline < asOf {
                    summary.overdue += 1
                    findings.append(Finding(unit: task.unit, indicator: nil, period: period, problem: .overdueTask(task.code, deadline: task.deadline)))
                }
            case .done, .dropped: break
            }
            summaries[task.unit] = summary
        }
        return summaries
    }
}
