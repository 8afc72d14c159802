import SQLKit

extension Migrations {
    /// Validation rules, defined as data and imported like other definitions: both sides as their canonical
    /// text (``RuleExpression``), the operator, what a missing figure does, and the level they apply to.
    static let createValidationRules = Migration(version: 17, name: "CreateValidationRules") { db in
        try await db.create(table: "validation_rules")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("left_side", type: .text, .notNull)
            .column("operator", type: .text, .notNull)
            .column("right_side", type: .text, .notNull)
            .column("missing", type: .text, .notNull)
            .column("level", type: .text)
            .check(oneOf("operator", ["<=", "<", "==", "!=", ">=", ">"]), named: "validation_rules_operator")
            .check(oneOf("missing", ["skip_if_any_missing", "skip_if_all_missing", "never_skip"]), named: "validation_rules_missing")
            .run()
        try await db.create(table: "validation_rule_titles")
            .column("rule_code", type: .text, .notNull, .references("validation_rules", "code"))
            .column("language", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .primaryKey("rule_code", "language")
            .run()
    }
}
