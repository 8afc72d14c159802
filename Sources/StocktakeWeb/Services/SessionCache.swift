import Foundation
import StocktakeStore

/// Sessions looked up recently, so that a busy page does not query the database for its session on every
/// request. An entry lives `lifetime` seconds; signing out through this server drops it at once. An account
/// removed or a session ended by another process stops working here within `lifetime`.
final class SessionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (record: SessionRecord, fetched: ContinuousClock.Instant)] = [:]
    let lifetime: Duration
    private let limit = 10_000

    init(lifetime: Duration = .seconds(5)) { self.lifetime = lifetime }

    /// The session of `token`: kept, or read by `load` and kept. Expired sessions are never returned.
    func session(_ token: String, load: () async throws -> SessionRecord?) async throws -> SessionRecord? {
        let now = ContinuousClock.now
        if let kept = lock.withLock({ entries[token] }), now - kept.fetched < lifetime {
            return kept.record.expiresAt > Date() ? kept.record : nil
        }
        guard let record = try await load() else {
            forget(token)
            return nil
        }
        lock.withLock {
            if entries.count >= limit { entries.removeAll() }
            entries[token] = (record, now)
        }
        return record
    }

    func forget(_ token: String) {
        _ = lock.withLock { entries.removeValue(forKey: token) }
    }
}
