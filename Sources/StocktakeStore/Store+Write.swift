import Foundation
import SQLKit
import StocktakeCore

extension Store {
    /// Writes a planned import in one transaction. Plans only add records (see ``ImportPlanner``); a failure
    /// part-way rolls everything back.
    public func apply(_ plan: ImportPlan) async throws {
        try await transaction { try await $0.insert(plan) }
    }
}

extension RecordAccess {
    /// Inserts a plan's records, parents before children as the foreign keys require, and keeps the maintained
    /// figures and findings as `findings` says. Call it inside a transaction (``Store/transaction(_:)``) so that
    /// it lands whole or not at all.
    public func insert(_ plan: ImportPlan, findings: FindingUpkeep = .withWrite) async throws {
        let set = plan.dataSet
        try Self.checkStorable(set)
        let db = sql
        // Counted first, so that the observations carry the version of the write that stored them.
        let version = try await bumpDataVersion(observationsOnly: set.recordCount == set.observations.count)
        try await RowMapping.insert(RowMapping.parentsFirst(set.units).map(RowMapping.row), into: "units", on: db)
        try await RowMapping.insert(set.units.flatMap { u in u.names.values.map { UnitNameRow(unitCode: u.code.rawValue, language: $0.key, name: $0.value) } }, into: "unit_names", on: db)
        try await RowMapping.insert(set.units.flatMap { u in u.groups.map { UnitGroupRow(unitCode: u.code.rawValue, kind: $0.key.rawValue, name: $0.value) } }, into: "unit_groups", on: db)
        let indicators = set.indicators.sorted { ($0.weight == nil ? 0 : 1, $0.code) < ($1.weight == nil ? 0 : 1, $1.code) }
        try await RowMapping.insert(indicators.map(RowMapping.row), into: "indicators", on: db)
        try await RowMapping.insert(set.indicators.flatMap(RowMapping.textRows), into: "indicator_texts", on: db)
        try await RowMapping.insert(set.documents.map(RowMapping.row), into: "documents", on: db)
        try await RowMapping.insert(set.documents.flatMap { d in d.title.values.map { DocumentTitleRow(documentCode: d.code.rawValue, language: $0.key, title: $0.value) } }, into: "document_titles", on: db)
        try await RowMapping.insert(set.targets.map(RowMapping.row), into: "targets", on: db)
        try await RowMapping.insert(set.tasks.map(RowMapping.row), into: "key_tasks", on: db)
        try await RowMapping.insert(set.tasks.flatMap { t in t.title.values.map { TaskTitleRow(taskCode: t.code.rawValue, language: $0.key, title: $0.value) } }, into: "key_task_titles", on: db)
        try await RowMapping.insert(set.observations.map { RowMapping.row($0, version: version) }, into: "observations", on: db)
        try await RowMapping.insert(set.observations.flatMap(RowMapping.comparisonRows), into: "observation_comparisons", on: db)
        try await RowMapping.insert(set.observations.flatMap(RowMapping.rankRows), into: "observation_ranks", on: db)
        try await insert(rules: set.validationRules)
        // New units first: they change their parents' expected reports, and their own figures may follow.
        let definitions = try await indicatorsByCode(withTexts: false)
        let parents = try await maintainFigures(adding: set.units, indicators: definitions)
        let units = try await maintainFigures(after: set.observations, indicators: definitions)
        let scope = try await findingScope(written: set.observations, units: units, parents: parents, indicators: definitions)
        try await keepFindings(scope, indicators: definitions, upkeep: findings)
    }

    /// The store never holds what it cannot read: every figure is checked by the rule that reading applies
    /// (``FigureRule``), whichever way it came, before anything is written.
    static func checkStorable(_ set: DataSet) throws {
        for o in set.observations where !FigureRule.allows(o.figure) {
            throw StoreError.unstorable("\(o.key) revision \(o.revision): figure \(o.figure.plainText), expected \(FigureRule.expected)")
        }
        for o in set.observations {
            for c in o.claims.comparisons where !FigureRule.allows(c.percent) {
                throw StoreError.unstorable("\(o.key) revision \(o.revision): percent \(c.percent.exactText), expected \(FigureRule.expected)")
            }
        }
        for t in set.targets {
            var values = [t.bound.value].compactMap { $0 }
            if case .between(let low, let high) = t.bound { values = [low, high] }
            for v in values where !FigureRule.allows(v) {
                throw StoreError.unstorable("target \(t.code): value \(v.exactText), expected \(FigureRule.expected)")
            }
        }
    }

    /// Counts a write and returns its version; see ``dataVersion()``. A write of anything but observations also
    /// moves the definitions version (``dataVersions()``).
    @discardableResult
    func bumpDataVersion(observationsOnly: Bool = false) async throws -> Int {
        let update = sql.update("data_version").set(SQLIdentifier("version"), to: SQLRaw("version + 1"))
        if !observationsOnly { update.set(SQLIdentifier("definitions_version"), to: SQLRaw("version + 1")) }
        // One round trip: both engines return the row the update wrote.
        return try await update.where("id", .equal, 1).returning("version").first(decodingColumn: "version", as: Int.self) ?? 0
    }

    /// A number that grows with every write to figures, tasks or definitions, from any process.
    public func dataVersion() async throws -> Int {
        try await sql.select().column("version").from("data_version").where("id", .equal, 1).first(decodingColumn: "version", as: Int.self) ?? 0
    }

    /// The data version, and the version of the last write that changed anything but observations: between the
    /// two, only figures were written (``periods(writtenAfter:upTo:)``).
    public func dataVersions() async throws -> (data: Int, definitions: Int) {
        let row = try await sql.select().column("version").column("definitions_version").from("data_version").where("id", .equal, 1).first()
        return (try row?.decode(column: "version", as: Int.self) ?? 0, try row?.decode(column: "definitions_version", as: Int.self) ?? 0)
    }
}

/// Domain values as table rows.
enum RowMapping {
    /// Inserts rows in batches, so that a large import stays within both engines' limits on bound parameters.
    static func insert<Row: Encodable & Sendable>(_ rows: [Row], into table: String, on db: any SQLDatabase) async throws {
        let batch = 200
        var start = 0
        while start < rows.count {
            let end = min(start + batch, rows.count)
            try await db.insert(into: table).models(Array(rows[start..<end]), with: rowEncoder).run()
            start = end
        }
    }

    /// New units ordered so that each comes after its parent and its successor, as the foreign keys require.
    static func parentsFirst(_ units: [OrgUnit]) -> [OrgUnit] {
        let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var placed: Set<UnitCode> = []
        var result: [OrgUnit] = []
        func place(_ unit: OrgUnit) {
            guard !placed.contains(unit.code) else { return }
            placed.insert(unit.code)
            for dependency in [unit.parent, unit.merger?.successor].compactMap({ $0 }) {
                if let other = byCode[dependency] { place(other) }
            }
            result.append(unit)
        }
        for unit in units.sorted(by: { $0.code < $1.code }) { place(unit) }
        return result
    }

    static func row(_ unit: OrgUnit) -> UnitRow {
        UnitRow(
            code: unit.code.rawValue, level: unit.level.rawValue, parentCode: unit.parent?.rawValue,
            successorCode: unit.merger?.successor.rawValue, mergedOn: unit.merger?.effective.description, origin: unit.origin.rawValue)
    }

    static func row(_ indicator: Indicator) -> IndicatorRow {
        IndicatorRow(
            code: indicator.code.rawValue, kind: indicator.kind.rawValue, better: indicator.better.rawValue,
            decimals: indicator.decimals, weightCode: indicator.weight?.rawValue, origin: indicator.origin.rawValue)
    }

    static func textRows(_ indicator: Indicator) -> [IndicatorTextRow] {
        indicator.names.values.map { IndicatorTextRow(indicatorCode: indicator.code.rawValue, field: "name", language: $0.key, text: $0.value) }
            + indicator.measure.values.map { IndicatorTextRow(indicatorCode: indicator.code.rawValue, field: "measure", language: $0.key, text: $0.value) }
    }

    static func row(_ document: Document) -> DocumentRow {
        DocumentRow(
            code: document.code.rawValue, reference: document.reference?.description, issuerCode: document.issuer?.rawValue,
            issuedOn: document.issued?.description)
    }

    static func row(_ target: Target) -> TargetRow {
        var value = target.bound.value
        var upper: Decimal?
        if case .between(let low, let high) = target.bound { (value, upper) = (low, high) }
        return TargetRow(
            code: target.code.rawValue, unitCode: target.unit.rawValue, indicatorCode: target.indicator.rawValue,
            period: target.period.description, documentCode: target.document?.rawValue, bound: target.bound.name,
            basis: target.basis.rawValue, value: value?.exactText, upper: upper?.exactText)
    }

    static func row(_ task: KeyTask) -> TaskRow {
        var completedOn: String?
        var onTime: Int?
        if case .done(let completion) = task.status {
            completedOn = completion.day?.description
            onTime = completion.onTime ? 1 : 0
        }
        return TaskRow(
            code: task.code.rawValue, unitCode: task.unit.rawValue, documentCode: task.document?.rawValue,
            period: task.period.description, deadline: task.deadline.description, status: task.status.name,
            completedOn: completedOn, onTime: onTime)
    }

    static func row(_ o: Observation, version: Int) -> ObservationRow {
        var value: Decimal
        var denominator: Decimal?
        switch o.figure {
        case .value(let v): value = v
        case .share(let x, let y): (value, denominator) = (x, y)
        }
        return ObservationRow(
            unitCode: o.key.unit.rawValue, indicatorCode: o.key.indicator.rawValue, period: o.key.period.description,
            revision: o.revision, value: value.exactText, denominator: denominator?.exactText, sourceKind: o.source.kind.rawValue,
            citation: o.source.citation, enteredBy: o.enteredBy, enteredAt: o.enteredAt.formatted(.iso8601), reason: o.reason,
            writtenVersion: version)
    }

    static func comparisonRows(_ o: Observation) -> [ComparisonRow] {
        o.claims.comparisons.enumerated().map { index, c in
            var basis = "year_earlier"
            var target: String?
            if case .target(let code) = c.basis { (basis, target) = ("target", code.rawValue) }
            return ComparisonRow(
                unitCode: o.key.unit.rawValue, indicatorCode: o.key.indicator.rawValue, period: o.key.period.description,
                revision: o.revision, position: index, basis: basis, targetCode: target, relation: c.relation.rawValue,
                percent: c.percent.printed(decimals: c.decimals))
        }
    }

    static func rankRows(_ o: Observation) -> [RankRow] {
        o.claims.ranks.enumerated().map { index, r in
            RankRow(
                unitCode: o.key.unit.rawValue, indicatorCode: o.key.indicator.rawValue, period: o.key.period.description,
                revision: o.revision, position: index, peers: r.peers.description, rank: r.position)
        }
    }
}
