import Foundation

/// The figures of every peer group, sorted best first, per indicator and scope: a unit's rank is one more than
/// the number of its peers with a strictly better figure, found by binary search. A changed figure moves one
/// entry, so ranks stay current after an update without re-ranking the nation.
struct RankIndex: Sendable {
    struct Group: Sendable {
        /// Best first: descending where higher is better, ascending where lower is.
        var values: [Decimal] = []
        var synthetic = 0
    }

    var groups: [IndicatorCode: [PeerScope: [String: Group]]] = [:]
    let better: [IndicatorCode: BetterDirection]
    let scopes: [PeerScope]

    init(_ figures: Evaluator.PeriodFigures, period: Period, tree: UnitTree, indicators: [IndicatorCode: Indicator]) {
        better = indicators.mapValues(\.better)
        scopes = tree.peerScopes
        for code in Set(figures.own.keys).union(figures.rollups.keys) {
            guard let direction = better[code] else { continue }
            var byScope: [PeerScope: [String: Group]] = [:]
            let units = Set((figures.own[code] ?? [:]).keys).union((figures.rollups[code] ?? [:]).keys)
            for code2 in units {
                guard let unit = tree[code2], unit.isActive(in: period), let figure = figures.actual(code2, code) else { continue }
                let synthetic = figures.isSynthetic(code2, code) || unit.origin == .synthetic
                for scope in scopes {
                    guard let group = Ranking.peerGroup(of: unit, in: scope) else { continue }
                    byScope[scope, default: [:]][group, default: Group()].values.append(figure.measured)
                    if synthetic { byScope[scope]![group]!.synthetic += 1 }
                }
            }
            for scope in byScope.keys {
                for group in byScope[scope]!.keys {
                    byScope[scope]![group]!.values.sort { direction == .higher ? $0 > $1 : $0 < $1 }
                }
            }
            groups[code] = byScope
        }
    }

    /// Entries strictly better than `value` in a sorted group.
    static func better(than value: Decimal, in values: [Decimal], direction: BetterDirection) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if direction == .higher ? values[middle] > value : values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func rank(of value: Decimal, synthetic: Bool, indicator: IndicatorCode, scope: PeerScope, group: String) -> Rank? {
        guard let direction = better[indicator], let entries = groups[indicator]?[scope]?[group] else { return nil }
        return Rank(
            position: Self.better(than: value, in: entries.values, direction: direction) + 1, of: entries.values.count,
            syntheticPeers: entries.synthetic - (synthetic ? 1 : 0))
    }

    /// Moves one unit's entry from its old figure to its new one (either may be absent).
    mutating func replace(
        _ old: (value: Decimal, synthetic: Bool)?, with new: (value: Decimal, synthetic: Bool)?, indicator: IndicatorCode, unit: OrgUnit
    ) {
        guard let direction = better[indicator] else { return }
        for scope in scopes {
            guard let group = Ranking.peerGroup(of: unit, in: scope) else { continue }
            var entries = groups[indicator]?[scope]?[group] ?? Group()
            // The old entry is the first not better than its value: found by binary search, not a scan.
            let index = old.map { Self.better(than: $0.value, in: entries.values, direction: direction) }
            if let old, let index, index < entries.values.count, entries.values[index] == old.value {
                entries.values.remove(at: index)
                if old.synthetic { entries.synthetic -= 1 }
            }
            if let new {
                entries.values.insert(new.value, at: Self.better(than: new.value, in: entries.values, direction: direction))
                if new.synthetic { entries.synthetic += 1 }
            }
            groups[indicator, default: [:]][scope, default: [:]][group] = entries
        }
    }
}
