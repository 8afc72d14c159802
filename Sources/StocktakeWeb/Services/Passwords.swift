import Foundation
import HummingbirdBcrypt
import NIOPosix
import StocktakeCore
import StocktakeStore

/// Passwords are kept as bcrypt hashes only; this is the one place that hashes and checks them.
public enum Passwords {
    public static let defaultCost: UInt8 = 12
    /// The hash checked when no account has the name, so a wrong name costs as long as a wrong password and
    /// the answer's timing does not reveal which accounts exist.
    static let decoy = Bcrypt.hash("stocktake-decoy-password", cost: defaultCost)

    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// The account when `password` is right for `username`; nil otherwise, whether or not the account exists.
    /// The hash is compared on `checks`' threads, never on the threads that serve requests.
    static func verify(_ username: String, _ password: String, in store: Store, checks: PasswordChecks) async throws -> Account? {
        let stored = try await store.account(named: username)
        let hash = stored?.passwordHash
        let matches = try await checks.run { Bcrypt.verify(password, hash: hash ?? decoy) }
        return matches ? stored?.account : nil
    }

    /// Adds an account with a freshly hashed password: what `stocktake user add` and the demo call.
    public static func addAccount(_ account: Account, password: String, to store: Store, cost: UInt8 = defaultCost) async throws {
        guard password.count >= 8 else { throw PasswordError.tooShort }
        try await store.addAccount(account, passwordHash: hash(password, cost: cost))
    }
}

public enum PasswordError: Error, CustomStringConvertible {
    case tooShort

    public var description: String { "a password needs at least 8 characters" }
}

/// Where password hashes are compared: a few threads of their own, so that guessers keep at most `threads` cores
/// busy and the event loops stay free for every other page; at most `waiting` more checks queue, and beyond
/// that a sign-in is answered at once with ``PasswordChecks/Busy``.
final class PasswordChecks: @unchecked Sendable {
    /// The server is checking as many passwords as it will queue; the attempt was not checked.
    struct Busy: Error {}

    let threads: Int
    let waiting: Int
    private let pool: NIOThreadPool
    private let lock = NSLock()
    private var pending = 0
    private var running = 0
    private var peak = 0

    /// One thread on a two-core machine, two on larger ones.
    static let defaultThreads = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount - 1))

    init(threads: Int = PasswordChecks.defaultThreads, waiting: Int = 32) {
        self.threads = threads
        self.waiting = waiting
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    deinit { pool.shutdownGracefully { _ in } }

    func run(_ check: @escaping @Sendable () -> Bool) async throws -> Bool {
        let admitted = lock.withLock {
            guard pending < threads + waiting else { return false }
            pending += 1
            return true
        }
        guard admitted else { throw Busy() }
        defer { lock.withLock { pending -= 1 } }
        return try await pool.runIfActive { [self] in
            lock.withLock {
                running += 1
                peak = max(peak, running)
            }
            defer { lock.withLock { running -= 1 } }
            return check()
        }
    }

    /// Checks running or queued.
    var pendingCount: Int { lock.withLock { pending } }

    /// The most checks that ever ran at once: what the thread count bounds.
    var peakConcurrency: Int { lock.withLock { peak } }
}
