import Foundation
import SQLKit
import StocktakeCore

extension RecordAccess {
    /// Every revision of the ratings of `period` (of one unit when `unit` is given), oldest first.
    public func ratings(period: Period, unit: UnitCode? = nil) async throws -> [ConfirmedRating] {
        let query = sql.select().columns("*").from("ratings").where("period", .equal, period.description)
        if let unit { query.where("unit_code", .equal, unit.rawValue) }
        return try await query.orderBy("unit_code").orderBy("revision").all().map { row in
                ConfirmedRating(
                    unit: try storedCode(try row.decode(column: "unit_code", as: String.self)), period: period,
                    revision: try row.decode(column: "revision", as: Int.self),
                    grade: try storedChoice(try row.decode(column: "grade", as: String.self)),
                    proposed: try storedChoice(try row.decode(column: "proposed", as: String.self)),
                    score: try stored(try row.decode(column: "score", as: String.self), "score", Decimal.init(exactly:)),
                    ruleVersion: try row.decode(column: "rule_version", as: String.self),
                    evidence: try row.decode(column: "evidence", as: String.self),
                    reason: try row.decode(column: "reason", as: String?.self),
                    confirmedBy: try row.decode(column: "confirmed_by", as: String.self),
                    confirmedAt: try storedTimestamp(try row.decode(column: "confirmed_at", as: String.self)))
            }
    }
}

extension Store {
    /// Confirms `grade` for a proposal. The first confirmation locks the rating; a later one is a new revision
    /// and needs a reason, as does a grade other than the one proposed.
    @discardableResult
    public func confirmRating(
        _ proposal: RatingRule.Proposal, period: Period, grade: RatingRule.Grade, rule: RatingRule, reason: String?, by username: String,
        via door: String? = nil
    ) async throws -> Int {
        let reason = reason.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        return try await transaction { tx in
            // The latest revision, and its grade for the audit row's "before".
            let last = try await tx.sql.select().columns("revision", "grade").from("ratings")
                .where("unit_code", .equal, proposal.unit.rawValue).where("period", .equal, period.description)
                .orderBy("revision", .descending).limit(1).first()
            let revision = (try last?.decode(column: "revision", as: Int.self) ?? 0) + 1
            let before = try last?.decode(column: "grade", as: String.self)
            if reason == nil && revision > 1 { throw ReviewError.reasonRequired("the rating of \(proposal.unit) for \(period) is confirmed and locked; a change is a new revision") }
            if reason == nil && grade != proposal.proposed { throw ReviewError.reasonRequired("\(grade.rawValue) differs from the proposed \(proposal.proposed.rawValue)") }
            let e = proposal.evidence
            let evidence = "targets \(e.targetsMet)/\(e.targetsAssessed), tasks on time \(e.tasksOnTime)/\(e.tasksCounted), findings \(e.findings)"
            try await tx.sql.insert(into: "ratings")
                .columns("unit_code", "period", "revision", "grade", "proposed", "score", "rule_version", "evidence", "reason", "confirmed_by", "confirmed_at")
                .values(
                    SQLBind(proposal.unit.rawValue), SQLBind(period.description), SQLBind(revision), SQLBind(grade.rawValue),
                    SQLBind(proposal.proposed.rawValue), SQLBind(proposal.score.exactText), SQLBind(rule.version), SQLBind(evidence),
                    SQLBind(reason), SQLBind(username), SQLBind(Date().formatted(.iso8601)))
                .run()
            try await tx.record([AuditEvent(
                username: username, action: .ratingConfirmed, unit: proposal.unit, subject: "\(proposal.unit)/\(period)",
                detail: "revision \(revision): \(grade.rawValue) (proposed \(proposal.proposed.rawValue), score \(proposal.score.rounded(2).exactText))\(reason.map { " — \($0)" } ?? "")\(AuditEvent.door(door))",
                period: period, before: before, after: grade.rawValue)])
            return revision
        }
    }
}
