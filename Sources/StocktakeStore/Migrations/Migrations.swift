import Foundation
import SQLKit

/// One step of the schema. Steps are applied in order, once each, and recorded in `schema_migrations`.
struct Migration: Sendable {
    let version: Int
    let name: String
    let apply: @Sendable (any SQLDatabase) async throws -> Void
}

enum Migrations {
    /// Every migration, in order. Append only: a released step is never edited.
    static let all: [Migration] = [
        createUnits,
        createIndicatorsAndDocuments,
        createTargetsAndTasks,
        createObservations,
        createAccounts,
        createPolls,
        createRatings,
        createReview,
        sealBallots,
        createUnitFigures,
        addRankKeys,
        addWrittenVersions,
        addUnitReadIndexes,
    ]

    /// Applies the migrations not yet recorded, each in its own transaction with its record, so a failed step
    /// leaves the schema as it was. Applying twice does nothing the second time.
    static func apply(_ migrations: [Migration], on store: Store) async throws {
        let sql = store.sql
        try await sql.create(table: "schema_migrations").ifNotExists()
            .column("version", type: .int, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .column("applied_at", type: .text, .notNull)
            .run()
        let applied = Set(try await sql.select().column("version").from("schema_migrations")
            .all(decodingColumn: "version", as: Int.self))
        let known = migrations.map(\.version).max() ?? 0
        if let newest = applied.max(), newest > known { throw StoreError.newerSchema(stored: newest, known: known) }
        for migration in migrations where !applied.contains(migration.version) {
            try await store.transaction { tx in
                let db = tx.sql
                try await migration.apply(db)
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Date().formatted(.iso8601)))
                    .run()
            }
        }
    }

    /// `column IN ('a', 'b')`, for CHECK constraints over a closed set of words.
    static func oneOf(_ column: String, _ values: [String]) -> SQLQueryString {
        let list = values.map { "'\($0)'" }.joined(separator: ", ")
        return "\(ident: column) IN (\(unsafeRaw: list))"
    }
}
