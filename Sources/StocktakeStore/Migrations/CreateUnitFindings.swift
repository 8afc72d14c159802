import SQLKit

extension Migrations {
    /// The findings that follow from the records (``StocktakeCore/Finding/followsFromRecords``), kept with each
    /// write so that a subtree's findings are one indexed read (1,843 rows at national size, where computing them
    /// took 73 s), and the periods a batched import left to recompute. The key leads with the period, so that a
    /// subtree's units of one period, a write's units and indicators, and a period's rebuild are all ranges of it.
    static let createUnitFindings = Migration(version: 15, name: "CreateUnitFindings") { db in
        try await db.create(table: "unit_findings")
            .column("period", type: .text, .notNull)
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("indicator_code", type: .text, .notNull, .references("indicators", "code"))
            .column("position", type: .int, .notNull)
            .column("kind", type: .text, .notNull)
            .column("detail", type: .text, .notNull)
            .primaryKey("period", "unit_code", "indicator_code", "position")
            .check(oneOf("kind", ["rollup_mismatch", "missing_reports", "outside_history", "comparison_mismatch"]), named: "unit_findings_kind")
            .run()
        try await db.create(table: "stale_findings")
            .column("period", type: .text, .primaryKey(autoIncrement: false))
            .run()
        try await Transaction(sql: db).rebuildFindings()
    }
}
