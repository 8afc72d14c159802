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
        let insert = sql.insert(into: "audit_events").columns("id", "at", "username", "action", "unit_code", "subject", "detail")
        for event in events {
            insert.values(
                SQLBind(UUID().uuidString), SQLBind(event.at.formatted(.iso8601.time(includingFractionalSeconds: true).year().month().day())),
                SQLBind(event.username), SQLBind(event.action.rawValue), SQLBind(event.unit?.rawValue), SQLBind(event.subject),
                SQLBind(event.detail))
        }
        try await insert.run()
    }

    /// The latest events first; only those about `units` when given.
    public func auditEvents(units: Set<UnitCode>? = nil, limit: Int = 200) async throws -> [AuditEvent] {
        let query = sql.select().columns("at", "username", "action", "unit_code", "subject", "detail").from("audit_events")
            .orderBy("at", .descending).limit(limit)
        if let units { query.where("unit_code", .in, units.map(\.rawValue)) }
        return try await query.all(decoding: AuditRow.self).map { row in
            AuditEvent(
                at: try Date(row.at, strategy: .iso8601.time(includingFractionalSeconds: true).year().month().day()),
                username: row.username, action: try storedChoice(row.action), unit: try row.unit_code.map(storedCode),
                subject: row.subject, detail: row.detail)
        }
    }
}

extension Store {
    /// ``importChecked(_:dryRun:)`` with the events `audit` makes of the plan written in the same transaction, so
    /// a write and its audit record land together or not at all.
    @discardableResult
    public func importChecked(_ input: LocatedDataSet, audit: @escaping @Sendable (ImportPlan) -> [AuditEvent]) async throws -> ImportPlan {
        try await transaction { tx in
            let plan = try ImportPlanner.plan(input, against: try await tx.catalog(for: input))
            if !plan.isEmpty {
                try await tx.insert(plan)
                try await tx.record(audit(plan))
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
                detail: "\(task.status.name) → \(status.name)\(completedOn.map { " (\($0))" } ?? "")\(note.isEmpty ? "" : ": \(note)")\(AuditEvent.door(door))")])
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
}
