import Foundation
import SQLKit
import StocktakeCore

// One unit's evaluation read from the store: its own figures, its maintained roll-ups, the year before, its
// targets, tasks and history, and its ranks counted by the database, so that no process evaluates a period to
// show one unit. Units are read in batches, so that a subtree's findings stream with bounded memory.

extension RecordAccess {
    /// The evaluation of one unit for `period` as of `asOf`, from the maintained tables; nil for an unknown unit.
    public func unitReview(of code: UnitCode, period: Period, asOf: CalendarDate) async throws -> UnitReview? {
        guard let unit = try await units(codes: [code]).first else { return nil }
        return try await unitSlices(of: [unit], period: period, indicators: try await indicatorsByCode(), ranked: { _ in true })
            .first?.review(asOf: asOf)
    }

    /// The evaluations of several units on the indicators of `only` (every one when nil), read for the batch at
    /// once; without their ranks, which ``ranking(of:period:among:peersOf:level:)`` gives a whole peer group of,
    /// except for the units that state a rank when `rankClaims` is set: their ranks are counted, so that a stated
    /// rank the figures do not give is a finding, as in ``unitReview(of:period:asOf:)``.
    public func unitReviews(
        of codes: [UnitCode], period: Period, asOf: CalendarDate, only: Set<IndicatorCode>? = nil, rankClaims: Bool = false
    ) async throws -> [UnitReview] {
        let indicators = try await indicatorsByCode().filter { only?.contains($0.key) ?? true }
        var reviews: [UnitReview] = []
        for chunk in Self.chunks(codes.map(\.rawValue)) {
            let units = try await units(codes: chunk!.map { UnitCode(unchecked: $0) })
            reviews += try await unitSlices(of: units, period: period, indicators: indicators, ranked: { rankClaims && $0.statesARank })
                .map { $0.review(asOf: asOf) }
        }
        return reviews
    }

    /// The reviews of the units `body` rates in `period` (``RatingRule/rates(_:in:)``), in code order
    /// (``RatingRule/round(of:)``).
    public func ratedReviews(of body: UnitCode, period: Period, asOf: CalendarDate) async throws -> [UnitReview] {
        let rated = try await children(of: body).filter { RatingRule.rates($0, in: period) }
        return try await unitReviews(of: rated.map(\.code), period: period, asOf: asOf, rankClaims: true)
    }

    /// `code` and every unit below it, active or not, in code order.
    public func subtreeUnits(of code: UnitCode) async throws -> [OrgUnit] {
        let codes = try await sql.raw("\(subtree(of: code)) SELECT code FROM down").all(decodingColumn: "code", as: String.self)
        return try await units(codes: try codes.map { try storedCode($0) })
    }

    /// The units at the top of the tree, in code order.
    public func roots() async throws -> [OrgUnit] {
        let codes = try await sql.select().column("code").from("units").where("parent_code", .is, SQLLiteral.null).orderBy("code")
            .all(decodingColumn: "code", as: String.self)
        return try await units(codes: try codes.map { try storedCode($0) })
    }

    /// The units above `code`, root first (the breadcrumbs of a page about it), by one recursive query.
    public func ancestors(of code: UnitCode) async throws -> [OrgUnit] {
        let up = try await unitsUp(from: [code])
        var chain: [UnitCode] = []
        var cursor = up[code]?.parent
        while let parent = cursor, chain.count <= up.count {
            chain.append(parent)
            cursor = up[parent]?.parent
        }
        let named = try await unitsByCode(chain)
        return chain.reversed().compactMap { named[$0] }
    }

    /// The units directly below `code`, active or not, in code order.
    public func children(of code: UnitCode) async throws -> [OrgUnit] {
        try await units(codes: try await childCodes(of: [code]))
    }

    /// The units directly below `code` that report in `period`: recorded (not made by the generator), not merged
    /// away before it.
    public func realChildren(of code: UnitCode, in period: Period) async throws -> [OrgUnit] {
        try await children(of: code).filter { $0.origin != .synthetic && $0.isActive(in: period) }
    }

    /// Those of `units` that have units below them.
    public func childParents(of units: [UnitCode]) async throws -> [UnitCode] {
        var result: [UnitCode] = []
        for chunk in Self.chunks(units.map(\.rawValue)) {
            result += try await sql.select().distinct().column("parent_code").from("units").where("parent_code", .in, chunk!)
                .all(decodingColumn: "parent_code", as: String.self).map { try storedCode($0) }
        }
        return result
    }

    /// The codes of the children of `parents`, every child whether active or not.
    func childCodes(of parents: [UnitCode]) async throws -> [UnitCode] {
        var result: [UnitCode] = []
        for chunk in Self.chunks(parents.map(\.rawValue)) {
            let query = sql.select().column("code").from("units").orderBy("code")
            if let chunk { query.where("parent_code", .in, chunk) }
            result += try await query.all(decodingColumn: "code", as: String.self).map { try storedCode($0) }
        }
        return result
    }

    /// What the evaluation of each of `units` rests on, read for the batch at once; ranks are counted for the
    /// units `ranked` picks (one query per scope and unit).
    func unitSlices(
        of units: [OrgUnit], period: Period, indicators: [IndicatorCode: Indicator], ranked: (UnitSlice) -> Bool
    ) async throws -> [UnitSlice] {
        let codes = units.map(\.code)
        let kinds = indicators.mapValues(\.kind)
        var slices = Dictionary(units.map { ($0.code, UnitSlice(unit: $0, period: period, indicators: indicators)) }, uniquingKeysWith: { a, _ in a })
        let rules = try await validationRules()
        for code in slices.keys { slices[code]!.rules = rules }
        // The indicators named, so that both engines seek each unit's rows by the key, and a write's upkeep of
        // one indicator's findings reads that indicator alone.
        let named = indicators.keys.sorted()
        // Without indicators (a unit's tasks alone), nothing but targets and tasks is read.
        for observation in named.isEmpty ? [] : try await observations(periods: [period], units: codes, indicators: named) {
            let key = observation.key
            if (slices[key.unit]?.own[key.indicator]?.revision ?? 0) < observation.revision { slices[key.unit]?.own[key.indicator] = observation }
        }
        for (key, figure) in named.isEmpty ? [:] : try await unitFigures(period: period, units: codes, indicators: named, kinds: kinds) {
            slices[key.unit]?.rollups[key.indicator] = figure.rollup
        }
        // The year before: each unit's figure, and those of the units merged into it that were active then and
        // are gone by now (``UnitTree/predecessors(of:activeIn:goneBy:)``).
        let earlierPeriod = period.yearEarlier
        var predecessors: [UnitCode: UnitCode] = [:]
        for chunk in Self.chunks(codes.map(\.rawValue)) {
            guard let chunk else { continue }
            let merged = try await sql.select().column("code").from("units").where("successor_code", .in, chunk)
                .all(decodingColumn: "code", as: String.self).map { try storedCode($0) as UnitCode }
            for unit in try await self.units(codes: merged) {
                if let successor = unit.merger?.successor, unit.isActive(in: earlierPeriod), !unit.isActive(in: period) {
                    predecessors[unit.code] = successor
                }
            }
        }
        let earlier = named.isEmpty ? [:] : try await unitFigures(period: earlierPeriod, units: codes + predecessors.keys.sorted(), indicators: named, kinds: kinds)
        // In code order, as the tree lists a unit's predecessors; a unit of the batch may be another's predecessor.
        for (key, figure) in earlier.sorted(by: { $0.key < $1.key }) {
            guard let actual = figure.actual else { continue }
            slices[key.unit]?.earlier[key.indicator] = actual
            if let successor = predecessors[key.unit] { slices[successor]?.earlierOfPredecessors[key.indicator, default: []].append(actual) }
        }
        try await readMissing(into: &slices, period: period, kinds: kinds)
        for target in try await targets(periods: [period], units: codes) { slices[target.unit]?.targets.append(target) }
        for task in try await tasks(periods: [period], units: codes) { slices[task.unit]?.tasks.append(task) }
        let history = named.isEmpty ? History() : try await history(before: period, units: codes, indicators: named)
        for code in codes { slices[code]?.history = history }
        try await readPeers(into: &slices, period: period, kinds: kinds)
        for code in codes {
            guard let slice = slices[code], ranked(slice) else { continue }
            slices[code]?.ranks = try await ranks(of: slice.unit, period: period, indicators: indicators)
        }
        return codes.compactMap { slices[$0] }
    }

    /// For each rate and share a unit of the batch has an own figure of, the own figures of the units beside it
    /// that the ranks count (its parent's active children but itself), read for the batch at once.
    private func readPeers(into slices: inout [UnitCode: UnitSlice], period: Period, kinds: [IndicatorCode: IndicatorKind]) async throws {
        let judged = slices.values.filter { $0.unit.parent != nil && $0.own.keys.contains { kinds[$0].map(Outlier.comparesPeers) ?? false } }
        guard !judged.isEmpty else { return }
        let parents = Set(judged.compactMap(\.unit.parent)).sorted()
        let children = try await units(codes: try await childCodes(of: parents)).filter { $0.isActive(in: period) }
        let indicators = Set(judged.flatMap { $0.own.keys.filter { kinds[$0].map(Outlier.comparesPeers) ?? false } }).sorted()
        let figures = try await unitFigures(period: period, units: children.map(\.code), indicators: indicators, kinds: kinds)
        let byParent = Dictionary(grouping: children, by: { $0.parent! })
        for slice in judged {
            let beside = (byParent[slice.unit.parent!] ?? []).filter { $0.code != slice.unit.code }
            for indicator in slice.own.keys where kinds[indicator].map(Outlier.comparesPeers) ?? false {
                slices[slice.unit.code]?.peers[indicator] = beside.compactMap {
                    figures[ObservationKey(unit: $0.code, indicator: indicator, period: period)]?.own?.figure.measured
                }
            }
        }
    }

    /// For each incomplete roll-up of the batch, the active children without a figure of that indicator.
    private func readMissing(into slices: inout [UnitCode: UnitSlice], period: Period, kinds: [IndicatorCode: IndicatorKind]) async throws {
        let incomplete = slices.values.filter { !$0.incompleteRollups.isEmpty }
        guard !incomplete.isEmpty else { return }
        let children = try await units(codes: try await childCodes(of: incomplete.map(\.unit.code)))
            .filter { $0.isActive(in: period) }.sorted { $0.code < $1.code }
        let indicators = Set(incomplete.flatMap(\.incompleteRollups)).sorted()
        let figures = try await unitFigures(period: period, units: children.map(\.code), indicators: indicators, kinds: kinds)
        for child in children {
            guard let parent = child.parent, let slice = slices[parent] else { continue }
            for indicator in slice.incompleteRollups where figures[ObservationKey(unit: child.code, indicator: indicator, period: period)]?.actual == nil {
                slices[parent]?.missing[indicator, default: []].append(child.code)
            }
        }
    }

    /// `unit`'s positions among its peers on every indicator it has a figure of, in every scope it has peers in:
    /// one more than the peers with a strictly better rank key, of all peers with one, as ``ranking(of:period:among:peersOf:level:)``
    /// ranks them (ties 1, 2, 2, 4), counted by one query per scope.
    func ranks(of unit: OrgUnit, period: Period, indicators: [IndicatorCode: Indicator]) async throws -> [IndicatorCode: [PeerScope: Rank]] {
        var result: [IndicatorCode: [PeerScope: Rank]] = [:]
        guard !indicators.isEmpty else { return result }
        let scopes: [PeerScope] = [.level, .parent] + unit.groups.keys.sorted().map { .group($0) }
        for scope in scopes {
            // Peers of the level are one range of the index on (period, indicator, peer_level, rank_key): the
            // level scope never reads `units`.
            var join: SQLQueryString = ""
            var filter: SQLQueryString = ""
            switch scope {
            case .level: break
            case .parent:
                guard let parent = unit.parent else { continue }
                join = "JOIN units u ON u.code = f.unit_code"
                filter = "AND u.parent_code = \(bind: parent.rawValue)"
            case .group(let kind):
                guard let name = unit.groups[kind] else { continue }
                join = "JOIN unit_groups g ON g.unit_code = f.unit_code AND g.kind = \(bind: kind.rawValue)"
                filter = "AND g.name = \(bind: name)"
            }
            let query: SQLQueryString = """
                SELECT me.indicator_code AS indicator_code, \
                SUM(CASE WHEN f.rank_key > me.rank_key THEN 1 ELSE 0 END) AS above, \
                SUM(CASE WHEN f.rank_key < me.rank_key THEN 1 ELSE 0 END) AS below, \
                COUNT(*) AS peers, \
                SUM(f.peer_synthetic) AS synthetic_peers, \
                MAX(CASE WHEN me.peer_level IS NOT NULL THEN me.peer_synthetic ELSE 0 END) AS synthetic \
                FROM unit_figures me \
                JOIN unit_figures f ON f.period = me.period AND f.indicator_code = me.indicator_code \
                AND f.peer_level = \(bind: unit.level.rawValue) \(join) \
                WHERE me.unit_code = \(bind: unit.code.rawValue) AND me.period = \(bind: period.description) \
                AND me.indicator_code IN (\(binds: indicators.keys.map(\.rawValue).sorted())) \
                AND me.rank_key IS NOT NULL AND f.rank_key IS NOT NULL \(filter) \
                GROUP BY me.indicator_code
                """
            for row in try await sql.raw(query).all(decoding: PeerCountRow.self, with: rowDecoder) {
                guard let code = IndicatorCode(validating: row.indicatorCode), let indicator = indicators[code] else { continue }
                let better = indicator.better == .higher ? row.above : row.below
                result[code, default: [:]][scope] = Rank(position: better + 1, of: row.peers, syntheticPeers: row.syntheticPeers - row.synthetic)
            }
        }
        return result
    }
}

/// One unit's counts among its peers on one indicator.
struct PeerCountRow: Decodable {
    var indicatorCode: String
    var above: Int
    var below: Int
    var peers: Int
    var syntheticPeers: Int
    var synthetic: Int

    enum CodingKeys: String, CodingKey {
        case indicatorCode = "indicator_code"
        case above
        case below
        case peers
        case syntheticPeers = "synthetic_peers"
        case synthetic
    }
}
