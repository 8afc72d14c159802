/// The organization tree indexed for evaluation: lookups by code, children, and an order that visits every
/// child before its parent (for roll-ups).
public struct UnitTree: Sendable {
    public let units: [UnitCode: OrgUnit]
    public let children: [UnitCode: [UnitCode]]
    /// Deepest units first; a parent always comes after all of its descendants.
    public let bottomUp: [UnitCode]
    /// Units merged into each successor.
    let mergedInto: [UnitCode: [UnitCode]]

    public init(_ list: [OrgUnit]) {
        var units: [UnitCode: OrgUnit] = [:]
        var children: [UnitCode: [UnitCode]] = [:]
        var mergedInto: [UnitCode: [UnitCode]] = [:]
        for unit in list {
            if let successor = unit.merger?.successor { mergedInto[successor, default: []].append(unit.code) }
            units[unit.code] = unit
            if let parent = unit.parent { children[parent, default: []].append(unit.code) }
        }
        var depth: [UnitCode: Int] = [:]
        func depthOf(_ code: UnitCode, _ seen: Int = 0) -> Int {
            if let known = depth[code] { return known }
            // A cycle cannot be stored (validation refuses it); the guard keeps a bad snapshot from looping.
            guard seen < list.count, let parent = units[code]?.parent, units[parent] != nil else { return 0 }
            let d = depthOf(parent, seen + 1) + 1
            depth[code] = d
            return d
        }
        for unit in list { _ = depthOf(unit.code) }
        self.units = units
        self.children = children.mapValues { $0.sorted() }
        self.mergedInto = mergedInto.mapValues { $0.sorted() }
        self.bottomUp = list.map(\.code).sorted { (depth[$0] ?? 0, $1) > (depth[$1] ?? 0, $0) }
    }

    public subscript(code: UnitCode) -> OrgUnit? { units[code] }

    /// Every scope units can be ranked in: level, parent, and each kind of group present.
    public var peerScopes: [PeerScope] {
        let kinds = Set(units.values.flatMap { $0.groups.keys }).sorted()
        return [.level, .parent] + kinds.map { .group($0) }
    }

    /// Children that exist during `period` (those merged away earlier no longer report).
    public func activeChildren(of code: UnitCode, in period: Period) -> [UnitCode] {
        (children[code] ?? []).filter { units[$0]?.isActive(in: period) ?? false }
    }

    /// The unit and all units below it.
    public func subtree(of code: UnitCode) -> [UnitCode] {
        var result = [code]
        var index = 0
        while index < result.count {
            result.append(contentsOf: children[result[index]] ?? [])
            index += 1
        }
        return result
    }

    /// Units merged into `code` that were active in `earlier` but no longer in `later`: their history rolls into
    /// `code` when the two periods are compared.
    public func predecessors(of code: UnitCode, activeIn earlier: Period, goneBy later: Period) -> [UnitCode] {
        (mergedInto[code] ?? []).filter {
            guard let unit = units[$0] else { return false }
            return unit.isActive(in: earlier) && !unit.isActive(in: later)
        }
    }
}
