import Foundation
import SQLKit
import StocktakeCore

// The findings kept with the records (`unit_findings`). Those that follow from a unit's own records, its
// children's figures and its own earlier years (``Finding/followsFromRecords``) are recomputed by every write for
// the units and periods it can change and stored, so that a subtree's findings are one indexed read. Ranks and
// overdue tasks, which move with every peer's figure and with the day, are computed when read, for the few units
// that state a rank or have key tasks. A batched import marks its periods stale instead (`stale_findings`) and
// recomputes them once at its end; a stale period's findings are computed when read, as before they were kept.

/// A unit whose stored findings differ from what a recomputation gives.
public struct FindingDifference: Sendable, CustomStringConvertible {
    public let unit: UnitCode
    public let period: Period
    public let stored: [Finding]
    public let recomputed: [Finding]
    /// The period's findings were left to recompute by an import that did not finish.
    public var stale = false
    /// A stored finding of the unit that does not read, and why.
    public var unreadable: String?

    public var description: String {
        if stale { return "\(period): findings left to recompute by an unfinished import" }
        if let unreadable { return "\(unit)/\(period): a stored finding does not read: \(unreadable)" }
        func list(_ findings: [Finding]) -> String { findings.isEmpty ? "none" : findings.map(\.description).joined(separator: "; ") }
        return "\(unit)/\(period): stored \(list(stored)), recomputed \(list(recomputed))"
    }
}

/// How a write keeps the stored findings: with the write, or by marking its periods for one recomputation later
/// (a batched import, whose batches would each recompute the same parents).
public enum FindingUpkeep: Sendable {
    case withWrite
    case deferred
}

extension RecordAccess {
    // MARK: - Reading

    /// The findings about every unit of `code`'s subtree, as the whole evaluation gives them: the stored ones by
    /// one indexed read, ranks and overdue tasks computed for the units that state a rank or have key tasks.
    /// A period an import left stale is computed unit by unit instead (``computedSubtreeFindings(of:period:asOf:batch:)``).
    public func subtreeFindings(of code: UnitCode, period: Period, asOf: CalendarDate, batch: Int = 500) async throws -> [Finding] {
        if try await staleFindingPeriods().contains(period) {
            return try await computedSubtreeFindings(of: code, period: period, asOf: asOf, batch: batch)
        }
        let whole = try await isOnlyRoot(code)
        var findings = try await storedFindings(under: code, period: period, whole: whole)
        let indicators = try await indicatorsByCode(withTexts: false)
        let (claims, tasks) = try await unitsStatingRanksOrWithTasks(under: code, period: period, whole: whole)
        let candidates = Set(claims.keys).union(tasks).sorted()
        for start in stride(from: 0, to: candidates.count, by: batch) {
            let units = try await self.units(codes: Array(candidates[start..<min(start + batch, candidates.count)]))
            // Only the indicators whose ranks the batch states: a unit's ranks on the others make no finding.
            let stated = units.reduce(into: Set<IndicatorCode>()) { $0.formUnion(claims[$1.code] ?? []) }
            let slices = try await unitSlices(of: units, period: period, indicators: indicators.filter { stated.contains($0.key) }, ranked: \.statesARank)
            for slice in slices { findings += slice.review(asOf: asOf).findings.filter { !$0.followsFromRecords && !$0.isRuleViolation } }
        }
        // The validation rules on every unit of the subtree, from the maintained figures (none read without rules).
        let rules = try await validationRules()
        if !rules.isEmpty {
            findings += try await ruleFindings(of: whole ? try await units() : try await subtreeUnits(of: code), period: period, rules: rules)
        }
        return Finding.sorted(findings)
    }

    /// Whether `code` is the tree's only root, so that its subtree is every unit and is read without walking it.
    private func isOnlyRoot(_ code: UnitCode) async throws -> Bool {
        let roots = try await sql.select().column("code").from("units").where("parent_code", .is, SQLLiteral.null).limit(2)
            .all(decodingColumn: "code", as: String.self)
        return roots == [code.rawValue]
    }

    /// `code` and every unit below it, active or not, as a recursive query's rows (UNION stops at a unit seen
    /// before, should a changed database hold a cycle).
    func subtree(of code: UnitCode) -> SQLQueryString {
        """
        WITH RECURSIVE down(code) AS (SELECT code FROM units WHERE code = \(bind: code.rawValue) \
        UNION SELECT u.code FROM units u JOIN down ON u.parent_code = down.code)
        """
    }

    /// The stored findings of `code`'s subtree in `period` (of every unit, when `whole`).
    func storedFindings(under code: UnitCode, period: Period, whole: Bool = false) async throws -> [Finding] {
        let query: SQLQueryString = whole
            ? "SELECT * FROM unit_findings WHERE period = \(bind: period.description)"
            : """
            \(subtree(of: code)) SELECT f.* FROM down JOIN unit_findings f \
            ON f.period = \(bind: period.description) AND f.unit_code = down.code
            """
        // A row changed outside Stocktake is skipped and logged, as every read skips one: one bad row does not
        // take down the page of every unit above it. `stocktake verify` names it.
        let (findings, unreadable) = FindingRow.read(try await sql.raw(query).all(decoding: FindingRow.self, with: rowDecoder))
        report(unreadable.map { UnreadableRow(key: $0.row.subject, revision: nil, problem: $0.problem) })
        return findings
    }

    /// The units of `code`'s subtree with a figure stating a rank in `period` (any revision), with the indicators
    /// they state it of, and those with a key task of the period.
    private func unitsStatingRanksOrWithTasks(
        under code: UnitCode, period: Period, whole: Bool
    ) async throws -> (claims: [UnitCode: Set<IndicatorCode>], tasks: Set<UnitCode>) {
        let down: SQLQueryString = whole ? "" : subtree(of: code)
        let join: (String) -> SQLQueryString = { table in whole ? "" : "JOIN down ON \(unsafeRaw: table).unit_code = down.code" }
        var claims: [UnitCode: Set<IndicatorCode>] = [:]
        let ranks: SQLQueryString = """
            \(down) SELECT DISTINCT r.unit_code, r.indicator_code FROM observation_ranks r \(join("r")) WHERE r.period = \(bind: period.description)
            """
        for row in try await sql.raw(ranks).all(decoding: UnitIndicatorRow.self, with: rowDecoder) {
            claims[try storedCode(row.unitCode), default: []].insert(try storedCode(row.indicatorCode))
        }
        let tasks: SQLQueryString = """
            \(down) SELECT DISTINCT t.unit_code FROM key_tasks t \(join("t")) WHERE t.period = \(bind: period.description)
            """
        let owners = Set(try await sql.raw(tasks).all(decodingColumn: "unit_code", as: String.self).map { try storedCode($0) as UnitCode })
        return (claims, owners)
    }

    /// The findings about every unit of `code`'s subtree computed from the records, a batch of `batch` units at a
    /// time, level by level from the top: memory holds one batch, not the subtree.
    public func computedSubtreeFindings(of code: UnitCode, period: Period, asOf: CalendarDate, batch: Int = 500) async throws -> [Finding] {
        let indicators = try await indicatorsByCode(withTexts: false)
        var findings: [Finding] = []
        var level = [code]
        while !level.isEmpty {
            var next: [UnitCode] = []
            for start in stride(from: 0, to: level.count, by: batch) {
                let units = try await self.units(codes: Array(level[start..<min(start + batch, level.count)]))
                // Ranks are counted only where a figure states one: only a rank claim turns them into a finding.
                let slices = try await unitSlices(of: units, period: period, indicators: indicators, ranked: \.statesARank)
                for slice in slices { findings += slice.review(asOf: asOf).findings }
                next += try await childCodes(of: units.map(\.code))
            }
            level = next
        }
        return Finding.sorted(findings)
    }

    /// The periods whose stored findings an import left to recompute.
    func staleFindingPeriods() async throws -> Set<Period> {
        Set(try await sql.select().column("period").from("stale_findings").all(decodingColumn: "period", as: String.self)
            .map { try stored($0, "period", Period.init(parsing:)) })
    }

    // MARK: - Maintenance

    /// The units and indicators whose stored findings a write can change in each period. A written figure
    /// changes, of its indicator and the rates it weights, its unit's and ancestors' findings in its period (own
    /// figure against roll-up, missing reports), the change stated a year later by the same units and their
    /// successors, and its own unit's history range in the ten years after: in later periods, only units with
    /// figures there can have a finding. A written rate or share changes the findings of the units beside its
    /// unit on it, which are judged against it (``Outlier``). New units change their parents' expected reports, of
    /// every indicator, and their siblings' peers. New targets change nothing stored: a comparison stated against a
    /// target can only name a stored one.
    func findingScope(
        written: [Observation], units: [UnitCode: OrgUnit], parents: Set<ObservationKey>, indicators: [IndicatorCode: Indicator]
    ) async throws -> [Period: FindingScope] {
        var scope: [Period: FindingScope] = [:]
        for key in parents { scope[key.period, default: FindingScope()].add([key.unit], indicators: nil) }
        let judgedByPeers = indicators.values.filter { Outlier.comparesPeers($0.kind) }.map(\.code).sorted()
        var besides: [UnitCode: [Period: Set<IndicatorCode>]] = [:]
        for key in parents { besides[key.unit, default: [:]][key.period, default: []].formUnion(judgedByPeers) }
        for key in Set(written.map(\.key)) where judgedByPeers.contains(key.indicator) {
            if let parent = units[key.unit]?.parent { besides[parent, default: [:]][key.period, default: []].insert(key.indicator) }
        }
        for (parent, periods) in besides {
            for (period, codes) in periods { scope[period, default: FindingScope()].addPeers(of: parent, indicators: codes) }
        }
        var weighted: [IndicatorCode: Set<IndicatorCode>] = [:]
        for indicator in indicators.values { if let weight = indicator.weight { weighted[weight, default: []].insert(indicator.code) } }
        // Later periods: (unit, period, indicators) to keep if the unit has figures there.
        var later: [Period: FindingScope] = [:]
        for key in Set(written.map(\.key)) {
            var chain = [key.unit]
            while let parent = units[chain.last!]?.parent, chain.count <= units.count { chain.append(parent) }
            let codes = [key.indicator] + (weighted[key.indicator] ?? [])
            scope[key.period, default: FindingScope()].add(chain, indicators: codes)
            var period = key.period
            for year in 1...History.periods(before: key.period).count {
                period = period.yearLater
                guard Self.readable(period) else { break }
                later[period, default: FindingScope()].add(
                    year == 1 ? chain + chain.compactMap { units[$0]?.merger?.successor } : [key.unit], indicators: year == 1 ? Array(codes) : [key.indicator])
            }
        }
        let candidates = later.values.reduce(into: Set<UnitCode>()) { $0.formUnion($1.units) }.map(\.rawValue).sorted()
        guard !later.isEmpty else { return scope }
        var present: [Period: Set<UnitCode>] = [:]
        for chunk in Self.chunks(candidates) {
            let rows = try await sql.select().distinct().columns("unit_code", "period").from("observations")
                .where("unit_code", .in, chunk!).where("period", .in, later.keys.map(\.description).sorted())
                .all(decoding: UnitPeriodRow.self, with: rowDecoder)
            for row in rows { present[try stored(row.period, "period", Period.init(parsing:)), default: []].insert(try storedCode(row.unitCode)) }
        }
        for (period, part) in later {
            let units = part.units.intersection(present[period] ?? [])
            if !units.isEmpty { scope[period, default: FindingScope()].add(units, indicators: part.indicators.map(Array.init)) }
        }
        return scope
    }

    /// A period a year after one read may lie beyond the years a period can name (9999).
    private static func readable(_ period: Period) -> Bool {
        (try? Period(parsing: period.description)) == period
    }

    /// Keeps the stored findings of `scope` as `upkeep` says: recomputed now, or their periods marked stale.
    func keepFindings(_ scope: [Period: FindingScope], indicators: [IndicatorCode: Indicator], upkeep: FindingUpkeep) async throws {
        switch upkeep {
        case .withWrite:
            for (period, part) in scope.sorted(by: { $0.key < $1.key }) {
                let chosen = part.indicators.map { codes in indicators.filter { codes.contains($0.key) } } ?? indicators
                for chunk in Self.chunks(part.units.map(\.rawValue).sorted()) {
                    let units = try await self.units(codes: chunk!.map { UnitCode(unchecked: $0) })
                    let findings = try await recordFindings(of: units, period: period, indicators: chosen)
                    try await replaceFindings(of: units.map(\.code), period: period, indicators: part.indicators, with: findings)
                }
                for (indicator, parents) in part.peerGroups.sorted(by: { $0.key < $1.key }) {
                    guard let indicator = indicators[indicator] else { continue }
                    try await judgePeersAgain(of: parents.sorted(), indicator: indicator, period: period)
                }
            }
        case .deferred:
            for period in scope.keys.sorted() {
                try await sql.insert(into: "stale_findings").columns("period").values(SQLBind(period.description))
                    .ignoringConflicts(with: ["period"]).run()
            }
        }
    }

    /// The findings that follow from the records for each of `units` in `period`, of `indicators` only (ranks
    /// are not counted: no finding kept depends on them, and the date does not matter to any).
    func recordFindings(of units: [OrgUnit], period: Period, indicators: [IndicatorCode: Indicator]) async throws -> [Finding] {
        try await unitSlices(of: units, period: period, indicators: indicators, ranked: { _ in false })
            .flatMap { $0.review(asOf: period.lastDay).findings.filter { $0.followsFromRecords && $0.indicator.map { indicators[$0] != nil } == true } }
    }

    /// Judges again the figures of `indicator` in `period` of the children of `parents` against their history and
    /// each other (``Evaluator/unusualAmongPeers(_:indicator:period:history:)``), and replaces their stored
    /// outliers alone: a written rate or share changes what the units beside it are judged against, and nothing
    /// else of theirs. Each child's other findings on the indicator are kept, renumbered with the new ones.
    private func judgePeersAgain(of parents: [UnitCode], indicator: Indicator, period: Period) async throws {
        let children = try await units(codes: try await childCodes(of: parents))
        let figures = try await unitFigures(period: period, units: children.map(\.code), indicators: [indicator.code], kinds: [indicator.code: indicator.kind])
        var byParent: [UnitCode: [Evaluator.PeerFigure]] = [:]
        for unit in children {
            guard let parent = unit.parent, let own = figures[ObservationKey(unit: unit.code, indicator: indicator.code, period: period)]?.own else { continue }
            byParent[parent, default: []].append(Evaluator.PeerFigure(unit: unit.code, value: own.figure.measured, active: unit.isActive(in: period)))
        }
        let valued = byParent.values.flatMap { $0.map(\.unit) }
        guard !valued.isEmpty else { return }
        let history = try await history(before: period, units: valued, indicators: [indicator.code])
        let found = byParent.values.flatMap { Evaluator.unusualAmongPeers($0, indicator: indicator, period: period, history: history) }
        // The stored findings of the children on the indicator, read, kept but for their outliers, and written again.
        let codes = valued.map(\.rawValue).sorted()
        var kept: [Finding] = []
        for chunk in Self.chunks(codes) {
            let rows = try await sql.select().columns("*").from("unit_findings").where("period", .equal, period.description)
                .where("indicator_code", .equal, indicator.code.rawValue).where("unit_code", .in, chunk!)
                .all(decoding: FindingRow.self, with: rowDecoder)
            kept += FindingRow.read(rows).findings.filter { !$0.isOutlier }
        }
        try await replaceFindings(of: valued, period: period, indicators: [indicator.code], with: kept + found)
    }

    /// Replaces the stored findings of `units` in `period` (of `indicators`, or all) with `findings`.
    private func replaceFindings(of units: [UnitCode], period: Period, indicators: Set<IndicatorCode>?, with findings: [Finding]) async throws {
        for chunk in Self.chunks(units.map(\.rawValue)) {
            let delete = sql.delete(from: "unit_findings").where("period", .equal, period.description).where("unit_code", .in, chunk!)
            if let indicators { delete.where("indicator_code", .in, indicators.map(\.rawValue).sorted()) }
            try await delete.run()
        }
        try await RowMapping.insert(try FindingRow.rows(findings), into: "unit_findings", on: sql)
    }

    /// Recomputes the findings of every period an import marked stale, one transaction a period.
    func refreshStaleFindings(in store: Store) async throws {
        for period in try await staleFindingPeriods().sorted() {
            try await store.transaction { tx in
                try await tx.rebuildFindings(periods: [period])
                try await tx.sql.delete(from: "stale_findings").where("period", .equal, period.description).run()
            }
        }
    }

    // MARK: - Rebuild and verify

    /// Recomputes the stored findings of `periods` (all, when nil: every period with figures, and no stale mark
    /// left), a batch of 500 units at a time. Call it inside a transaction. Returns the number of findings stored.
    @discardableResult
    public func rebuildFindings(periods: [Period]? = nil, progress: (Period, Int) -> Void = { _, _ in }) async throws -> Int {
        let units = try await self.units()  // in code order
        let indicators = try await indicatorsByCode(withTexts: false)
        if periods == nil {
            try await sql.delete(from: "unit_findings").run()
            try await sql.delete(from: "stale_findings").run()
        }
        var written = 0
        let all = periods == nil ? try await figurePeriods() : []
        for period in periods ?? all {
            try await sql.delete(from: "unit_findings").where("period", .equal, period.description).run()
            var count = 0
            for start in stride(from: 0, to: units.count, by: 500) {
                let findings = try await recordFindings(of: Array(units[start..<min(start + 500, units.count)]), period: period, indicators: indicators)
                try await RowMapping.insert(try FindingRow.rows(findings), into: "unit_findings", on: sql)
                count += findings.count
            }
            written += count
            progress(period, count)
        }
        return written
    }

    /// Compares the stored findings with a recomputation, without writing: every unit that differs, at most
    /// `limit`, and every period left stale.
    public func verifyFindings(limit: Int = 100) async throws -> [FindingDifference] {
        var differences = try await staleFindingPeriods().sorted().map {
            FindingDifference(unit: UnitCode(unchecked: "-"), period: $0, stored: [], recomputed: [], stale: true)
        }
        let units = try await self.units()  // in code order
        let indicators = try await indicatorsByCode(withTexts: false)
        let periods = try await figurePeriods()
        for period in periods {
            for start in stride(from: 0, to: units.count, by: 500) {
                let batch = Array(units[start..<min(start + 500, units.count)])
                let recomputed = Dictionary(grouping: try await recordFindings(of: batch, period: period, indicators: indicators), by: \.unit)
                let rows = try await sql.select().columns("*").from("unit_findings").where("period", .equal, period.description)
                    .where("unit_code", .in, batch.map(\.code.rawValue)).orderBy("unit_code").orderBy("position")
                    .all(decoding: FindingRow.self, with: rowDecoder)
                let (readable, unreadable) = FindingRow.read(rows)
                let stored = Dictionary(grouping: readable, by: \.unit)
                // A unit with a row that does not read is named for that row alone.
                var named: Set<UnitCode> = []
                for (row, problem) in unreadable {
                    let unit = UnitCode(unchecked: row.unitCode)
                    named.insert(unit)
                    var difference = FindingDifference(unit: unit, period: period, stored: [], recomputed: Finding.sorted(recomputed[unit] ?? []))
                    difference.unreadable = "\(row.subject): \(problem)"
                    differences.append(difference)
                    if differences.count >= limit { return differences }
                }
                for unit in batch.map(\.code) where !named.contains(unit) && Set(stored[unit] ?? []) != Set(recomputed[unit] ?? []) {
                    differences.append(FindingDifference(
                        unit: unit, period: period, stored: Finding.sorted(stored[unit] ?? []), recomputed: Finding.sorted(recomputed[unit] ?? [])))
                    if differences.count >= limit { return differences }
                }
            }
        }
        // Findings of a period without figures cannot be recomputed: they are differences too.
        let strays = try await sql.select().distinct().column("period").from("unit_findings").all(decodingColumn: "period", as: String.self)
        for text in strays.sorted() {
            guard let period = try? Period(parsing: text), !periods.contains(period) else { continue }
            let rows = try await sql.select().columns("*").from("unit_findings").where("period", .equal, text).orderBy("unit_code").orderBy("position")
                .all(decoding: FindingRow.self, with: rowDecoder)
            for (unit, findings) in Dictionary(grouping: FindingRow.read(rows).findings, by: \.unit).sorted(by: { $0.key < $1.key }) {
                differences.append(FindingDifference(unit: unit, period: period, stored: findings, recomputed: []))
                if differences.count >= limit { return differences }
            }
        }
        return differences
    }
}

// MARK: - Rows

/// The units and indicators whose findings a write recomputes in one period; nil indicators mean every one.
struct FindingScope {
    var units: Set<UnitCode> = []
    var indicators: Set<IndicatorCode>? = []

    /// For each rate and share, the parents whose children's figures of it are judged against each other again.
    var peerGroups: [IndicatorCode: Set<UnitCode>] = [:]

    mutating func add(_ units: some Sequence<UnitCode>, indicators codes: [IndicatorCode]?) {
        self.units.formUnion(units)
        if let codes { indicators?.formUnion(codes) } else { indicators = nil }
    }

    mutating func addPeers(of parent: UnitCode, indicators codes: some Sequence<IndicatorCode>) {
        for code in codes { peerGroups[code, default: []].insert(parent) }
    }
}

struct UnitIndicatorRow: Codable, Sendable {
    var unitCode: String
    var indicatorCode: String

    enum CodingKeys: String, CodingKey {
        case unitCode = "unit_code"
        case indicatorCode = "indicator_code"
    }
}

struct UnitPeriodRow: Codable, Sendable {
    var unitCode: String
    var period: String

    enum CodingKeys: String, CodingKey {
        case unitCode = "unit_code"
        case period
    }
}

/// One stored finding: its subject, its kind, and its particulars as JSON with exact decimals as text.
struct FindingRow: Codable, Sendable {
    var period: String
    var unitCode: String
    /// The finding's place among its unit's findings of the indicator and period.
    var position: Int
    var indicatorCode: String
    var kind: String
    var detail: String

    enum CodingKeys: String, CodingKey {
        case period
        case unitCode = "unit_code"
        case position
        case indicatorCode = "indicator_code"
        case kind
        case detail
    }

    /// `BG/grdp_growth/2024 #0`, as the row names its finding.
    var subject: String { "\(unitCode)/\(indicatorCode)/\(period) #\(position)" }

    /// The findings of `rows`, and the rows that do not read (changed outside Stocktake) with why.
    static func read(_ rows: [FindingRow]) -> (findings: [Finding], unreadable: [(row: FindingRow, problem: String)]) {
        let decoder = JSONDecoder()
        var findings: [Finding] = []
        var unreadable: [(row: FindingRow, problem: String)] = []
        for row in rows {
            do { findings.append(try row.finding(decoder: decoder)) } catch { unreadable.append((row, "\(error)")) }
        }
        return (findings, unreadable)
    }

    /// Rows for `findings`, numbered within each unit, period and indicator.
    static func rows(_ findings: [Finding]) throws -> [FindingRow] {
        var positions: [String: Int] = [:]
        return try findings.map { finding in
            let subject = finding.subject
            let position = positions[subject, default: 0]
            positions[subject] = position + 1
            return try FindingRow(finding, position: position)
        }
    }

    init(_ finding: Finding, position: Int) throws {
        guard let indicator = finding.indicator else { throw StoreError.unstorable("finding \(finding): about no indicator, computed when read") }
        period = finding.period.description
        unitCode = finding.unit.rawValue
        self.position = position
        indicatorCode = indicator.rawValue
        kind = finding.code
        var detail = FindingDetail()
        switch finding.problem {
        case .rollupMismatch(let own, let rollup, let reporting):
            (detail.own, detail.rollup, detail.reporting) = (own.plainText, rollup.plainText, reporting)
        case .missingReports(let missing, let expected):
            (detail.missing, detail.expected) = (missing.map(\.rawValue), expected)
        case .outsideHistory(let value, let low, let high, let years):
            (detail.value, detail.low, detail.high, detail.years) = (value.exactText, low.exactText, high.exactText, years)
        case .farFromPeers(let value, let low, let high, let peers):
            (detail.value, detail.low, detail.high, detail.peers) = (value.exactText, low.exactText, high.exactText, peers)
        case .comparisonMismatch(let reported, let computed):
            switch reported.basis {
            case .yearEarlier: detail.basis = "year_earlier"
            case .target(let code): (detail.basis, detail.target) = ("target", code.rawValue)
            }
            (detail.relation, detail.percent, detail.decimals, detail.computed) =
                (reported.relation.rawValue, reported.percent.exactText, reported.decimals, computed.exactText)
        case .rankMismatch, .overdueTask, .ruleViolated:
            throw StoreError.unstorable("finding \(finding): computed when read, never stored")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        self.detail = String(decoding: try encoder.encode(detail), as: UTF8.self)
    }

    func finding(decoder: JSONDecoder = JSONDecoder()) throws -> Finding {
        let what = "finding of \(unitCode)/\(period)"
        let detail: FindingDetail
        do { detail = try decoder.decode(FindingDetail.self, from: Data(self.detail.utf8)) } catch { throw StoreError.corrupt("\(what): \(self.detail)") }
        func need<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else { throw StoreError.corrupt("\(what): no \(field) in \(self.detail)") }
            return value
        }
        // A roll-up, a ratio or a computed percentage may carry all of Decimal's digits.
        func decimal(_ text: String?, _ field: String) throws -> Decimal { try storedResult(try need(text, field), "\(what): \(field)") }
        func figure(_ text: String?, _ field: String) throws -> Figure {
            let parts = try need(text, field).split(separator: "/", maxSplits: 1).map(String.init)
            guard let value = parts.first else { throw StoreError.corrupt("\(what): empty \(field)") }
            let x = try decimal(value, field)
            return parts.count == 2 ? .share(numerator: x, denominator: try decimal(parts[1], field)) : .value(x)
        }
        let problem: Finding.Problem
        switch kind {
        case "rollup_mismatch":
            problem = .rollupMismatch(own: try figure(detail.own, "own"), rollup: try figure(detail.rollup, "rollup"), reporting: try need(detail.reporting, "reporting"))
        case "missing_reports":
            problem = .missingReports(missing: try need(detail.missing, "missing").map { try storedCode($0) }, expected: try need(detail.expected, "expected"))
        case "outside_history":
            problem = .outsideHistory(
                value: try decimal(detail.value, "value"), low: try decimal(detail.low, "low"), high: try decimal(detail.high, "high"),
                years: try need(detail.years, "years"))
        case "far_from_peers":
            problem = .farFromPeers(
                value: try decimal(detail.value, "value"), low: try decimal(detail.low, "low"), high: try decimal(detail.high, "high"),
                peers: try need(detail.peers, "peers"))
        case "comparison_mismatch":
            let basis: ReportedComparison.Basis = try need(detail.basis, "basis") == "target" ? .target(try storedCode(try need(detail.target, "target"))) : .yearEarlier
            let reported = ReportedComparison(
                basis: basis, relation: try storedChoice(try need(detail.relation, "relation")), percent: try decimal(detail.percent, "percent"),
                decimals: try need(detail.decimals, "decimals"))
            problem = .comparisonMismatch(reported: reported, computedPercent: try decimal(detail.computed, "computed"))
        default:
            throw StoreError.corrupt("\(what): kind '\(kind)'")
        }
        return Finding(
            unit: try storedCode(unitCode), indicator: try storedCode(indicatorCode), period: try stored(period, "period", Period.init(parsing:)),
            problem: problem)
    }
}

/// The particulars of a stored finding; only those of its kind are present.
struct FindingDetail: Codable {
    var own: String?
    var rollup: String?
    var reporting: Int?
    var missing: [String]?
    var expected: Int?
    var value: String?
    var low: String?
    var high: String?
    var years: Int?
    var peers: Int?
    var basis: String?
    var target: String?
    var relation: String?
    var percent: String?
    var decimals: Int?
    var computed: String?
}
