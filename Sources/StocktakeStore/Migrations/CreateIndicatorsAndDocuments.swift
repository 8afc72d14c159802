import SQLKit

extension Migrations {
    /// Indicators with their names and measures per language; documents with their titles.
    static let createIndicatorsAndDocuments = Migration(version: 2, name: "CreateIndicatorsAndDocuments") { db in
        try await db.create(table: "indicators")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("kind", type: .text, .notNull)
            .column("better", type: .text, .notNull)
            .column("decimals", type: .int, .notNull)
            .column("weight_code", type: .text, .references("indicators", "code"))
            .column("origin", type: .text, .notNull)
            .check(oneOf("kind", ["amount", "count", "share", "rate"]), named: "indicators_kind")
            .check(oneOf("better", ["higher", "lower"]), named: "indicators_better")
            .check(SQLRaw("decimals BETWEEN 0 AND 6"), named: "indicators_decimals")
            .check(SQLRaw("weight_code IS NULL OR kind = 'rate'"), named: "indicators_weight_rate_only")
            .check(oneOf("origin", ["recorded", "synthetic"]), named: "indicators_origin")
            .run()
        try await db.create(table: "indicator_texts")
            .column("indicator_code", type: .text, .notNull, .references("indicators", "code"))
            .column("field", type: .text, .notNull)
            .column("language", type: .text, .notNull)
            .column("text", type: .text, .notNull)
            .primaryKey("indicator_code", "field", "language")
            .check(oneOf("field", ["name", "measure"]), named: "indicator_texts_field")
            .run()
        try await db.create(table: "documents")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("reference", type: .text)
            .column("issuer_code", type: .text, .references("units", "code"))
            .column("issued_on", type: .text)
            // Every committee numbers its own documents: 381-NQ/TU exists once per issuer, not once in the nation.
            .unique("issuer_code", "reference", named: "documents_reference_per_issuer")
            .run()
        try await db.create(table: "document_titles")
            .column("document_code", type: .text, .notNull, .references("documents", "code"))
            .column("language", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .primaryKey("document_code", "language")
            .run()
    }
}
