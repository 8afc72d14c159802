import Foundation
import SQLKit
import StocktakeCore

// The maintained figures (`unit_figures`): every write of observations updates the rows of its units and of
// their ancestors in the same transaction; a rebuild recomputes them from `observations` period by period;
// verification compares the two. Sums are Foundation `Decimal`, kept as exact text, because SQLite has no exact
// decimal type for SQL to add them with: a figure has at most 24 digits (``FigureRule``), and Decimal carries 38.

/// A maintained row that differs from what a rebuild gives.
public struct FigureDifference: Sendable, CustomStringConvertible {
    public let key: ObservationKey
    public let stored: UnitFigure?
    public let rebuilt: UnitFigure?
    /// The stored figure is right but what peers are ranked by (its rank key, the unit's level while active,
    /// whether it counts as synthetic) does not match it and its unit.
    public var staleRankColumns = false

    public var description: String {
        if staleRankColumns && stored == rebuilt { return "\(key): the columns peers are ranked by do not match the stored figure and its unit" }
        return "\(key): stored \(stored.map(Self.text) ?? "nothing"), rebuilt \(rebuilt.map(Self.text) ?? "nothing")"
    }

    static func text(_ figure: UnitFigure) -> String {
        var parts: [String] = []
        if let own = figure.own { parts.append("own r\(own.revision) \(own.figure.plainText)\(own.synthetic ? " synthetic" : "")") }
        if let r = figure.rollup {
            parts.append("roll-up \(r.sum.exactText)\(r.base.map { "/\($0.exactText)" } ?? "") of \(r.reporting)/\(r.expected)\(r.synthetic ? " synthetic" : "")")
        }
        return parts.joined(separator: ", ")
    }
}

extension RecordAccess {
    // MARK: - Reading

    /// The maintained figures of `period`, optionally of some units and indicators only.
    public func unitFigures(period: Period, units: [UnitCode]? = nil, indicators codes: [IndicatorCode]? = nil) async throws -> [ObservationKey: UnitFigure] {
        let kinds = Dictionary(try await indicators().map { ($0.code, $0.kind) }, uniquingKeysWith: { a, _ in a })
        return try await unitFigures(period: period, units: units, indicators: codes, kinds: kinds)
    }

    /// The maintained figures of `units` in each of `periods`: a unit's series over the years, one read a period.
    public func unitFigures(periods: [Period], units: [UnitCode], indicators codes: [IndicatorCode]? = nil) async throws -> [ObservationKey: UnitFigure] {
        let kinds = Dictionary(try await indicators().map { ($0.code, $0.kind) }, uniquingKeysWith: { a, _ in a })
        // One read for all the periods: a unit's ten years cost one query, not ten.
        return try await unitFigureRows(periods: periods, units: units, indicators: codes, kinds: kinds).mapValues(\.figure)
    }

    /// The same, with the indicators' kinds already read (a write's maintenance reads them once, not per level).
    func unitFigures(
        period: Period, units: [UnitCode]?, indicators codes: [IndicatorCode]?, kinds: [IndicatorCode: IndicatorKind]
    ) async throws -> [ObservationKey: UnitFigure] {
        try await unitFigureRows(period: period, units: units, indicators: codes, kinds: kinds).mapValues(\.figure)
    }

    /// The maintained rows with the columns peers are ranked by, which verification checks too.
    func unitFigureRows(
        period: Period, units: [UnitCode]?, indicators codes: [IndicatorCode]?, kinds: [IndicatorCode: IndicatorKind]
    ) async throws -> [ObservationKey: (figure: UnitFigure, row: UnitFigureRow)] {
        try await unitFigureRows(periods: [period], units: units, indicators: codes, kinds: kinds)
    }

    /// The same for several periods in one read.
    func unitFigureRows(
        periods: [Period], units: [UnitCode]?, indicators codes: [IndicatorCode]?, kinds: [IndicatorCode: IndicatorKind]
    ) async throws -> [ObservationKey: (figure: UnitFigure, row: UnitFigureRow)] {
        var result: [ObservationKey: (figure: UnitFigure, row: UnitFigureRow)] = [:]
        guard !periods.isEmpty else { return result }
        let names = Array(Set(periods.map(\.description))).sorted()
        for chunk in Self.chunks(units?.map(\.rawValue)) {
            let query = sql.select().columns("*").from("unit_figures")
            if names.count == 1 { query.where("period", .equal, names[0]) } else { query.where("period", .in, names) }
            if let chunk { query.where("unit_code", .in, chunk) }
            // Naming every indicator when none is asked for lets SQLite seek by the key rather than scan the period.
            if let codes = codes ?? (chunk == nil ? nil : kinds.keys.sorted()) { query.where("indicator_code", .in, codes.map(\.rawValue)) }
            for row in try await query.all(decoding: UnitFigureRow.self, with: rowDecoder) {
                guard let key = try? row.key(), let kind = kinds[key.indicator], let figure = try? row.figure(kind: kind) else { continue }
                result[key] = (figure, row)
            }
        }
        return result
    }

    /// Splits a long list of values for `IN (…)` into pieces both engines take; one nil piece means no filter.
    static func chunks(_ values: [String]?, size: Int = 500) -> [[String]?] {
        guard let values else { return [nil] }
        return stride(from: 0, to: values.count, by: size).map { Array(values[$0..<min($0 + size, values.count)]) }
    }

    // MARK: - Rebuild and verify

    /// Recomputes every maintained figure from the observations, period by period: the latest revisions by one
    /// set-based query, the roll-ups level by level up the tree in memory, then the period's rows replaced.
    /// Call it inside a transaction. Returns the number of rows written.
    @discardableResult
    public func rebuildFigures(progress: (Period, Int) -> Void = { _, _ in }) async throws -> Int {
        let (tree, indicators) = try await definitions()
        try await sql.delete(from: "unit_figures").run()
        var written = 0
        for period in try await figurePeriods() {
            let rows = try await rebuilt(period, tree: tree, indicators: indicators).map { UnitFigureRow(key: $0.key, figure: $0.value, unit: tree[$0.key.unit]) }
            try await RowMapping.insert(rows.sorted { ($0.unitCode, $0.indicatorCode) < ($1.unitCode, $1.indicatorCode) }, into: "unit_figures", on: sql)
            written += rows.count
            progress(period, rows.count)
        }
        return written
    }

    /// Compares the maintained figures with a rebuild, without writing: every difference, at most `limit`.
    public func verifyFigures(limit: Int = 100) async throws -> [FigureDifference] {
        let (tree, indicators) = try await definitions()
        let periods = try await figurePeriods()
        let kinds = indicators.mapValues(\.kind)
        var differences: [FigureDifference] = []
        for period in periods {
            let expected = try await rebuilt(period, tree: tree, indicators: indicators)
            let stored = try await unitFigureRows(period: period, units: nil, indicators: nil, kinds: kinds)
            for key in Set(expected.keys).union(stored.keys).sorted() {
                let row = stored[key]
                let staleRankColumns = row.map { !$0.row.ranksAs(UnitFigureRow(key: key, figure: $0.figure, unit: tree[key.unit])) } ?? false
                guard expected[key] != row?.figure || staleRankColumns else { continue }
                differences.append(FigureDifference(key: key, stored: row?.figure, rebuilt: expected[key], staleRankColumns: staleRankColumns))
                if differences.count >= limit { return differences }
            }
        }
        // Rows of a period without observations cannot be rebuilt: they are differences too.
        let strays = try await sql.select().distinct().column("period").from("unit_figures").all(decodingColumn: "period", as: String.self)
        for text in strays.sorted() {
            guard let period = try? Period(parsing: text), !periods.contains(period) else { continue }
            let stray = try await unitFigures(period: period, units: nil, indicators: nil, kinds: kinds)
            for (key, figure) in stray.sorted(by: { $0.key < $1.key }).prefix(limit - differences.count) {
                differences.append(FigureDifference(key: key, stored: figure, rebuilt: nil))
            }
        }
        return differences
    }

    func definitions() async throws -> (UnitTree, [IndicatorCode: Indicator]) {
        (UnitTree(try await units()), try await indicatorsByCode())
    }

    func figurePeriods() async throws -> [Period] {
        try await sql.select().distinct().column("period").from("observations").all(decodingColumn: "period", as: String.self)
            .compactMap { try? Period(parsing: $0) }.sorted()
    }

    /// A period's figures as a rebuild computes them.
    func rebuilt(_ period: Period, tree: UnitTree, indicators: [IndicatorCode: Indicator]) async throws -> [ObservationKey: UnitFigure] {
        let own = try await latestOwn(period: period)
        var result: [ObservationKey: UnitFigure] = [:]
        for (code, units) in tree.figures(own: own, period: period, indicators: indicators) {
            for (unit, figure) in units { result[ObservationKey(unit: unit, indicator: code, period: period)] = figure }
        }
        return result
    }

    /// The latest revision of every figure of `period`, by one query; a revision that does not read is skipped,
    /// as every read skips it.
    func latestOwn(period: Period) async throws -> [IndicatorCode: [UnitCode: UnitFigure.Own]] {
        var result: [IndicatorCode: [UnitCode: UnitFigure.Own]] = [:]
        let query: SQLQueryString = """
            SELECT o.unit_code, o.indicator_code, o.revision, o.value, o.denominator, o.source_kind FROM observations o \
            WHERE o.period = \(bind: period.description) AND o.revision = (SELECT MAX(m.revision) FROM observations m \
            WHERE m.unit_code = o.unit_code AND m.indicator_code = o.indicator_code AND m.period = o.period)
            """
        for row in try await sql.raw(query).all(decoding: LatestRow.self, with: rowDecoder) {
            guard let unit = UnitCode(validating: row.unitCode), let code = IndicatorCode(validating: row.indicatorCode),
                let own = try? row.own()
            else { continue }
            result[code, default: [:]][unit] = own
        }
        return result
    }

    // MARK: - Maintenance

    /// Brings the maintained figures up to date after `written` observations were inserted in this transaction:
    /// the own figures of their keys, then the roll-ups of their ancestors level by level, deepest first (with
    /// the rates an indicator weights). A write touches its units and their ancestors, never the whole tree.
    /// Returns the units it read: the written ones and every unit above them.
    @discardableResult
    func maintainFigures(after written: [Observation], indicators: [IndicatorCode: Indicator]) async throws -> [UnitCode: OrgUnit] {
        guard !written.isEmpty else { return [:] }
        var latest: [ObservationKey: Observation] = [:]
        for o in written where (latest[o.key]?.revision ?? 0) < o.revision { latest[o.key] = o }
        let units = try await unitsUp(from: Set(latest.keys.map(\.unit)))
        let ownRows = latest.values.sorted { $0.key < $1.key }.map { o in
            UnitFigureRow(
                key: o.key, figure: UnitFigure(own: .init(revision: o.revision, figure: o.figure, synthetic: o.source.kind == .synthetic)),
                unit: units[o.key.unit])
        }
        for start in stride(from: 0, to: ownRows.count, by: 200) {
            try await sql.insert(into: "unit_figures").models(Array(ownRows[start..<min(start + 200, ownRows.count)]), with: rowEncoder)
                .onConflict(with: ["unit_code", "indicator_code", "period"]) {
                    $0.set(excludedValueOf: "own_revision").set(excludedValueOf: "own_value")
                        .set(excludedValueOf: "own_denominator").set(excludedValueOf: "own_synthetic")
                        .set(excludedValueOf: "rank_key").set(excludedValueOf: "peer_level").set(excludedValueOf: "peer_synthetic")
                }.run()
        }

        let weighted = Dictionary(grouping: indicators.values.filter { $0.kind == .rate && $0.weight != nil }.map { ($0.weight!, $0.code) }, by: \.0)
            .mapValues { $0.map(\.1) }
        func ancestors(of unit: UnitCode) -> [UnitCode] {
            var chain: [UnitCode] = []
            var cursor = units[unit]?.parent
            while let parent = cursor, chain.count <= units.count {
                chain.append(parent)
                cursor = units[parent]?.parent
            }
            return chain
        }
        // The roll-ups to recompute, by depth from the root: children's before their parents'.
        var jobs: [Int: Set<ObservationKey>] = [:]
        for key in latest.keys {
            let chain = ancestors(of: key.unit)
            for (index, ancestor) in chain.enumerated() {
                let depth = chain.count - 1 - index
                for code in [key.indicator] + (weighted[key.indicator] ?? []) {
                    jobs[depth, default: []].insert(ObservationKey(unit: ancestor, indicator: code, period: key.period))
                }
            }
        }
        if !jobs.isEmpty { try await recomputeRollups(jobs, indicators: indicators, units: units) }
        return units
    }

    /// Brings the maintained figures up to date after `units` were inserted in this transaction. A new unit
    /// active in a period is one more report its parent expects there: the parents' roll-ups are recomputed, for
    /// every indicator and period they have one of. Nothing above the parents changes, since a roll-up's figure
    /// does not depend on how many children were expected, and the new units' own figures come with observations
    /// (``maintainFigures(after:)``). Units are never changed once stored, so this is all a unit write does.
    /// Returns the keys of the parents' roll-ups.
    @discardableResult
    func maintainFigures(adding units: [OrgUnit], indicators: [IndicatorCode: Indicator]) async throws -> Set<ObservationKey> {
        let parents = Set(units.compactMap(\.parent))
        guard !parents.isEmpty else { return [] }
        var keys: Set<ObservationKey> = []
        for chunk in Self.chunks(parents.map(\.rawValue).sorted()) {
            let rows = try await sql.select().columns("unit_code", "indicator_code", "period").from("unit_figures")
                .where("unit_code", .in, chunk!).where("rollup_sum", .isNot, SQLLiteral.null)
                .all(decoding: UnitFigureKeyRow.self, with: rowDecoder)
            for row in rows { keys.insert(try row.key()) }
        }
        guard !keys.isEmpty else { return [] }
        try await recomputeRollups([0: keys], indicators: indicators, units: try await unitsUp(from: parents))
        return keys
    }

    /// `units` and every unit above them, as the tree and the peer columns need them (without names and groups),
    /// by one recursive query (UNION stops at a unit seen before).
    func unitsUp(from units: Set<UnitCode>) async throws -> [UnitCode: OrgUnit] {
        var result: [UnitCode: OrgUnit] = [:]
        for chunk in Self.chunks(units.map(\.rawValue).sorted()) {
            let query: SQLQueryString = """
                WITH RECURSIVE up(code) AS (\
                SELECT code FROM units WHERE code IN (\(binds: chunk!)) \
                UNION SELECT u.parent_code FROM units u JOIN up ON u.code = up.code WHERE u.parent_code IS NOT NULL) \
                SELECT units.* FROM units JOIN up ON units.code = up.code
                """
            for row in try await sql.raw(query).all(decoding: UnitRow.self, with: rowDecoder) {
                let unit = try row.unitForTree()
                result[unit.code] = unit
            }
        }
        return result
    }

    /// Recomputes the roll-ups of `jobs` (keys of parents, by depth from the root) from their children's
    /// maintained figures: the children and their figures read at once, the levels computed deepest first in
    /// memory so that each parent sees its children's new roll-ups, the changed rows written together.
    private func recomputeRollups(
        _ jobs: [Int: Set<ObservationKey>], indicators: [IndicatorCode: Indicator], units parents: [UnitCode: OrgUnit]
    ) async throws {
        let keys = jobs.values.reduce(into: Set<ObservationKey>()) { $0.formUnion($1) }
        let parentCodes = Set(keys.map(\.unit)).map(\.rawValue).sorted()
        var children: [UnitCode: [OrgUnit]] = [:]
        for chunk in Self.chunks(parentCodes) {
            let rows = try await sql.select().columns("*").from("units").where("parent_code", .in, chunk!).all(decoding: UnitRow.self, with: rowDecoder)
            for row in rows {
                guard let unit = try? row.unitForTree(), let parent = unit.parent else { continue }
                children[parent, default: []].append(unit)
            }
        }
        for parent in children.keys { children[parent]!.sort { $0.code < $1.code } }
        let codes = Set(keys.flatMap { key in [key.indicator] + (indicators[key.indicator]?.weight.map { [$0] } ?? []) })
        let units = Set(children.values.flatMap { $0.map(\.code) }).union(keys.map(\.unit)).sorted()
        var figures: [ObservationKey: UnitFigure] = [:]
        for period in Set(keys.map(\.period)) {
            figures.merge(
                try await unitFigures(period: period, units: units, indicators: codes.sorted(), kinds: indicators.mapValues(\.kind)),
                uniquingKeysWith: { a, _ in a })
        }
        var changed: [ObservationKey: UnitFigure] = [:]
        var emptied: Set<ObservationKey> = []
        for depth in jobs.keys.sorted(by: >) {
            for key in jobs[depth]!.sorted() {
                guard let indicator = indicators[key.indicator] else { continue }
                let active = (children[key.unit] ?? []).filter { $0.isActive(in: key.period) }.map(\.code)
                let parts = active.isEmpty ? nil : UnitTree.rollup(of: active, indicator: indicator) {
                    figures[ObservationKey(unit: $0, indicator: $1, period: key.period)]
                }
                var figure = figures[key] ?? UnitFigure()
                guard figure.rollup != parts else { continue }
                figure.rollup = parts
                if figure.isEmpty {
                    figures[key] = nil
                    changed[key] = nil
                    emptied.insert(key)
                } else {
                    figures[key] = figure
                    changed[key] = figure
                    emptied.remove(key)
                }
            }
        }
        let rows = changed.sorted { $0.key < $1.key }.map { UnitFigureRow(key: $0.key, figure: $0.value, unit: parents[$0.key.unit]) }
        for start in stride(from: 0, to: rows.count, by: 200) {
            try await sql.insert(into: "unit_figures").models(Array(rows[start..<min(start + 200, rows.count)]), with: rowEncoder)
                .onConflict(with: ["unit_code", "indicator_code", "period"]) {
                    $0.set(excludedValueOf: "rollup_sum").set(excludedValueOf: "rollup_base").set(excludedValueOf: "reporting")
                        .set(excludedValueOf: "expected").set(excludedValueOf: "rollup_synthetic")
                        .set(excludedValueOf: "rank_key").set(excludedValueOf: "peer_level").set(excludedValueOf: "peer_synthetic")
                }.run()
        }
        for key in emptied.sorted() {
            try await sql.delete(from: "unit_figures").where("unit_code", .equal, key.unit.rawValue)
                .where("indicator_code", .equal, key.indicator.rawValue).where("period", .equal, key.period.description).run()
        }
    }
}

// MARK: - Rows

struct UnitFigureRow: Codable, Sendable {
    var unitCode: String
    var indicatorCode: String
    var period: String
    var ownRevision: Int?
    var ownValue: String?
    var ownDenominator: String?
    var ownSynthetic: Int
    var rollupSum: String?
    var rollupBase: String?
    var reporting: Int
    var expected: Int
    var rollupSynthetic: Int
    /// The figure that counts, as ``OrderKey`` bytes: what the database ranks peers by.
    var rankKey: Data?
    /// The unit's level while it is active in the period, else nil: with the rank key, a peer group of a level
    /// is one range of an index, counted without reading `units` (``ranks(of:period:indicators:)``).
    var peerLevel: String?
    /// 1 when the figure that counts is synthetic or its unit is: a peer that a rank leaves out of "real" peers.
    var peerSynthetic: Int

    enum CodingKeys: String, CodingKey {
        case unitCode = "unit_code"
        case indicatorCode = "indicator_code"
        case period
        case ownRevision = "own_revision"
        case ownValue = "own_value"
        case ownDenominator = "own_denominator"
        case ownSynthetic = "own_synthetic"
        case rollupSum = "rollup_sum"
        case rollupBase = "rollup_base"
        case reporting
        case expected
        case rollupSynthetic = "rollup_synthetic"
        case rankKey = "rank_key"
        case peerLevel = "peer_level"
        case peerSynthetic = "peer_synthetic"
    }

    init(key: ObservationKey, figure: UnitFigure, unit: OrgUnit?) {
        unitCode = key.unit.rawValue
        indicatorCode = key.indicator.rawValue
        period = key.period.description
        ownRevision = figure.own?.revision
        switch figure.own?.figure {
        case .value(let v): (ownValue, ownDenominator) = (v.exactText, nil)
        case .share(let x, let y): (ownValue, ownDenominator) = (x.exactText, y.exactText)
        case nil: (ownValue, ownDenominator) = (nil, nil)
        }
        ownSynthetic = figure.own?.synthetic == true ? 1 : 0
        rollupSum = figure.rollup?.sum.exactText
        rollupBase = figure.rollup?.base?.exactText
        reporting = figure.rollup?.reporting ?? 0
        expected = figure.rollup?.expected ?? 0
        rollupSynthetic = figure.rollup?.synthetic == true ? 1 : 0
        rankKey = Self.rankKey(of: figure)
        peerLevel = unit.flatMap { $0.isActive(in: key.period) ? $0.level.rawValue : nil }
        peerSynthetic = figure.isSynthetic || unit?.origin == .synthetic ? 1 : 0
    }

    /// Whether peers are ranked by the same columns in both rows.
    func ranksAs(_ other: UnitFigureRow) -> Bool {
        (rankKey, peerLevel, peerSynthetic) == (other.rankKey, other.peerLevel, other.peerSynthetic)
    }

    private static func rankKey(of figure: UnitFigure) -> Data? {
        figure.actual.flatMap { OrderKey.bytes($0.measured) }.map { Data($0) }
    }

    func key() throws -> ObservationKey {
        try UnitFigureKeyRow(unitCode: unitCode, indicatorCode: indicatorCode, period: period).key()
    }

    func figure(kind: IndicatorKind) throws -> UnitFigure {
        var figure = UnitFigure()
        if let ownRevision, let ownValue {
            figure.own = .init(revision: ownRevision, figure: try storedFigure(ownValue, denominator: ownDenominator), synthetic: ownSynthetic == 1)
        }
        if let rollupSum {
            // Sums of products (weighted rates) may carry all of Decimal's 38 digits, more than a figure is allowed.
            figure.rollup = RollupParts(
                kind: kind, sum: try storedResult(rollupSum, "roll-up sum"), base: try rollupBase.map { try storedResult($0, "roll-up base") },
                reporting: reporting, expected: expected,
                synthetic: rollupSynthetic == 1)
        }
        return figure
    }
}

/// The key of a maintained row.
struct UnitFigureKeyRow: Codable, Sendable {
    var unitCode: String
    var indicatorCode: String
    var period: String

    enum CodingKeys: String, CodingKey {
        case unitCode = "unit_code"
        case indicatorCode = "indicator_code"
        case period
    }

    func key() throws -> ObservationKey {
        ObservationKey(unit: try storedCode(unitCode), indicator: try storedCode(indicatorCode), period: try stored(period, "period", Period.init(parsing:)))
    }
}

/// One latest revision, as the rebuild's query gives it.
struct LatestRow: Codable, Sendable {
    var unitCode: String
    var indicatorCode: String
    var revision: Int
    var value: String
    var denominator: String?
    var sourceKind: String

    enum CodingKeys: String, CodingKey {
        case unitCode = "unit_code"
        case indicatorCode = "indicator_code"
        case revision
        case value
        case denominator
        case sourceKind = "source_kind"
    }

    func own() throws -> UnitFigure.Own {
        .init(revision: revision, figure: try storedFigure(value, denominator: denominator), synthetic: sourceKind == Observation.Source.Kind.synthetic.rawValue)
    }
}
