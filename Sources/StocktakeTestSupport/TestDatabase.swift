import Foundation
import Logging
import PostgresKit
import StocktakeStore

/// A fresh, empty database for each test, on the engine the suite runs on.
///
/// `STOCKTAKE_TEST_ENGINE` chooses the engine: `sqlite` (the default) or `postgres`. On PostgreSQL each test gets
/// a database of its own, created through `STOCKTAKE_TEST_POSTGRES_URL` (a superuser URL, which
/// `scripts/with-postgres` sets) and dropped afterwards. Asking for PostgreSQL without a server fails the test:
/// it never quietly runs on SQLite instead.
public enum TestDatabase {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    public static var engine: Store.Engine {
        get throws {
            switch ProcessInfo.processInfo.environment["STOCKTAKE_TEST_ENGINE"] ?? "sqlite" {
            case "sqlite": return .sqlite
            case "postgres": return .postgres
            case let other: throw Unavailable(description: "STOCKTAKE_TEST_ENGINE='\(other)': expected sqlite or postgres")
            }
        }
    }

    /// Runs `body` with the URL of a new empty database, then removes the database.
    public static func withFresh<R>(_ body: (String) async throws -> R) async throws -> R {
        switch try engine {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-test-\(UUID().uuidString).sqlite").path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            return try await body(path)
        case .postgres:
            guard let admin = ProcessInfo.processInfo.environment["STOCKTAKE_TEST_POSTGRES_URL"],
                var components = URLComponents(string: admin)
            else {
                throw Unavailable(description: "STOCKTAKE_TEST_ENGINE=postgres needs STOCKTAKE_TEST_POSTGRES_URL: run the tests with scripts/test, which starts a throwaway PostgreSQL")
            }
            let name = "stocktake_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await execute("CREATE DATABASE \(name)", adminURL: admin)
            components.path = "/" + name
            do {
                let result = try await body(components.string!)
                try await execute("DROP DATABASE \(name) WITH (FORCE)", adminURL: admin)
                return result
            } catch {
                try? await execute("DROP DATABASE \(name) WITH (FORCE)", adminURL: admin)
                throw error
            }
        }
    }

    /// Runs `body` with a fresh store, closing it afterwards.
    public static func withStore<R>(_ body: (Store) async throws -> R) async throws -> R {
        try await withFresh { url in try await Store.using(try DatabaseLocation(parsing: url), body) }
    }

    static func execute(_ statement: String, adminURL: String) async throws {
        let configuration = try SQLPostgresConfiguration(url: adminURL).coreConfiguration
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: Logger(label: "stocktake.test-database"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "stocktake.test-database"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
