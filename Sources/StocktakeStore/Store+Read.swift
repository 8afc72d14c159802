import Foundation
import SQLKit
import StocktakeCore

extension RecordAccess {
    // MARK: - Definitions

    /// Every unit, or only those of `codes`.
    public func units(codes: [UnitCode]? = nil) async throws -> [OrgUnit] {
        var rows: [UnitRow] = []
        var names: [String: [UnitNameRow]] = [:]
        var groups: [String: [UnitGroupRow]] = [:]
        for chunk in Self.chunks(codes.map { Set($0).map(\.rawValue).sorted() }) {
            func query(_ table: String, _ column: String) -> SQLSelectBuilder {
                let query = sql.select().columns("*").from(table)
                if let chunk { query.where(SQLIdentifier(column), .in, SQLBind.group(chunk)) }
                return query
            }
            rows += try await query("units", "code").orderBy("code").all(decoding: UnitRow.self, with: rowDecoder)
            names.merge(Dictionary(grouping: try await query("unit_names", "unit_code").all(decoding: UnitNameRow.self, with: rowDecoder), by: \.unitCode)) { a, _ in a }
            groups.merge(Dictionary(grouping: try await query("unit_groups", "unit_code").all(decoding: UnitGroupRow.self, with: rowDecoder), by: \.unitCode)) { a, _ in a }
        }
        return try rows.map { row in
            var unit = try row.unitForTree()
            unit.names = LocalizedText(Dictionary((names[row.code] ?? []).map { ($0.language, $0.name) }, uniquingKeysWith: { a, _ in a }))
            unit.groups = Dictionary((groups[row.code] ?? []).map { (GroupKind($0.kind), $0.name) }, uniquingKeysWith: { a, _ in a })
            return unit
        }
    }

    /// The units of `codes` by code (the units a page or a listing names), read at once.
    public func unitsByCode(_ codes: some Sequence<UnitCode>) async throws -> [UnitCode: OrgUnit] {
        Dictionary(try await units(codes: Array(codes)).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The first `limit` unit codes in code order: what an error naming an unknown unit suggests.
    public func unitCodes(limit: Int) async throws -> [UnitCode] {
        try await sql.select().column("code").from("units").orderBy("code").limit(limit)
            .all(decodingColumn: "code", as: String.self).map { try storedCode($0) }
    }

    /// A unit and its ancestors, nearest first: what a remit check walks, read a level at a time rather than the
    /// whole tree.
    public func lineage(of code: UnitCode) async throws -> [OrgUnit] {
        var chain: [OrgUnit] = []
        var next: UnitCode? = code
        while let current = next, chain.count < 64, let unit = try await units(codes: [current]).first {
            chain.append(unit)
            next = unit.parent
        }
        return chain
    }

    public func indicators() async throws -> [Indicator] {
        try await indicators(withTexts: true)
    }

    /// Every indicator, by its code; without names and measures when `withTexts` is false (what a write's
    /// maintenance needs of them).
    public func indicatorsByCode(withTexts: Bool = true) async throws -> [IndicatorCode: Indicator] {
        Dictionary(try await indicators(withTexts: withTexts).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Without their names and measures when a write only needs the rules (kind, weight), which saves reading
    /// every text of every indicator on every write.
    func indicators(withTexts: Bool) async throws -> [Indicator] {
        let rows = try await sql.select().columns("*").from("indicators").orderBy("code").all(decoding: IndicatorRow.self, with: rowDecoder)
        let texts = !withTexts ? [:] : Dictionary(
            grouping: try await sql.select().columns("*").from("indicator_texts").all(decoding: IndicatorTextRow.self, with: rowDecoder), by: \.indicatorCode)
        return try rows.map { row in
            func text(_ field: String) -> LocalizedText {
                LocalizedText(Dictionary((texts[row.code] ?? []).filter { $0.field == field }.map { ($0.language, $0.text) }, uniquingKeysWith: { a, _ in a }))
            }
            return Indicator(
                code: try storedCode(row.code), names: text("name"), measure: text("measure"), kind: try storedChoice(row.kind),
                better: try storedChoice(row.better), decimals: row.decimals, weight: try row.weightCode.map(storedCode),
                origin: try storedChoice(row.origin))
        }
    }

    /// Every document, or only those of `codes`.
    public func documents(codes: [DocumentCode]? = nil) async throws -> [Document] {
        let query = sql.select().columns("*").from("documents").orderBy("code")
        let titleQuery = sql.select().columns("*").from("document_titles")
        if let codes {
            query.where("code", .in, codes.map(\.rawValue))
            titleQuery.where("document_code", .in, codes.map(\.rawValue))
        }
        let rows = try await query.all(decoding: DocumentRow.self, with: rowDecoder)
        let titles = Dictionary(grouping: try await titleQuery.all(decoding: DocumentTitleRow.self, with: rowDecoder), by: \.documentCode)
        return try rows.map { row in
            Document(
                code: try storedCode(row.code), reference: try row.reference.map { try stored($0, "document reference", DocumentReference.init(parsing:)) },
                title: LocalizedText(Dictionary((titles[row.code] ?? []).map { ($0.language, $0.title) }, uniquingKeysWith: { a, _ in a })),
                issuer: try row.issuerCode.map(storedCode), issued: try row.issuedOn.map { try stored($0, "issue date", CalendarDate.init(parsing:)) })
        }
    }

    /// Targets, all or only those of the given periods, units, codes or document.
    public func targets(periods: [Period]? = nil, units: [UnitCode]? = nil, codes: [TargetCode]? = nil, document: DocumentCode? = nil) async throws -> [Target] {
        let query = sql.select().columns("*").from("targets").orderBy("code")
        if let document { query.where("document_code", .equal, document.rawValue) }
        if let periods { query.where("period", .in, periods.map(\.description)) }
        if let units { query.where("unit_code", .in, units.map(\.rawValue)) }
        if let codes { query.where("code", .in, codes.map(\.rawValue)) }
        var unreadable: [UnreadableRow] = []
        // A target row that does not read is skipped and logged, as observation rows are.
        let result: [Target] = try await query.all(decoding: TargetRow.self, with: rowDecoder).compactMap { row in
            do {
                let value = try row.value.map { try stored($0, "target value", Decimal.init(exactly:)) }
                let bound: Target.Bound
                switch row.bound {
                case "at_least": bound = .atLeast(value)
                case "at_most": bound = .atMost(value)
                case "exactly": bound = .exactly(value ?? 0)
                default:
                    bound = .between(value ?? 0, try stored(row.upper ?? "", "target upper bound", Decimal.init(exactly:)))
                }
                return Target(
                    code: try storedCode(row.code), unit: try storedCode(row.unitCode), indicator: try storedCode(row.indicatorCode),
                    period: try stored(row.period, "period", Period.init(parsing:)), document: try row.documentCode.map(storedCode),
                    bound: bound, basis: try storedChoice(row.basis))
            } catch {
                unreadable.append(UnreadableRow(key: "target \(row.code)", revision: nil, problem: "\(error)"))
                return nil
            }
        }
        report(unreadable)
        return result
    }

    /// Key tasks, all or only those of the given periods, units, codes or document, each with its latest status:
    /// the imported one unless a later change was recorded.
    public func tasks(periods: [Period]? = nil, units: [UnitCode]? = nil, codes: [TaskCode]? = nil, document: DocumentCode? = nil) async throws -> [KeyTask] {
        let query = sql.select().columns("*").from("key_tasks").orderBy("code")
        if let document { query.where("document_code", .equal, document.rawValue) }
        if let periods { query.where("period", .in, periods.map(\.description)) }
        if let units { query.where("unit_code", .in, units.map(\.rawValue)) }
        if let codes { query.where("code", .in, codes.map(\.rawValue)) }
        let rows = try await query.all(decoding: TaskRow.self, with: rowDecoder)
        guard !rows.isEmpty else { return [] }
        // A few tasks' titles and changes are read by their codes, all tasks' at once.
        let only = units == nil && codes == nil && document == nil ? nil : rows.map(\.code)
        func related(_ table: String) -> SQLSelectBuilder {
            let query = sql.select().columns("*").from(table)
            if let only { query.where("task_code", .in, only) }
            return query
        }
        let titles = Dictionary(grouping: try await related("key_task_titles").all(decoding: TaskTitleRow.self, with: rowDecoder), by: \.taskCode)
        var changes: [String: TaskStatusChangeRow] = [:]
        for change in try await related("task_status_changes").orderBy("revision")
            .all(decoding: TaskStatusChangeRow.self, with: rowDecoder) { changes[change.taskCode] = change }
        return try rows.map { row in
            let deadline = try stored(row.deadline, "deadline", CalendarDate.init(parsing:))
            let latest = changes[row.code]
            let name = latest?.status ?? row.status
            guard let status = try KeyTask.Status(name: name, completion: {
                if let day = latest.map(\.completedOn) ?? row.completedOn {
                    return .init(day: try stored(day, "completion date", CalendarDate.init(parsing:)), deadline: deadline)
                }
                return .init(undatedOnTime: latest == nil ? row.onTime == 1 : false)
            }) else { throw StoreError.corrupt("key task status '\(name)'") }
            return KeyTask(
                code: try storedCode(row.code), unit: try storedCode(row.unitCode), document: try row.documentCode.map(storedCode),
                title: LocalizedText(Dictionary((titles[row.code] ?? []).map { ($0.language, $0.title) }, uniquingKeysWith: { a, _ in a })),
                period: try stored(row.period, "period", Period.init(parsing:)), deadline: deadline, status: status)
        }
    }

    // MARK: - Observations

    /// Every revision of the observations of the given periods (all periods when nil), optionally of some units
    /// and one indicator, with the claims each revision carried. Three queries whatever the number of units.
    public func observations(periods: [Period]? = nil, units: [UnitCode]? = nil, indicators: [IndicatorCode]? = nil) async throws -> [Observation] {
        func filtered(_ table: String) -> SQLSelectBuilder {
            let query = sql.select().columns("*").from(table)
            if let periods { query.where("period", .in, periods.map(\.description)) }
            if let units { query.where("unit_code", .in, units.map(\.rawValue)) }
            if let indicators { query.where("indicator_code", .in, indicators.map(\.rawValue)) }
            return query
        }
        let comparisons = Dictionary(grouping: try await filtered("observation_comparisons").orderBy("position").all(decoding: ComparisonRow.self, with: rowDecoder), by: \.revisionKey)
        let ranks = Dictionary(grouping: try await filtered("observation_ranks").orderBy("position").all(decoding: RankRow.self, with: rowDecoder), by: \.revisionKey)
        // Rows become observations as they arrive, so that a nation's year never sits in memory twice.
        let collector = ObservationCollector(comparisons: comparisons, ranks: ranks)
        let query = filtered("observations").orderBy("unit_code").orderBy("indicator_code").orderBy("period").orderBy("revision")
        try await sql.execute(sql: query.query) { row in collector.take(row) }
        let (observations, unreadable) = try collector.finish()
        report(unreadable)
        return observations
    }

    /// The periods of the observations written after data version `version` and up to `last`.
    public func periods(writtenAfter version: Int, upTo last: Int) async throws -> Set<Period> {
        let texts = try await sql.select().distinct().column("period").from("observations")
            .where("written_version", .greaterThan, version).where("written_version", .lessThanOrEqual, last)
            .all(decodingColumn: "period", as: String.self)
        return Set(try texts.map { try stored($0, "period", Period.init(parsing:)) })
    }

    /// Stored observation rows this program cannot read (changed outside Stocktake): skipped by every read, so
    /// that one bad row cannot take a page or a command down, and listed here (`stocktake validate`).
    public func unreadableObservations() async throws -> [UnreadableRow] {
        // Every row is read, but only the unreadable ones are kept: a nation's observations are not held.
        let collector = ObservationCollector(comparisons: [:], ranks: [:], keeping: false)
        let query = sql.select().columns("*").from("observations").orderBy("unit_code").orderBy("indicator_code").orderBy("period").orderBy("revision")
        try await sql.execute(sql: query.query) { row in collector.take(row) }
        return try collector.finish().1
    }

    /// Logs skipped rows, so that an operator learns of them from the log as well as from validation.
    func report(_ unreadable: [UnreadableRow]) {
        for row in unreadable.prefix(20) { sql.logger.warning("skipped an unreadable row: \(row)") }
        if unreadable.count > 20 { sql.logger.warning("skipped \(unreadable.count - 20) more unreadable rows") }
    }

    /// Every revision of one figure, oldest first.
    public func history(of key: ObservationKey) async throws -> [Observation] {
        try await observations(periods: [key.period], units: [key.unit], indicators: [key.indicator])
    }

    // MARK: - Whole sets

    /// What evaluating `period` reads: all definitions, the period's targets and tasks, and the observations of
    /// the period and of the same period a year earlier.
    public func snapshot(for period: Period) async throws -> DataSet {
        DataSet(
            units: try await units(), documents: try await documents(), indicators: try await indicators(),
            targets: try await targets(periods: [period]), tasks: try await tasks(periods: [period]),
            observations: try await observations(periods: [period, period.yearEarlier]), validationRules: try await validationRules())
    }

    /// An evaluator for `period`: the snapshot, and the figures of the ten earlier years streamed through
    /// ``History`` without holding their observations.
    public func evaluator(for period: Period) async throws -> Evaluator {
        Evaluator(try await snapshot(for: period), history: try await history(before: period))
    }

    /// Each unit's earlier figures (of `units` and `indicators` only, when given), read in one
    /// ordered pass over the earlier periods' rows: the last row of each key in key order is its latest revision.
    public func history(before period: Period, years: Int = 10, units: [UnitCode]? = nil, indicators: [IndicatorCode]? = nil) async throws -> History {
        let periods = History.periods(before: period, years: years)
        let query = sql.select().columns("unit_code", "indicator_code", "period", "revision", "value", "denominator")
            .from("observations").where("period", .in, periods.map(\.description))
        if let units { query.where("unit_code", .in, units.map(\.rawValue)) }
        if let indicators { query.where("indicator_code", .in, indicators.map(\.rawValue)) }
        query.orderBy("unit_code").orderBy("indicator_code").orderBy("period").orderBy("revision")
        let collector = HistoryCollector(History(before: period, years: years))
        try await sql.execute(sql: query.query) { row in collector.take(row) }
        let (history, unreadable) = try collector.finish()
        report(unreadable)
        return history
    }

    /// Everything stored, every revision included: what `stocktake export` writes.
    public func dataSet() async throws -> DataSet {
        DataSet(
            units: try await units(), documents: try await documents(), indicators: try await indicators(),
            targets: try await targets(), tasks: try await tasks(), observations: try await observations(), validationRules: try await validationRules())
    }

    /// What an import of `input` must be checked against: units and indicators; documents, targets and tasks as far
    /// as the file defines or names them; and the stored revisions of the figures it mentions.
    public func catalog(for input: LocatedDataSet) async throws -> Catalog {
        var catalog = Catalog()
        // Observations alone are checked against their own units: one figure entered does not read a nation's tree.
        // (An empty input asks for every definition: the batched import reads them once so.)
        let onlyObservations = !input.observations.isEmpty && input.units.isEmpty && input.documents.isEmpty && input.targets.isEmpty
            && input.tasks.isEmpty && input.validationRules.isEmpty
        let named = onlyObservations ? input.observations.map(\.value.observation.key.unit) : nil
        for unit in try await units(codes: named) { catalog.units[unit.code] = unit }
        for indicator in try await indicators() { catalog.indicators[indicator.code] = indicator }
        // A file of observations alone needs no documents or tasks, and only the targets its claims name: a
        // nation's hundreds of thousands of targets are not read for every batch.
        if !input.documents.isEmpty || !input.targets.isEmpty || !input.tasks.isEmpty {
            for document in try await documents() { catalog.documents[document.code] = document }
        }
        if !input.tasks.isEmpty {
            for task in try await tasks() { catalog.tasks[task.code] = task }
        }
        for target in try await (input.targets.isEmpty ? targetsNamed(by: input) : targets()) {
            catalog.targets[target.code] = target
        }
        for rule in try await validationRules(codes: input.validationRules.map(\.value.code)) { catalog.validationRules[rule.code] = rule }
        catalog.revisions = try await revisions(of: input)
        catalog.approvals = try await approvals(of: Set(input.observations.map { UnitPeriod($0.value.observation.key.unit, $0.value.observation.key.period) }))
        return catalog
    }

    /// The stored targets that the comparisons of `input`'s observations name, and no others.
    func targetsNamed(by input: LocatedDataSet) async throws -> [Target] {
        let named = Set(input.observations.flatMap { located in
            located.value.observation.claims.comparisons.compactMap { claim -> TargetCode? in
                if case .target(let code) = claim.basis { code } else { nil }
            }
        })
        return named.isEmpty ? [] : try await targets(codes: named.sorted())
    }

    /// Rows per table, for reports and for checking that a refused import changed nothing.
    public func rowCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in Store.tables {
            counts[table] = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
        return counts
    }

}

extension Store {
    /// Every table of the schema but the migration record.
    public static let tables = [
        "units", "unit_names", "unit_groups", "indicators", "indicator_texts", "documents", "document_titles", "targets",
        "key_tasks", "key_task_titles", "observations", "observation_comparisons", "observation_ranks",
        "users", "sessions", "audit_events", "task_status_changes", "data_version",
        "polls", "poll_officials", "poll_roll", "poll_voted", "poll_counts", "poll_receipts", "poll_ballots", "ratings",
        "rating_rules", "award_rules", "award_decisions", "conferences", "conference_tasks", "secretaries", "unit_figures",
        "approval_steps", "reporting_deadlines", "validation_rules", "validation_rule_titles",
    ]
}

/// Folds ordered observation rows into a ``History``. Rows arrive one at a time, in order, from the driver.
private final class HistoryCollector: @unchecked Sendable {
    private var history: History
    private var pending: (unit: String, indicator: String, period: String, value: String, denominator: String?)?
    private var failure: (any Error)?

    init(_ history: History) { self.history = history }

    func take(_ row: any SQLRow) {
        do {
            let unit = try row.decode(column: "unit_code", as: String.self)
            let indicator = try row.decode(column: "indicator_code", as: String.self)
            let period = try row.decode(column: "period", as: String.self)
            if let last = pending, (last.unit, last.indicator, last.period) != (unit, indicator, period) { try flush() }
            pending = (unit, indicator, period, try row.decode(column: "value", as: String.self), try row.decode(column: "denominator", as: String?.self))
        } catch {
            failure = failure ?? error
        }
    }

    private var unreadable: [UnreadableRow] = []

    private func flush() throws {
        guard let last = pending else { return }
        pending = nil
        do {
            let figure = try storedFigure(last.value, denominator: last.denominator)
            history.add(
                unit: try storedCode(last.unit), indicator: try storedCode(last.indicator), period: try stored(last.period, "period", Period.init(parsing:)),
                value: figure.measured)
        } catch {
            unreadable.append(UnreadableRow(key: "\(last.unit)/\(last.indicator)/\(last.period)", revision: nil, problem: "\(error)"))
        }
    }

    func finish() throws -> (History, [UnreadableRow]) {
        if let failure { throw failure }
        try flush()
        return (history, unreadable)
    }
}

/// Turns observation rows into observations as the driver delivers them, one at a time. Texts that repeat across
/// rows (periods, entry times, citations, authors) are parsed or stored once and shared.
private final class ObservationCollector: @unchecked Sendable {
    private let comparisons: [RevisionKey: [ComparisonRow]]
    private let ranks: [RevisionKey: [RankRow]]
    private var result: [Observation] = []
    private var failure: (any Error)?
    private var periods: [String: Period] = [:]
    private var times: [String: Date] = [:]
    private var texts: [String: String] = [:]

    /// Whether the observations read are kept, or only the rows that do not read.
    private let keeping: Bool

    init(comparisons: [RevisionKey: [ComparisonRow]], ranks: [RevisionKey: [RankRow]], keeping: Bool = true) {
        self.comparisons = comparisons
        self.ranks = ranks
        self.keeping = keeping
    }

    private var unreadable: [UnreadableRow] = []

    func take(_ row: any SQLRow) {
        guard failure == nil else { return }
        let decoded: ObservationRow
        do { decoded = try row.decode(model: ObservationRow.self, with: rowDecoder) } catch {
            failure = error
            return
        }
        // A row that does not read (changed outside Stocktake) is skipped and reported, not fatal to the read.
        do {
            let read = try observation(decoded)
            if keeping { result.append(read) }
        } catch {
            unreadable.append(UnreadableRow(key: "\(decoded.unitCode)/\(decoded.indicatorCode)/\(decoded.period)", revision: decoded.revision, problem: "\(error)"))
        }
    }

    func finish() throws -> ([Observation], [UnreadableRow]) {
        if let failure { throw failure }
        return (result, unreadable)
    }

    private func shared(_ text: String) -> String {
        if let known = texts[text] { return known }
        texts[text] = text
        return text
    }

    private func observation(_ row: ObservationRow) throws -> Observation {
        let period = try periods[row.period] ?? stored(row.period, "period", Period.init(parsing:))
        periods[row.period] = period
        let enteredAt = try times[row.enteredAt] ?? storedTimestamp(row.enteredAt)
        times[row.enteredAt] = enteredAt
        let figure = try storedFigure(row.value, denominator: row.denominator)
        var claims = Observation.Claims()
        for c in comparisons[row.revisionKey] ?? [] {
            let basis: ReportedComparison.Basis = try c.targetCode.map { .target(try storedCode($0)) } ?? .yearEarlier
            claims.comparisons.append(ReportedComparison(
                basis: basis, relation: try storedChoice(c.relation), percent: try stored(c.percent, "percent", Decimal.init(exactly:)),
                decimals: Decimal.decimalPlaces(in: c.percent)))
        }
        for r in ranks[row.revisionKey] ?? [] {
            claims.ranks.append(ReportedRank(peers: try stored(r.peers, "peers", PeerScope.init(parsing:)), position: r.rank))
        }
        return Observation(
            key: ObservationKey(unit: try storedCode(row.unitCode), indicator: try storedCode(row.indicatorCode), period: period),
            revision: row.revision, figure: figure,
            source: Observation.Source(kind: try storedChoice(row.sourceKind), citation: shared(row.citation)),
            enteredBy: shared(row.enteredBy), enteredAt: enteredAt, reason: row.reason, claims: claims)
    }
}

/// A stored row that does not read: which figure, which revision, and why.
public struct UnreadableRow: Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var revision: Int?
    public var problem: String

    public var description: String { "\(key)\(revision.map { " revision \($0)" } ?? ""): \(problem)" }
}

extension RecordAccess {
    /// Every period with stored figures or targets, newest first.
    public func periods() async throws -> [Period] {
        var texts = Set(try await sql.select().distinct().column("period").from("observations").all(decodingColumn: "period", as: String.self))
        texts.formUnion(try await sql.select().distinct().column("period").from("targets").all(decodingColumn: "period", as: String.self))
        return try texts.map { try stored($0, "period", Period.init(parsing:)) }.sorted(by: >)
    }
}
