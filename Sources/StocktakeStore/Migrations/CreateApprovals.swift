import SQLKit

extension Migrations {
    /// The steps of each unit's figures for a period (submitted, approved, returned, one figure reopened),
    /// appended and never changed, and the reporting deadline of each level for a period (a change is
    /// a new revision).
    ///
    /// The audit trail gains the period, the value before and the value after, so that it can be filtered by
    /// period and say what changed without parsing its sentences; earlier rows keep them empty.
    static let createApprovals = Migration(version: 16, name: "CreateApprovals") { db in
        try await db.create(table: "approval_steps")
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("period", type: .text, .notNull)
            .column("sequence", type: .int, .notNull)
            .column("kind", type: .text, .notNull)
            .column("body_code", type: .text, .references("units", "code"))
            .column("indicator_code", type: .text, .references("indicators", "code"))
            .column("done_by", type: .text, .notNull)
            .column("done_at", type: .text, .notNull)
            .column("reason", type: .text)
            .primaryKey("unit_code", "period", "sequence")
            .check(oneOf("kind", ["submitted", "approved", "returned", "reopened"]), named: "approval_steps_kind")
            .check(SQLRaw("sequence >= 1"), named: "approval_steps_sequence")
            .check(SQLRaw("kind = 'submitted' OR body_code IS NOT NULL"), named: "approval_steps_body")
            .check(SQLRaw("(kind = 'reopened') = (indicator_code IS NOT NULL)"), named: "approval_steps_indicator")
            .check(SQLRaw("kind NOT IN ('returned', 'reopened') OR reason IS NOT NULL"), named: "approval_steps_reason")
            .run()
        // A period's steps of many units, for the completeness view of a subtree.
        try await db.create(index: "approval_steps_period").on("approval_steps").column("period").column("unit_code").run()
        try await db.create(table: "reporting_deadlines")
            .column("period", type: .text, .notNull)
            .column("level", type: .text, .notNull)
            .column("revision", type: .int, .notNull)
            .column("deadline", type: .text, .notNull)
            .column("set_by", type: .text, .notNull)
            .column("set_at", type: .text, .notNull)
            .primaryKey("period", "level", "revision")
            .run()
        try await db.alter(table: "audit_events").column("period", type: .text).run()
        try await db.alter(table: "audit_events").column("value_before", type: .text).run()
        try await db.alter(table: "audit_events").column("value_after", type: .text).run()
        try await db.create(index: "audit_events_unit").on("audit_events").column("unit_code").column("at").run()
    }
}
