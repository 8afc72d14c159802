import Foundation
import SQLKit
import StocktakeCore

extension RecordAccess {
    /// The highest revision stored in `table` for the row key `key` (column → value), nil when there is none.
    func lastRevision(in table: String, of key: [String: String]) async throws -> Int? {
        let query = sql.select().column(SQLFunction("MAX", args: SQLColumn("revision")), as: "last").from(table)
        for (column, value) in key { query.where(SQLIdentifier(column), .equal, SQLBind(value)) }
        return try await query.first(decodingColumn: "last", as: Int?.self) ?? nil
    }

    func record(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        let insert = sql.insert(into: "audit_events")
            .columns("id", "at", "username", "action", "unit_code", "subject", "detail", "period", "value_before", "value_after")
        for event in events {
            insert.values(
                SQLBind(UUID().uuidString), SQLBind(event.at.formatted(Self.auditTime)), SQLBind(event.username), SQLBind(event.action.rawValue),
                SQLBind(event.unit?.rawValue), SQLBind(event.subject), SQLBind(event.detail), SQLBind(event.period?.description),
                SQLBind(event.before), SQLBind(event.after))
        }
        try await insert.run()
    }

    /// Fixed-width UTC timestamps, so that their text order is their time order in SQL on both engines.
    static var auditTime: Date.ISO8601FormatStyle { .iso8601.time(includingFractionalSeconds: true).year().month().day() }

    /// The events `filter` selects, latest first: `limit` of them after skipping `offset`.
    public func auditEvents(_ filter: AuditEvent.Filter = .init(), limit: Int = 200, offset: Int = 0) async throws -> [AuditEvent] {
        let query = sql.select().columns("at", "username", "action", "unit_code", "subject", "detail", "period", "value_before", "value_after")
            .from("audit_events").orderBy("at", .descending).orderBy("id", .descending).limit(limit).offset(offset)
        if let under = filter.under {
            query.where(SQLIdentifier("unit_code"), .in, SQLGroupExpression(SQLQueryString("\(subtree(of: under)) SELECT code FROM down")))
        }
        if let username = filter.username { query.where("username", .equal, username) }
        if let actions = filter.actions { query.where("action", .in, actions.map(\.rawValue)) }
        if let period = filter.period { query.where("period", .equal, period.description) }
        // Stored times are UTC with fixed width and no zone suffix ("2025-01-14T12:00:00.000"), so a day's bounds
        // compare as text.
        if let from = filter.from { query.where("at", .greaterThanOrEqual, "\(from)T00:00:00.000") }
        if let through = filter.through { query.where("at", .lessThanOrEqual, "\(through)T23:59:59.999") }
        return try await query.all(decoding: AuditRow.self).map { row in
            AuditEvent(
                at: try Date(row.at, strategy: Self.auditTime),
                username: row.username, action: try storedChoice(row.action), unit: try row.unit_code.map(storedCode),
                subject: row.subject, detail: row.detail, period: try row.period.map { try Period(parsing: $0) },
                before: row.value_before, after: row.value_after)
        }
    }

    /// The latest events, `limit` of them.
    public func auditEvents(limit: Int) async throws -> [AuditEvent] {
        try await auditEvents(AuditEvent.Filter(), limit: limit)
    }
}

extension Store {
    /// ``importChecked(_:dryRun:)`` with the events `audit` makes of the plan written in the same transaction, so
    /// a write and its audit record land together or not at all; `audit` may refuse the checked plan by throwing.
    @discardableResult
    public func importChecked(_ input: LocatedDataSet, audit: @escaping @Sendable (ImportPlan) throws -> [AuditEvent]) async throws -> ImportPlan {
        try await transaction { tx in
            let plan = try ImportPlanner.plan(input, against: try await tx.catalog(for: input))
            if !plan.isEmpty {
                // The audit rows first: a caller refuses a checked plan there, before anything is written.
                let events = try audit(plan)
                try await tx.insert(plan)
                try await tx.record(events)
            }
            return plan
        }
    }

    /// Appends a task status change (the imported status is revision 1; changes are 2, 3, …) with its audit
    /// record. Earlier statuses stay readable in ``taskStatusHistory(of:)``.
    public func changeTaskStatus(_ code: TaskCode, to status: KeyTask.Status, note: String, by username: String, via door: String? = nil, at now: Date = Date()) async throws {
        try await transaction { tx in
            guard let task = try await tx.tasks(codes: [code]).first else { throw StoreError.notFound(kind: "key task", code: code.rawValue) }
            let last = try await tx.lastRevision(in: "task_status_changes", of: ["task_code": code.rawValue])
            var completedOn: String?
            if case .done(let completion) = status { completedOn = completion.day?.description }
            try await tx.sql.insert(into: "task_status_changes")
                .columns("task_code", "revision", "status", "completed_on", "changed_by", "changed_at", "note")
                .values(
                    SQLBind(code.rawValue), SQLBind((last ?? 1) + 1), SQLBind(status.name), SQLBind(completedOn), SQLBind(username),
                    SQLBind(now.formatted(.iso8601)), SQLBind(note))
                .run()
            try await tx.bumpDataVersion()
            try await tx.record([AuditEvent(
                at: now, username: username, action: .taskStatusChanged, unit: task.unit, subject: code.rawValue,
                detail: "\(task.status.name) → \(status.name)\(completedOn.map { " (\($0))" } ?? "")\(note.isEmpty ? "" : ": \(note)")\(AuditEvent.door(door))",
                period: task.period, before: task.status.name, after: status.name)])
        }
    }

    /// Every status change of a task after its import, oldest first.
    public func taskStatusHistory(of code: TaskCode) async throws -> [TaskStatusChange] {
        try await sql.select().columns("*").from("task_status_changes").where("task_code", .equal, code.rawValue)
            .orderBy("revision").all(decoding: TaskStatusChangeRow.self, with: rowDecoder)
            .map { TaskStatusChange(revision: $0.revision, status: $0.status, completedOn: $0.completedOn, changedBy: $0.changedBy, changedAt: try storedTimestamp($0.changedAt), note: $0.note) }
    }
}

struct TaskStatusChangeRow: Codable, Sendable {
    var taskCode: String
    var revision: Int
    var status: String
    var completedOn: String?
    var changedBy: String
    var changedAt: String
    var note: String

    enum CodingKeys: String, CodingKey {
        case taskCode = "task_code"
        case revision
        case status
        case completedOn = "completed_on"
        case changedBy = "changed_by"
        case changedAt = "changed_at"
        case note
    }
}

struct AuditRow: Decodable {
    let at: String
    let username: String
    let action: String
    let unit_code: String?
    let subject: String
    let detail: String
    let period: String?
    let value_before: String?
    let value_after: String?
}
