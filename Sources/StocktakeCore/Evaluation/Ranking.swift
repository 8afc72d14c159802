import Foundation

/// Ranks among peers by an indicator's better direction, with shared positions for ties (1, 2, 2, 4).
public enum Ranking {
    /// Competition ranking: a unit's position is one more than the number of peers strictly better than it.
    public static func positions<ID: Hashable>(_ entries: [(id: ID, value: Decimal)], better: BetterDirection) -> [ID: Int] {
        let sorted = entries.sorted { better == .higher ? $0.value > $1.value : $0.value < $1.value }
        var result: [ID: Int] = [:]
        result.reserveCapacity(sorted.count)
        var position = 0
        for (index, entry) in sorted.enumerated() {
            if index == 0 || entry.value != sorted[index - 1].value { position = index + 1 }
            result[entry.id] = position
        }
        return result
    }

    /// The key that puts a unit among its peers in a scope, or nil when the unit has no such peers.
    public static func peerGroup(of unit: OrgUnit, in scope: PeerScope) -> String? {
        switch scope {
        case .level: return unit.level.rawValue
        case .parent: return unit.parent.map { "\(unit.level)|\($0)" }
        case .group(let kind): return unit.groups[kind].map { "\(unit.level)|\(kind)|\($0)" }
        }
    }
}
