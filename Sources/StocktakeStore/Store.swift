import Logging
import SQLKit
import StocktakeCore

/// The storage of one Stocktake database, through SQLKit. All SQL is written once and runs on SQLite and on
/// PostgreSQL; what differs between the two engines is in `Store+Engines.swift` and nowhere else. The schema is
/// migrated when the store opens.
public final class Store: RecordAccess {
    public let sql: any SQLDatabase
    public let location: DatabaseLocation
    public let engine: Engine
    private let shutdown: @Sendable () async throws -> Void

    public enum Engine: String, Sendable {
        case sqlite
        case postgres
    }

    init(sql: any SQLDatabase, location: DatabaseLocation, engine: Engine, shutdown: @escaping @Sendable () async throws -> Void) {
        self.sql = sql
        self.location = location
        self.engine = engine
        self.shutdown = shutdown
    }

    /// Opens (creating if needed) the database and applies any pending migrations.
    public static func open(_ location: DatabaseLocation, logger: Logger = Logger(label: "stocktake.store")) async throws -> Store {
        let store = try await connect(location, logger: logger)
        do {
            try await Migrations.apply(Migrations.all, on: store)
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    public func close() async throws {
        try await shutdown()
    }

    /// Opens the store at `location`, runs `body`, and closes the store whatever happens.
    public static func using<R>(_ location: DatabaseLocation, _ body: (Store) async throws -> R) async throws -> R {
        let store = try await open(location)
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Runs `body` in one transaction: all of its writes land, or none do. On PostgreSQL the transaction is
    /// serializable and retried when the server reports a serialization conflict with another one.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> R) async throws -> R {
        var attempt = 0
        let start = ContinuousClock.now
        while true {
            attempt += 1
            do {
                return try await sql.withSession { db in
                    try await db.raw(self.beginStatement).run()
                    do {
                        let result = try await body(Transaction(sql: db))
                        try await db.raw("COMMIT").run()
                        return result
                    } catch {
                        try? await db.raw("ROLLBACK").run()
                        throw error
                    }
                }
            } catch where Self.mayRetry(attempt: attempt, since: start) && isSerializationConflict(error) {
                try await Self.backOff(attempt: attempt)
                continue
            }
        }
    }
}
