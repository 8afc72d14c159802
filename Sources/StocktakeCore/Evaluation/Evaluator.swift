import Foundation

/// Evaluates a whole tree for a period in one pass over the snapshot: roll-ups bottom-up per indicator, then
/// changes, targets and ranks for every unit at once, then findings. No work is done per unit query. After a new
/// observation, ``update(_:with:)`` re-evaluates only the unit and its ancestors.
public struct Evaluator: Sendable {
    public let tree: UnitTree
    public let indicators: [IndicatorCode: Indicator]
    let targets: [ObservationKey: [Target]]
    let tasks: [KeyTask]
    /// Latest revisions by period, then indicator, then unit.
    let observations: [Period: [IndicatorCode: [UnitCode: Observation]]]
    /// Earlier figures' ranges; when absent, gathered from the data set's own observations.
    let history: History?
    /// The validation rules checked on every unit's figures.
    let rules: [ValidationRule]

    /// - Parameters:
    ///   - snapshot: the tree, definitions, the period's targets and tasks, and observations of the period and the
    ///     year before (more years are read only for the history check, when `history` is absent).
    ///   - history: the ranges of earlier figures, when the caller gathered them (a store streams them).
    public init(_ snapshot: DataSet, history: History? = nil) {
        self.history = history
        rules = snapshot.validationRules
        tree = UnitTree(snapshot.units)
        indicators = Dictionary(snapshot.indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        targets = Dictionary(grouping: snapshot.targets) {
            ObservationKey(unit: $0.unit, indicator: $0.indicator, period: $0.period)
        }
        tasks = snapshot.tasks
        // The latest revision of each key, filed straight into place (no intermediate copy of a nation's year).
        var byPeriod: [Period: [IndicatorCode: [UnitCode: Observation]]] = [:]
        for observation in snapshot.observations {
            let key = observation.key
            if (byPeriod[key.period]?[key.indicator]?[key.unit]?.revision ?? 0) < observation.revision {
                byPeriod[key.period, default: [:]][key.indicator, default: [:]][key.unit] = observation
            }
        }
        observations = byPeriod
    }

    public func evaluate(period: Period, asOf: CalendarDate) -> Evaluation {
        var findings: [Finding] = []
        let current = figures(for: period, findings: &findings)
        var ignored: [Finding] = []
        let earlier = figures(for: period.yearEarlier, findings: &ignored)
        var evaluation = Evaluation(
            period: period, asOf: asOf, tree: tree, current: current, earlier: earlier,
            rankings: RankIndex(current, period: period, tree: tree, indicators: indicators))

        // Every unit with a figure or a target for the period gets a result.
        var keys = Set(targets.keys.filter { $0.period == period })
        for (indicator, units) in current.own { for unit in units.keys { keys.insert(.init(unit: unit, indicator: indicator, period: period)) } }
        for (indicator, units) in current.rollups { for unit in units.keys { keys.insert(.init(unit: unit, indicator: indicator, period: period)) } }
        evaluation.results.reserveCapacity(keys.count)
        for key in keys {
            evaluation.results[key] = result(for: key, in: evaluation, findings: &findings)
        }
        evaluation.indicators = Set(evaluation.results.keys.map(\.indicator)).sorted()
        findings += outliers(current, period: period)
        for unit in tree.units.values where !rules.isEmpty {
            findings += Self.ruleFindings(rules, unit: unit, period: period, figures: current.actualFigures(of: unit.code, rules: rules))
        }
        evaluation.tasks = Self.summarizeTasks(tasks, period: period, asOf: asOf, findings: &findings)
        evaluation.findings = findings
        evaluation.sortFindings()
        return evaluation
    }

    /// One unit's result on one indicator, from the evaluation's figures and ranks.
    func result(for key: ObservationKey, in evaluation: Evaluation, findings: inout [Finding]) -> IndicatorResult? {
        guard let indicator = indicators[key.indicator], tree[key.unit] != nil else { return nil }
        let earlierPeriod = key.period.yearEarlier
        let predecessors = indicator.kind == .rate ? [] : tree.predecessors(of: key.unit, activeIn: earlierPeriod, goneBy: key.period)
        return Self.result(
            for: key, indicator: indicator, own: evaluation.current.own[key.indicator]?[key.unit],
            rollup: evaluation.current.rollups[key.indicator]?[key.unit],
            earlier: Self.earlierFigures(
                own: evaluation.earlier.actual(key.unit, key.indicator),
                predecessors: predecessors.compactMap { evaluation.earlier.actual($0, key.indicator) }, kind: indicator.kind),
            targets: targets[key] ?? [], asOf: evaluation.asOf, ranks: { evaluation.ranks(for: key) }, findings: &findings)
    }

    /// One unit's result on one indicator from what it rests on: the unit's own figure and roll-up, the figures
    /// of the year before (``earlierFigures(own:predecessors:kind:)``), its targets and, only when the source
    /// stated a rank, its ranks. The rule behind the whole evaluation and behind one unit's read from a store.
    static func result(
        for key: ObservationKey, indicator: Indicator, own: Observation?, rollup: Rollup?, earlier: [Figure], targets: [Target],
        asOf: CalendarDate, ranks: () -> [PeerScope: Rank], findings: inout [Finding]
    ) -> IndicatorResult {
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
        if let claims = own?.claims.ranks, !claims.isEmpty {
            let ranks = ranks()
            for claim in claims {
                if let computed = ranks[claim.peers], computed.position != claim.position {
                    findings.append(Finding(key, .rankMismatch(peers: claim.peers, reported: claim.position, computed: computed)))
                }
            }
        }
        return IndicatorResult(
            unit: key.unit, indicator: key.indicator, period: key.period, own: own, rollup: rollup, previous: previous, change: change,
            targets: targets.sorted { $0.code < $1.code }.map {
                assess($0, indicator: indicator, own: own, actual: actual, change: change, asOf: asOf, findings: &findings)
            })
    }

    /// The figures a unit's change is computed on: its own figure (or roll-up) of the year before, and for
    /// amounts and counts those of the units merged into it since, which its figure now includes.
    static func earlierFigures(own: Figure?, predecessors: [Figure], kind: IndicatorKind) -> [Figure] {
        (own.map { [$0] } ?? []) + (kind == .rate ? [] : predecessors)
    }

    // MARK: - Roll-ups

    /// Per indicator, per unit: the own observation and the roll-up of its children, for one period.
    struct PeriodFigures: Sendable {
        var own: [IndicatorCode: [UnitCode: Observation]] = [:]
        var rollups: [IndicatorCode: [UnitCode: Rollup]] = [:]

        func actual(_ unit: UnitCode, _ indicator: IndicatorCode) -> Figure? {
            own[indicator]?[unit]?.figure ?? rollups[indicator]?[unit]?.figure
        }

        /// The figures that count of `unit` on the indicators `rules` name.
        func actualFigures(of unit: UnitCode, rules: [ValidationRule]) -> [IndicatorCode: Figure] {
            var figures: [IndicatorCode: Figure] = [:]
            for rule in rules { for indicator in rule.indicators { figures[indicator] = actual(unit, indicator) } }
            return figures
        }

        func isSynthetic(_ unit: UnitCode, _ indicator: IndicatorCode) -> Bool {
            if let own = own[indicator]?[unit] { return own.source.kind == .synthetic }
            return rollups[indicator]?[unit]?.includesSynthetic ?? false
        }
    }

    func figures(for period: Period, findings: inout [Finding]) -> PeriodFigures {
        var result = PeriodFigures()
        result.own = observations[period] ?? [:]
        // Rates weighted by another indicator need that indicator's figures first.
        let codes = Set(result.own.keys).sorted { (indicators[$0]?.kind == .rate ? 1 : 0, $0) < (indicators[$1]?.kind == .rate ? 1 : 0, $1) }
        // The parents of the period, deepest first, with their active children: computed once for all indicators.
        let parents: [(unit: UnitCode, children: [UnitCode])] = tree.bottomUp.compactMap { unit in
            let children = tree.activeChildren(of: unit, in: period)
            return children.isEmpty ? nil : (unit, children)
        }
        for code in codes {
            guard let indicator = indicators[code], indicator.kind != .rate || indicator.weight != nil else { continue }
            for (unit, children) in parents {
                let key = ObservationKey(unit: unit, indicator: code, period: period)
                if let rollup = rollup(of: key, children: children, indicator: indicator, figures: &result, findings: &findings) {
                    result.rollups[code, default: [:]][unit] = rollup
                }
            }
        }
        return result
    }

    /// A unit's roll-up from its active children's figures, with the findings it raises: a difference from the
    /// unit's own figure beyond rounding, children that did not report.
    func rollup(
        of key: ObservationKey, children: [UnitCode], indicator: Indicator, figures: inout PeriodFigures, findings: inout [Finding]
    ) -> Rollup? {
        let entries = children.map { child in figures.actual(child, key.indicator).map { ($0, figures.isSynthetic(child, key.indicator)) } }
        let weights = indicator.weight.map { weight in children.map { figures.actual($0, weight) } }
        guard let parts = RollupParts.combine(entries, kind: indicator.kind, weights: weights) else { return nil }
        let rollup = parts.rollup
        Self.rollupFindings(
            key, own: figures.own[key.indicator]?[key.unit], rollup: rollup, indicator: indicator,
            missing: { children.filter { figures.actual($0, key.indicator) == nil } }, findings: &findings)
        return rollup
    }

    /// What a roll-up raises: a difference from the unit's own figure beyond rounding, children that did not
    /// report (`missing` lists them, asked only when some did not).
    static func rollupFindings(
        _ key: ObservationKey, own: Observation?, rollup: Rollup, indicator: Indicator, missing: () -> [UnitCode], findings: inout [Finding]
    ) {
        if let own, rollup.isComplete,
            Rollup.differsBeyondRounding(own.figure, rollup.figure, kind: indicator.kind, decimals: indicator.decimals, reporting: rollup.reporting)
        {
            findings.append(Finding(key, .rollupMismatch(own: own.figure, rollup: rollup.figure, reporting: rollup.reporting)))
        }
        if !rollup.isComplete {
            findings.append(Finding(key, .missingReports(missing: missing(), expected: rollup.expected)))
        }
    }

    // MARK: - Change on a year earlier

    static func previousFigure(
        _ key: ObservationKey, indicator: Indicator, earlier figures: [Figure], own: Observation?, findings: inout [Finding]
    ) -> Previous? {
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

    static func assess(
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

    // MARK: - Findings on history and tasks

    /// Own figures far from what the unit's earlier years, or for rates and shares its peers, lead one to expect.
    func outliers(_ figures: PeriodFigures, period: Period) -> [Finding] {
        // The evaluator's observations are already the latest revision of each key.
        let history = self.history ?? History(latest: observations.values.flatMap { $0.values.flatMap(\.values) }, before: period)
        var findings: [Finding] = []
        for (code, units) in figures.own {
            guard let indicator = indicators[code] else { continue }
            guard Outlier.comparesPeers(indicator.kind) else {
                findings += units.values.compactMap { Self.unusual($0, history: history, peers: [], indicators: indicators) }
                continue
            }
            // Each parent's children with a figure, judged together: the group is sorted once.
            var byParent: [UnitCode: [PeerFigure]] = [:]
            for observation in units.values {
                guard let unit = tree[observation.key.unit], let parent = unit.parent else {
                    findings += Self.unusual(observation, history: history, peers: [], indicators: indicators).map { [$0] } ?? []
                    continue
                }
                byParent[parent, default: []].append(PeerFigure(unit: unit.code, value: observation.figure.measured, active: unit.isActive(in: period)))
            }
            for children in byParent.values {
                findings += Self.unusualAmongPeers(children, indicator: indicator, period: period, history: history)
            }
        }
        return findings
    }

    /// One figure of a group of peers: its unit, its value, and whether the unit is active in the period (the
    /// peers a rank is among) or, merged away, still has a figure.
    public struct PeerFigure: Sendable {
        public var unit: UnitCode
        public var value: Decimal
        public var active: Bool

        public init(unit: UnitCode, value: Decimal, active: Bool) {
            self.unit = unit
            self.value = value
            self.active = active
        }
    }

    /// The findings of one rate or share among one group of peers (one parent's children with a figure): each
    /// figure of an active unit judged by its unit's history and against the other active ones, and each of a
    /// unit not active in `period` against all of them (``Outlier/of(_:unit:indicator:history:peers:)``). One rule
    /// for the whole evaluation, its update and a store's upkeep of the findings of the units beside a written one.
    public static func unusualAmongPeers(_ children: [PeerFigure], indicator: Indicator, period: Period, history: History) -> [Finding] {
        let group = Outlier.PeerGroup(children.filter(\.active).map(\.value))
        var findings: [Finding] = []
        var position = 0  // of the next active child in the group
        for child in children {
            let index = position
            if child.active { position += 1 }
            let key = ObservationKey(unit: child.unit, indicator: indicator.code, period: period)
            let finding = unusual(key, value: child.value, indicator: indicator, history: history) { resolution in
                child.active
                    ? group.outlier(at: index, resolution: resolution)
                    : Outlier.againstPeers(child.value, peers: group.sorted, resolution: resolution)
            }
            if let finding { findings.append(finding) }
        }
        return findings
    }

    /// The rules of `rules` for `unit` that its figures of `period` (the figure that counts of each indicator)
    /// break; a unit not active in the period is not checked. One rule for the evaluation and for the store's reads.
    public static func ruleFindings(_ rules: [ValidationRule], unit: OrgUnit, period: Period, figures: [IndicatorCode: Figure]) -> [Finding] {
        guard unit.isActive(in: period) else { return [] }
        return rules.filter { $0.applies(to: unit) }.compactMap { rule in
            rule.violation(figures).map {
                Finding(unit: unit.code, indicator: nil, period: period, problem: .ruleViolated(rule.code, rule: rule.description, left: $0.left, right: $0.right))
            }
        }
    }

    /// The finding of an own figure far from the unit's earlier figures or from `peers` (``Outlier/of(_:unit:indicator:history:peers:)``),
    /// if it is.
    static func unusual(_ observation: Observation, history: History, peers: [Decimal], indicators: [IndicatorCode: Indicator]) -> Finding? {
        guard let indicator = indicators[observation.key.indicator] else { return nil }
        let value = observation.figure.measured
        return unusual(observation.key, value: value, indicator: indicator, history: history) { Outlier.againstPeers(value, peers: peers, resolution: $0) }
    }

    /// The finding of `value`, the figure of `key`, with the peers' test given (``Outlier/PeerGroup``).
    static func unusual(
        _ key: ObservationKey, value: Decimal, indicator: Indicator, history: History, amongPeers: (Decimal) -> Outlier?
    ) -> Finding? {
        Outlier.of(value, unit: key.unit, indicator: indicator, history: history, amongPeers: amongPeers).map {
            switch $0.basis {
            case .history: Finding(key, .outsideHistory(value: value, low: $0.low, high: $0.high, years: $0.count))
            case .peers: Finding(key, .farFromPeers(value: value, low: $0.low, high: $0.high, peers: $0.count))
            }
        }
    }

    /// Each unit's key tasks of `period` counted by status, with a finding for each one overdue on `asOf`.
    static func summarizeTasks(_ tasks: [KeyTask], period: Period, asOf: CalendarDate, findings: inout [Finding]) -> [UnitCode: TaskSummary] {
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
