import Foundation
import SQLKit
import StocktakeCore

extension RecordAccess {
    /// The steps of the figures of `units` for `period` (every unit's when nil), by unit in sequence order.
    public func approvalSteps(period: Period, units: [UnitCode]? = nil) async throws -> [UnitCode: [ApprovalStep]] {
        if let units, units.isEmpty { return [:] }
        let query = sql.select().columns("*").from("approval_steps").where("period", .equal, period.description)
        if let units { query.where("unit_code", .in, units.map(\.rawValue)) }
        var steps: [UnitCode: [ApprovalStep]] = [:]
        for row in try await query.orderBy("unit_code").orderBy("sequence").all(decoding: ApprovalStepRow.self) {
            let step = ApprovalStep(
                unit: try storedCode(row.unit_code), period: period, sequence: row.sequence, kind: try storedChoice(row.kind),
                body: try row.body_code.map(storedCode), indicator: try row.indicator_code.map(storedCode), by: row.done_by,
                at: try storedTimestamp(row.done_at), reason: row.reason)
            steps[step.unit, default: []].append(step)
        }
        return steps
    }

    /// Where the figures of each of `keys` stand; keys without steps are left out (they are open).
    public func approvals(of keys: Set<UnitPeriod>) async throws -> [UnitPeriod: Approval] {
        var result: [UnitPeriod: Approval] = [:]
        for (period, keys) in Dictionary(grouping: keys, by: \.period) {
            // In slices, under either engine's limit of bound values in one statement.
            let units = keys.map(\.unit).sorted()
            for start in stride(from: 0, to: units.count, by: 1000) {
                for (unit, steps) in try await approvalSteps(period: period, units: Array(units[start..<min(start + 1000, units.count)])) {
                    result[UnitPeriod(unit, period)] = Approval(steps: steps)
                }
            }
        }
        return result
    }

    /// The deadline of each level for `period`: its latest revision.
    public func reportingDeadlines(period: Period) async throws -> [Level: ReportingDeadline] {
        var deadlines: [Level: (revision: Int, deadline: ReportingDeadline)] = [:]
        let rows = try await sql.select().columns("level", "revision", "deadline").from("reporting_deadlines")
            .where("period", .equal, period.description).all(decoding: DeadlineRow.self)
        for row in rows where row.revision > (deadlines[Level(row.level)]?.revision ?? 0) {
            let day: CalendarDate
            do { day = try CalendarDate(parsing: row.deadline) } catch { throw StoreError.corrupt("deadline '\(row.deadline)'") }
            deadlines[Level(row.level)] = (row.revision, ReportingDeadline(period: period, level: Level(row.level), day: day))
        }
        return deadlines.mapValues(\.deadline)
    }
}

extension Store {
    /// Appends the step `request` asks for, with its audit row, if the state allows it and `authorize` accepts the
    /// body that acts (nil: the unit itself, for a submission) in the state before the step. The state is read in the same transaction as the
    /// step is written, so two approvers at once cannot both take the same turn.
    @discardableResult
    public func appendApprovalStep(
        _ request: Approval.Request, for key: UnitPeriod, chain: [UnitCode], by username: String, via door: String? = nil,
        at now: Date = Date(), authorize: @escaping @Sendable (UnitCode?, Approval) throws -> Void
    ) async throws -> ApprovalStep {
        try await transaction { tx in
            let steps = try await tx.approvalSteps(period: key.period, units: [key.unit])[key.unit] ?? []
            let before = Approval(steps: steps)
            let body = try before.actingBody(for: request, unit: key.unit, period: key.period, chain: chain)
            try authorize(body, before)
            var indicator: IndicatorCode?
            var reason: String?
            switch request {
            case .submit, .approve: break
            case .return(let why): reason = why
            case .reopen(let code, let why): (indicator, reason) = (code, why)
            }
            let step = ApprovalStep(
                unit: key.unit, period: key.period, sequence: (steps.last?.sequence ?? 0) + 1, kind: request.kind, body: body,
                indicator: indicator, by: username, at: now.wholeSeconds, reason: reason)
            try await tx.sql.insert(into: "approval_steps")
                .columns("unit_code", "period", "sequence", "kind", "body_code", "indicator_code", "done_by", "done_at", "reason")
                .values(
                    SQLBind(key.unit.rawValue), SQLBind(key.period.description), SQLBind(step.sequence), SQLBind(step.kind.rawValue),
                    SQLBind(body?.rawValue), SQLBind(indicator?.rawValue), SQLBind(username), SQLBind(step.at.formatted(.iso8601)),
                    SQLBind(reason))
                .run()
            // Pages and reports that show approval, or count approved figures only, are stale now.
            try await tx.bumpDataVersion(observationsOnly: true)
            let after = Approval(steps: steps + [step])
            // The audit row keeps the moment to the millisecond (the step its second), so that steps taken in the
            // same second list in the order they were taken.
            try await tx.record([AuditEvent(
                at: now, username: username, action: step.kind.auditAction, unit: key.unit,
                subject: indicator.map { "\(key.unit)/\($0)/\(key.period)" } ?? "\(key.unit)/\(key.period)",
                detail: "\(step.kind.rawValue)\(body.map { " by \($0)" } ?? "")\(reason.map { " — \($0)" } ?? "")\(AuditEvent.door(door))",
                period: key.period, before: before.summary, after: after.summary)])
            return step
        }
    }

    /// Sets the deadline of `level` for `period` as a new revision, with its audit row.
    public func setReportingDeadline(_ deadline: ReportingDeadline, by username: String, via door: String? = nil) async throws {
        try await transaction { tx in
            let key = ["period": deadline.period.description, "level": deadline.level.rawValue]
            let last = try await tx.lastRevision(in: "reporting_deadlines", of: key)
            let before = try await tx.reportingDeadlines(period: deadline.period)[deadline.level]
            guard before?.day != deadline.day else { return }
            try await tx.sql.insert(into: "reporting_deadlines").columns("period", "level", "revision", "deadline", "set_by", "set_at")
                .values(
                    SQLBind(deadline.period.description), SQLBind(deadline.level.rawValue), SQLBind((last ?? 0) + 1),
                    SQLBind(deadline.day.description), SQLBind(username), SQLBind(Date().formatted(.iso8601)))
                .run()
            try await tx.bumpDataVersion(observationsOnly: true)
            try await tx.record([AuditEvent(
                username: username, action: .deadlineSet, unit: nil, subject: "\(deadline.level)/\(deadline.period)",
                detail: "\(deadline.level) units submit \(deadline.period) by \(deadline.day)\(AuditEvent.door(door))",
                period: deadline.period, before: before?.day.description, after: deadline.day.description)])
        }
    }
}

extension ApprovalStep.Kind {
    var auditAction: AuditEvent.Action {
        switch self {
        case .submitted: .figuresSubmitted
        case .approved: .figuresApproved
        case .returned: .figuresReturned
        case .reopened: .figureReopened
        }
    }
}

extension Approval {
    /// The state in a few words, for the audit trail's before and after: "approved by BG-YD, BG".
    var summary: String {
        var text = status.rawValue
        if !approvedBy.isEmpty { text += " by " + approvedBy.map(\.rawValue).joined(separator: ", ") }
        if !reopened.isEmpty { text += "; reopened " + reopened.map(\.rawValue).sorted().joined(separator: ", ") }
        return text
    }
}

struct ApprovalStepRow: Decodable {
    let unit_code: String
    let sequence: Int
    let kind: String
    let body_code: String?
    let indicator_code: String?
    let done_by: String
    let done_at: String
    let reason: String?
}

struct DeadlineRow: Decodable {
    let level: String
    let revision: Int
    let deadline: String
}
