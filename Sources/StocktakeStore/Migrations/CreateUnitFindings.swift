import SQLKit

extension Migrations {
    /// The findings that follow from the records (``StocktakeCore/Finding/followsFromRecords``), kept with each
    /// write so that a subtree's findings are one indexed read (1,843 rows at national size, where computing them
    /// took 73 s), and the periods a batched import left to recompute. The key leads with the period, so that a
    /// subtree's units of one period, a write's units and indicators, and a period's rebuild are all ranges of it.
    static let createUnitFindings = Migration(version: 15, name: "CreateUnitFindings") { db in
        try await createFindingsTable(db, kinds: ["rollup_mismatch", "missing_reports", "outside_history", "comparison_mismatch"])
        try await db.create(table: "stale_findings")
            .column("period", type: .text, .primaryKey(autoIncrement: false))
            .run()
        // The rows were computed here until a kind was added (migration 18), which this step's check would refuse on
        // an upgrade from before it; migration 18, which every upgrade reaches, computes them now. The schema this
        // step makes is unchanged.
    }

    /// The table of stored findings, its kind one of `kinds`.
    static func createFindingsTable(_ db: any SQLDatabase, kinds: [String]) async throws {
        try await db.create(table: "unit_findings")
            .column("period", type: .text, .notNull)
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("indicator_code", type: .text, .notNull, .references("indicators", "code"))
            .column("position", type: .int, .notNull)
            .column("kind", type: .text, .notNull)
            .column("detail", type: .text, .notNull)
            .primaryKey("period", "unit_code", "indicator_code", "position")
            .check(oneOf("kind", kinds), named: "unit_findings_kind")
            .run()
    }
}
