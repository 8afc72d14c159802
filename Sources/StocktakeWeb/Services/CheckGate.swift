import Foundation

/// The figure check is CPU work that runs for as long as its text is long. At most `permits` checks run at once,
/// each on a thread outside the pool that answers requests, so that checks never hold every thread; `waiting`
/// more wait their turn, and any beyond are refused at once with a time to retry.
public actor CheckGate {
    public nonisolated let permits: Int
    public nonisolated let waiting: Int
    private var running = 0
    private var queue: [CheckedContinuation<Void, Never>] = []

    /// Every permit is taken and the queue is full.
    public struct Busy: Error {
        /// Seconds after which a retry is likely to be served.
        public let retryAfter: Int
    }

    public init(permits: Int = 2, waiting: Int = 6) {
        self.permits = max(1, permits)
        self.waiting = max(0, waiting)
    }

    /// Takes a permit, waiting in line for one when the line has room.
    public func acquire() async throws(Busy) {
        if running < permits {
            running += 1
            return
        }
        guard queue.count < waiting else { throw Busy(retryAfter: 5) }
        // The permit is handed over by `release`, so `running` is unchanged here.
        await withCheckedContinuation { queue.append($0) }
    }

    public func release() {
        if queue.isEmpty { running -= 1 } else { queue.removeFirst().resume() }
    }

    /// How many checks hold a permit and how many wait; for tests and metrics.
    public var load: (running: Int, waiting: Int) { (running, queue.count) }

    /// Runs `work` under a permit on a thread of its own.
    nonisolated func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await acquire()
        // A thread of its own rather than a dispatch queue: Swift's tasks share dispatch's worker threads here, and
        // a check queued behind tasks that wait synchronously would never start.
        let result = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: Result { try work() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
        await release()
        return try result.get()
    }
}
