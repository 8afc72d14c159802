import Foundation

extension Evaluator {
    /// Brings `evaluation` up to date after one new observation of its period (a first figure or a correction):
    /// the roll-ups, results and findings of the unit and its ancestors for that indicator, and that indicator's
    /// ranks, without recomputing anything else.
    public func update(_ evaluation: inout Evaluation, with observation: Observation) {
        let key = observation.key
        guard key.period == evaluation.period, let indicator = indicators[key.indicator], let unit = tree[key.unit] else { return }
        if let stored = evaluation.current.own[key.indicator]?[key.unit], stored.revision >= observation.revision { return }
        var chain = [unit]
        while let parent = chain.last?.parent.flatMap({ tree[$0] }) { chain.append(parent) }
        let before = chain.map { member in
            evaluation.current.actual(member.code, key.indicator).map {
                (value: $0.measured, synthetic: evaluation.current.isSynthetic(member.code, key.indicator) || member.origin == .synthetic)
            }
        }
        evaluation.current.own[key.indicator, default: [:]][key.unit] = observation
        // Roll-ups from the unit up; the findings of every unit on the chain are recomputed with them.
        let keys = Set(chain.map { ObservationKey(unit: $0.code, indicator: key.indicator, period: key.period) })
        var findings = evaluation.findings.filter { finding in
            !(finding.indicator == key.indicator && keys.contains(ObservationKey(unit: finding.unit, indicator: key.indicator, period: finding.period)))
        }
        if indicator.kind != .rate || indicator.weight != nil {
            for member in chain.dropFirst() {
                let memberKey = ObservationKey(unit: member.code, indicator: key.indicator, period: key.period)
                let children = tree.activeChildren(of: member.code, in: key.period)
                let rollup = rollup(of: memberKey, children: children, indicator: indicator, figures: &evaluation.current, findings: &findings)
                evaluation.current.rollups[key.indicator, default: [:]][member.code] = rollup
            }
        }
        // The unit's figure against its history and peers; for a rate or a share, each peer's figure against its
        // peers too, of which this figure is one.
        let own = evaluation.current.own[key.indicator] ?? [:]
        if Outlier.comparesPeers(indicator.kind), let parent = unit.parent {
            // Each of the units beside it is judged against this figure too: their findings are judged again.
            let children = (tree.children[parent] ?? []).compactMap { code in
                own[code].map { PeerFigure(unit: code, value: $0.figure.measured, active: tree[code]?.isActive(in: key.period) ?? false) }
            }
            let judged = Set(children.map(\.unit))
            findings.removeAll { $0.isOutlier && $0.indicator == key.indicator && $0.period == key.period && judged.contains($0.unit) }
            findings += Self.unusualAmongPeers(children, indicator: indicator, period: key.period, history: history ?? History())
        } else if let stored = own[key.unit], let finding = Self.unusual(stored, history: history ?? History(), peers: [], indicators: indicators) {
            findings.append(finding)
        }
        // Ranks: each changed figure moves its entry.
        for (member, old) in zip(chain, before) {
            let new = evaluation.current.actual(member.code, key.indicator).map {
                (value: $0.measured, synthetic: evaluation.current.isSynthetic(member.code, key.indicator) || member.origin == .synthetic)
            }
            if old?.value != new?.value || old?.synthetic != new?.synthetic, member.isActive(in: key.period) {
                evaluation.rankings.replace(old, with: new, indicator: key.indicator, unit: member)
            }
        }
        for member in chain {
            let memberKey = ObservationKey(unit: member.code, indicator: key.indicator, period: key.period)
            evaluation.results[memberKey] = result(for: memberKey, in: evaluation, findings: &findings)
        }
        if !evaluation.indicators.contains(key.indicator) {
            evaluation.indicators = (evaluation.indicators + [key.indicator]).sorted()
        }
        // The rules on each unit of the chain, whose figure that counts may have changed.
        if !rules.isEmpty {
            let members = Set(chain.map(\.code))
            findings.removeAll { if case .ruleViolated = $0.problem { members.contains($0.unit) } else { false } }
            for member in chain {
                findings += Self.ruleFindings(rules, unit: member, period: key.period, figures: evaluation.current.actualFigures(of: member.code, rules: rules))
            }
        }
        evaluation.findings = findings
        evaluation.sortFindings()
    }
}
