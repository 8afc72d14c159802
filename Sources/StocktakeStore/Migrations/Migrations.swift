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
        addPeerColumns,
        createUnitFindings,
        createApprovals,
        createValidationRules,
        recomputeHistoryFindings,
    ]

    /// Applies the migrations not yet recorded, each in its own transaction with its record, so a failed step
    /// leaves the schema as it was. Applying twice does nothing the second time.
    static func apply(_ migrations: [Migration], on store: Store) async throws {
        let sql = store.sql
        // Every step, this one included, holds the migration lock: processes opening a new database together
        // take turns, and each step checks that another process has not applied it meanwhile.
        func recorded() async throws -> Set<Int> {
            Set(try await sql.select().column("version").from("schema_migrations").all(decodingColumn: "version", as: Int.self))
        }
        do {
            try await store.transaction { tx in
                if let lock = store.migrationLock { try await tx.sql.raw(lock).run() }
                try await tx.sql.create(table: "schema_migrations").ifNotExists()
                    .column("version", type: .int, .primaryKey(autoIncrement: false))
                    .column("name", type: .text, .notNull)
                    .column("applied_at", type: .text, .notNull)
                    .run()
            }
        } catch {
            // Another process created it first (PostgreSQL: its DDL races past IF NOT EXISTS).
            guard (try? await recorded()) != nil else { throw error }
        }
        let applied = try await recorded()
        let known = migrations.map(\.version).max() ?? 0
        if let newest = applied.max(), newest > known { throw StoreError.newerSchema(stored: newest, known: known) }
        for migration in migrations where !applied.contains(migration.version) {
            do {
                try await apply(migration, on: store)
            } catch {
                // Another process applied it first; its schema change made this one's fail.
                guard try await recorded().contains(migration.version) else { throw error }
            }
        }
    }

    /// One step and its record, in one transaction, unless another process has recorded it.
    static func apply(_ migration: Migration, on store: Store) async throws {
        try await store.transaction { tx in
            let db = tx.sql
            if let lock = store.migrationLock { try await db.raw(lock).run() }
            let done = try await db.select().column("version").from("schema_migrations").where("version", .equal, migration.version)
                .first(decodingColumn: "version", as: Int.self)
            // Another process opening the database at the same time may have applied it while this one waited.
            guard done == nil else { return }
            try await migration.apply(db)
            try await db.insert(into: "schema_migrations")
                .columns("version", "name", "applied_at")
                .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Date().formatted(.iso8601)))
                .run()
        }
    }

    /// `column IN ('a', 'b')`, for CHECK constraints over a closed set of words.
    static func oneOf(_ column: String, _ values: [String]) -> SQLQueryString {
        let list = values.map { "'\($0)'" }.joined(separator: ", ")
        return "\(ident: column) IN (\(unsafeRaw: list))"
    }
}
