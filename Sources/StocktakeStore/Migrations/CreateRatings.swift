import SQLKit

extension Migrations {
    /// Confirmed ratings, append-only: the first confirmation is revision 1 and locks the rating; any change
    /// after it is a new revision with a reason. A grade other than the proposed one needs a reason too.
    static let createRatings = Migration(version: 7, name: "CreateRatings") { db in
        try await db.create(table: "ratings")
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("period", type: .text, .notNull)
            .column("revision", type: .int, .notNull)
            .column("grade", type: .text, .notNull)
            .column("proposed", type: .text, .notNull)
            .column("score", type: .text, .notNull)
            .column("rule_version", type: .text, .notNull)
            .column("evidence", type: .text, .notNull)
            .column("reason", type: .text)
            .column("confirmed_by", type: .text, .notNull)
            .column("confirmed_at", type: .text, .notNull)
            .primaryKey("unit_code", "period", "revision")
            .check(oneOf("grade", ["excellent", "good", "completed", "not_completed"]), named: "ratings_grade")
            .check(SQLRaw("revision >= 1"), named: "ratings_revision")
            .check(SQLRaw("(revision = 1 AND grade = proposed) OR reason IS NOT NULL"), named: "ratings_reason")
            .run()
    }
}
