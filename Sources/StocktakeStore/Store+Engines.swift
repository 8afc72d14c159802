import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

// Everything that differs between SQLite and PostgreSQL is here: how to connect, how a transaction begins, and
// which errors mean "try the transaction again". The rest of the store is the same SQL on both.

extension Store {
    static func connect(_ location: DatabaseLocation, logger: Logger) async throws -> Store {
        switch location {
        case .sqliteFile(let path):
            return try await connectSQLite(.file(path: path), location: location, logger: logger)
        case .sqliteMemory:
            return try await connectSQLite(.memory, location: location, logger: logger)
        case .postgres(let url):
            return try await connectPostgres(url, location: location, logger: logger)
        }
    }

    /// SQLite: one connection, used by one transaction or query at a time (a lock queues the others), so that
    /// concurrent requests never share a transaction and never see another's uncommitted rows.
    private static func connectSQLite(_ storage: SQLiteConnection.Storage, location: DatabaseLocation, logger: Logger) async throws -> Store {
        let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        // The settings below go through the same turn-taking as every query, whose single statements are retried
        // after a back-off when another process's lock keeps them out: switching a new file to WAL needs it to
        // itself for a moment, and a process opening it at the same time is refused as busy.
        let sql = SerializedDatabase(
            base: connection.sql(encoder: SQLiteDataEncoder(), decoder: SQLiteDataDecoder(), queryLogLevel: .trace), lock: AsyncLock())
        do {
            // Foreign keys are checked only when asked, per connection; WAL keeps the file consistent on a crash
            // with readers never blocking the writer.
            try await sql.raw("PRAGMA foreign_keys = ON").run()
            // Deleted rows are overwritten with zeros, not left in free space: a closed vote's sealed ballots and
            // the old order of its voters must not outlive their deletion in the file.
            try await sql.raw("PRAGMA secure_delete = ON").run()
            // The driver's own busy handler retries at once, forever, on a thread of the shared pool: a server
            // waiting for another process's write spun a core, and two stores in one process could take every
            // pool thread while the one holding the lock waited for a thread to commit. A short sleeping wait
            // instead (``sqliteBusyWait``), then SQLITE_BUSY, which `transaction` retries after an asynchronous back-off.
            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.sqliteBusyWait))").run()
            if case .file = storage {
                try await sql.raw("PRAGMA journal_mode = WAL").run()
                try await sql.raw("PRAGMA synchronous = FULL").run()
            }
        } catch {
            try? await connection.close()
            throw error
        }
        return Store(
            sql: sql, location: location, engine: .sqlite,
            shutdown: { try await connection.close() })
    }

    /// How long a query waits for a free connection of the pool before it fails. The pool's own default, ten
    /// seconds, turned a busy machine into failed writes: a burst of requests on two cores waits longer than that
    /// for its turn, and waiting is the right answer to being busy.
    static let connectionWait: TimeAmount = .seconds(120)

    /// PostgreSQL: a pool of connections; each transaction holds one connection for its whole length.
    private static func connectPostgres(_ url: String, location: DatabaseLocation, logger: Logger) async throws -> Store {
        let configuration: SQLPostgresConfiguration
        do { configuration = try SQLPostgresConfiguration(url: url) } catch {
            throw StoreError.unsupportedDatabase(location.description)
        }
        let pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: 4,
            requestTimeout: connectionWait, logger: logger, on: MultiThreadedEventLoopGroup.singleton)
        let sql = pool.database(logger: logger).sql(queryLogLevel: .trace)
        let owner = PoolOwner(pool: pool)
        do {
            // Fail now, with the server's reason, rather than at the first query.
            try await sql.raw("SELECT 1").run()
        } catch {
            try? await owner.shutdown()
            throw error
        }
        return Store(sql: sql, location: location, engine: .postgres, shutdown: { try await owner.shutdown() })
    }

    /// SQLite takes the write lock at once, so two writers queue instead of failing half-way; PostgreSQL runs
    /// every multi-row write serializable, so checks read inside the transaction still hold when it commits.
    var beginStatement: SQLQueryString {
        switch engine {
        case .sqlite: "BEGIN IMMEDIATE"
        case .postgres: "BEGIN ISOLATION LEVEL SERIALIZABLE"
        }
    }

    /// The lock a migration step holds until its transaction ends: SQLite's write lock is already held from
    /// `BEGIN IMMEDIATE`; on PostgreSQL, whose DDL serializable isolation does not order, a transaction-scoped
    /// advisory lock (its key is arbitrary and used for nothing else).
    var migrationLock: SQLQueryString? {
        switch engine {
        case .sqlite: nil
        case .postgres: "SELECT pg_advisory_xact_lock(7305000001)"
        }
    }

    /// How long, in milliseconds, a SQLite statement sleeps for another process's write lock before it fails as
    /// busy and is retried after an asynchronous back-off: short, because the wait holds a thread of the pool that
    /// every connection of the process shares.
    static let sqliteBusyWait = 20

    /// A transaction (or a single SQLite statement) that conflicts runs again at least this many times, and
    /// for as long as `retryWindow` allows: on a loaded machine one writer lost thirty times in a row to others
    /// that kept the lock, and waiting is the right answer to being busy (as ``connectionWait`` for a pool).
    static let retries = 30
    static let retryWindow: Duration = .seconds(120)

    /// Whether a conflict on attempt `attempt`, of an operation that began at `start`, is tried again.
    static func mayRetry(attempt: Int, since start: ContinuousClock.Instant) -> Bool {
        attempt < retries || ContinuousClock.now - start < retryWindow
    }

    /// Waits at random up to a bound that doubles with each attempt (to a second), so that colliding
    /// transactions spread out; a fixed small step let one transaction lose thirty times in a row when a busy
    /// machine made every transaction slow and so every pair overlap.
    static func backOff(attempt: Int) async throws {
        let bound = UInt64(1_000_000) << UInt64(min(attempt, 10))
        try await Task.sleep(nanoseconds: UInt64.random(in: 1_000_000...bound))
    }

    /// Serialization failures (40001), deadlocks (40P01) and a key taken by a concurrent transaction (23505: two
    /// corrections both planned as the next revision) mean: run the transaction again. The retry reads the store
    /// afresh, so a real duplicate is then reported by the import's own checks. On SQLite, a write lock another
    /// process holds (busy) means the same.
    func isSerializationConflict(_ error: any Error) -> Bool {
        if engine == .sqlite, let error = error as? SQLiteError { return error.reason == .busy }
        guard engine == .postgres, let error = error as? PSQLError, let code = error.serverInfo?[.sqlState] else { return false }
        return code == "40001" || code == "40P01" || code == "23505"
    }
}

/// Holds the PostgreSQL pool for shutting it down. The pool is safe to use from any thread (its own
/// documentation says so); AsyncKit predates `Sendable` and does not declare it.
private final class PoolOwner: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>

    init(pool: EventLoopGroupConnectionPool<PostgresConnectionSource>) { self.pool = pool }

    func shutdown() async throws { try await pool.shutdownAsync() }
}

/// A SQLite database whose queries and sessions take turns: a session (a transaction) holds the turn until it
/// ends, and single queries wait for it.
struct SerializedDatabase: SQLDatabase {
    let base: any SQLDatabase
    let lock: AsyncLock

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    /// A single statement another process's write lock kept out past the busy wait is run again after a back-off
    /// (unless it already delivered rows), as a transaction is.
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        var attempt = 0
        let start = ContinuousClock.now
        while true {
            attempt += 1
            let delivered = NIOLockedValueBox(false)
            do {
                return try await lock.withLock {
                    try await base.execute(sql: query) { row in
                        delivered.withLockedValue { $0 = true }
                        onRow(row)
                    }
                }
            } catch let error as SQLiteError where error.reason == .busy && Store.mayRetry(attempt: attempt, since: start) && !delivered.withLockedValue({ $0 }) {
                try await Store.backOff(attempt: attempt)
            }
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await lock.withLock { try await closure(base) }
    }
}

/// A first-come, first-served lock for async code.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard locked else {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { locked = false } else { waiters.removeFirst().resume() }
    }

    nonisolated func withLock<R>(_ body: () async throws -> R) async throws -> R {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }
}
