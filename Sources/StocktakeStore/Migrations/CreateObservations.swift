import SQLKit

extension Migrations {
    /// Observations, append-only: a revision is never updated, a correction is the next revision with a reason.
    /// Claims the source made (comparisons, ranks) belong to the revision that carried them.
    static let createObservations = Migration(version: 4, name: "CreateObservations") { db in
        try await db.create(table: "observations")
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("indicator_code", type: .text, .notNull, .references("indicators", "code"))
            .column("period", type: .text, .notNull)
            .column("revision", type: .int, .notNull)
            .column("value", type: .text, .notNull)
            .column("denominator", type: .text)
            .column("source_kind", type: .text, .notNull)
            .column("citation", type: .text, .notNull)
            .column("entered_by", type: .text, .notNull)
            .column("entered_at", type: .text, .notNull)
            .column("reason", type: .text)
            .primaryKey("unit_code", "indicator_code", "period", "revision")
            .check(SQLRaw("revision >= 1"), named: "observations_revision_positive")
            .check(SQLRaw("revision = 1 OR reason IS NOT NULL"), named: "observations_correction_reason")
            .check(oneOf("source_kind", ["article", "document", "report", "entry", "synthetic"]), named: "observations_source_kind")
            .run()
        try await db.create(index: "observations_period_indicator").on("observations")
            .column("period").column("indicator_code").run()
        let revisionKey = ["unit_code", "indicator_code", "period", "revision"]
        try await revisionKeyColumns(db.create(table: "observation_comparisons"))
            .column("position", type: .int, .notNull)
            .column("basis", type: .text, .notNull)
            .column("target_code", type: .text, .references("targets", "code"))
            .column("relation", type: .text, .notNull)
            .column("percent", type: .text, .notNull)
            .primaryKey(revisionKey + ["position"])
            .foreignKey(revisionKey, references: "observations", revisionKey)
            .check(oneOf("basis", ["year_earlier", "target"]), named: "observation_comparisons_basis")
            .check(SQLRaw("(basis = 'target') = (target_code IS NOT NULL)"), named: "observation_comparisons_target")
            .check(oneOf("relation", ["change", "percent_of"]), named: "observation_comparisons_relation")
            .run()
        try await revisionKeyColumns(db.create(table: "observation_ranks"))
            .column("position", type: .int, .notNull)
            .column("peers", type: .text, .notNull)
            .column("rank", type: .int, .notNull)
            .primaryKey(revisionKey + ["position"])
            .foreignKey(revisionKey, references: "observations", revisionKey)
            .check(SQLRaw("rank >= 1"), named: "observation_ranks_positive")
            .run()
    }

    /// The columns naming one revision of an observation, which the tables of claims refer to.
    static func revisionKeyColumns(_ table: SQLCreateTableBuilder) -> SQLCreateTableBuilder {
        table.column("unit_code", type: .text, .notNull)
            .column("indicator_code", type: .text, .notNull)
            .column("period", type: .text, .notNull)
            .column("revision", type: .int, .notNull)
    }
}
