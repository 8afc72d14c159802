import Logging
import SQLKit
import SQLiteKit
import StocktakeCore

/// The storage of one Stocktake database, through SQLKit. All SQL is written so that SQLite and PostgreSQL both
/// accept it; the schema is migrated when the store opens.
public final class Store: Sendable {
    public let sql: any SQLDatabase
    private let connection: SQLiteConnection
    public let location: DatabaseLocation

    private init(sql: any SQLDatabase, connection: SQLiteConnection, location: DatabaseLocation) {
        self.sql = sql
        self.connection = connection
        self.location = location
    }

    /// Opens (creating if needed) the database and applies any pending migrations.
    public static func open(_ location: DatabaseLocation, logger: Logger = Logger(label: "stocktake.store")) async throws -> Store {
        let storage: SQLiteConnection.Storage =
            switch location {
            case .sqliteFile(let path): .file(path: path)
            case .sqliteMemory: .memory
            }
        let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        let sql = connection.sql(
            encoder: SQLiteDataEncoder(), decoder: SQLiteDataDecoder(), queryLogLevel: .trace)
        // SQLite checks foreign keys only when asked, per connection.
        try await sql.raw("PRAGMA foreign_keys = ON").run()
        let store = Store(sql: sql, connection: connection, location: location)
        do {
            try await Migrations.apply(Migrations.all, on: sql)
        } catch {
            try? await connection.close()
            throw error
        }
        return store
    }

    public func close() async throws {
        try await connection.close()
    }

    /// Runs `body` in one transaction: all of its writes land, or none do.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await sql.inTransaction(body)
    }
}
