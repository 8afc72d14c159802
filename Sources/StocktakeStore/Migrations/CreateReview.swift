import SQLKit

extension Migrations {
    /// The rest of the review: rating rules per year, award rules and decisions, conference records and the
    /// key tasks made from their conclusions, each body's secretary, and the year a poll belongs to.
    ///
    /// Rules and conferences are kept as one JSON record each, in the review file format: they are read and
    /// shown whole, never queried by their parts. Award decisions are append-only revisions, like ratings.
    static let createReview = Migration(version: 8, name: "CreateReview") { db in
        try await db.create(table: "rating_rules")
            .column("version", type: .text, .primaryKey(autoIncrement: false))
            .column("from_year", type: .int, .notNull)
            .column("definition", type: .text, .notNull)
            .run()
        try await db.create(table: "award_rules")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("body_code", type: .text, .notNull, .references("units", "code"))
            .column("definition", type: .text, .notNull)
            .run()
        try await db.create(table: "award_decisions")
            .column("rule_code", type: .text, .notNull, .references("award_rules", "code"))
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("period", type: .text, .notNull)
            .column("revision", type: .int, .notNull)
            .column("decision", type: .text, .notNull)
            .column("evidence", type: .text, .notNull)
            .column("reason", type: .text)
            .column("decided_by", type: .text, .notNull)
            .column("decided_at", type: .text, .notNull)
            .primaryKey("rule_code", "unit_code", "period", "revision")
            .check(oneOf("decision", ["accepted", "rejected"]), named: "award_decisions_decision")
            .check(SQLRaw("revision >= 1"), named: "award_decisions_revision")
            .check(SQLRaw("(revision = 1 AND decision = 'accepted') OR reason IS NOT NULL"), named: "award_decisions_reason")
            .run()
        try await db.create(table: "conferences")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("host_code", type: .text, .notNull, .references("units", "code"))
            .column("period", type: .text, .notNull)
            .column("held_on", type: .text, .notNull)
            .column("definition", type: .text, .notNull)
            .run()
        try await db.create(table: "conference_tasks")
            .column("conference_code", type: .text, .notNull, .references("conferences", "code"))
            .column("number", type: .int, .notNull)
            .column("task_code", type: .text, .notNull, .references("key_tasks", "code"))
            .column("made_by", type: .text, .notNull)
            .column("made_at", type: .text, .notNull)
            .primaryKey("conference_code", "number")
            .run()
        try await db.create(table: "secretaries")
            .column("unit_code", type: .text, .primaryKey(autoIncrement: false), .references("units", "code"))
            .column("username", type: .text, .notNull, .references("users", "username", onDelete: .cascade))
            .run()
        try await db.alter(table: "polls").column("period", type: .text).run()
    }
}
