import Foundation

/// Limits failed sign-ins per name: after `limit` failures within `window`, further attempts on that name are
/// refused until the oldest failure leaves the window. The answer is the same whether the account exists or not.
actor LoginThrottle {
    private var failures: [String: [Date]] = [:]
    let limit: Int
    let window: TimeInterval

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait before the next attempt on `name`, or nil when an attempt may be made now.
    func retryAfter(_ name: String, now: Date = Date()) -> Int? {
        let recent = prune(name, now: now)
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, Int((oldest.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
    }

    func failed(_ name: String, now: Date = Date()) {
        failures[name.lowercased(), default: []].append(now)
    }

    func succeeded(_ name: String) {
        failures[name.lowercased()] = nil
    }

    private func prune(_ name: String, now: Date) -> [Date] {
        let key = name.lowercased()
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}
