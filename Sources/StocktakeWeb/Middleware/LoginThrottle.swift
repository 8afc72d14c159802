import Foundation

/// Limits sign-in attempts by name and by client address: at most `perName` failures for one name and
/// `perAddress` for one address within `window`, so one address guessing many names and many addresses guessing
/// one name are both held back. An attempt is counted when it starts (``reserve(name:address:now:)``), before the
/// password is checked, so parallel guesses cannot all slip through while the first ones are being checked; a
/// right password gives the attempt back. The answer is the same whether the account exists or not.
///
/// The state is bounded: names longer than `maxNameBytes` are refused without being kept, and at `maxEntries`
/// names and addresses the one whose last attempt is oldest is forgotten first.
actor LoginThrottle {
    struct Limits: Sendable {
        var perName = 5
        var perAddress = 30
        var window: TimeInterval = 15 * 60
        var maxEntries = 10_000
        var maxNameBytes = 256
    }

    enum Decision: Equatable, Sendable {
        /// The attempt is counted; check the password, then call ``succeeded(name:address:)`` if it was right.
        case allowed
        /// Too many recent failures for the name or the address: wait this many seconds.
        case refused(retryAfter: Int)
        /// The name is longer than any account's can be; nothing was kept.
        case nameTooLong
    }

    private enum Key: Hashable {
        case name(String)
        case address(String)
    }

    private struct Entry {
        /// Recent attempts, oldest first; never more than the key's limit.
        var attempts: [Date]
        var last: Date
    }

    let limits: Limits
    private var entries: [Key: Entry] = [:]

    init(_ limits: Limits = Limits()) {
        self.limits = limits
    }

    /// How many names and addresses are kept, and their bytes: what the caps bound.
    var entryCount: Int { entries.count }
    var keptNameBytes: Int {
        entries.keys.reduce(0) { total, key in
            switch key {
            case .name(let name): total + name.utf8.count
            case .address(let address): total + address.utf8.count
            }
        }
    }

    /// Counts an attempt on `name` from `address` when both are under their limits.
    func reserve(name: String, address: String, now: Date = Date()) -> Decision {
        guard name.utf8.count <= limits.maxNameBytes else { return .nameTooLong }
        let keys = [(Key.name(name.lowercased()), limits.perName), (Key.address(address), limits.perAddress)]
        var wait = 0
        for (key, limit) in keys {
            let recent = self.recent(key, now: now)
            if recent.count >= limit, let oldest = recent.first {
                wait = max(wait, max(1, Int(oldest.addingTimeInterval(limits.window).timeIntervalSince(now).rounded(.up))))
            }
        }
        if wait > 0 { return .refused(retryAfter: wait) }
        for (key, _) in keys { add(now, to: key) }
        return .allowed
    }

    /// The password was right: the name's failures are forgotten and the address gets this attempt back.
    func succeeded(name: String, address: String) {
        entries[.name(name.lowercased())] = nil
        takeBack(from: .address(address))
    }

    /// The attempt was not checked (the server was too busy): it counts against neither the name nor the address.
    func notChecked(name: String, address: String) {
        takeBack(from: .name(name.lowercased()))
        takeBack(from: .address(address))
    }

    private func takeBack(from key: Key) {
        guard var entry = entries[key], !entry.attempts.isEmpty else { return }
        entry.attempts.removeLast()
        entries[key] = entry.attempts.isEmpty ? nil : entry
    }

    private func recent(_ key: Key, now: Date) -> [Date] {
        guard let entry = entries[key] else { return [] }
        let recent = entry.attempts.filter { now.timeIntervalSince($0) < limits.window }
        entries[key] = recent.isEmpty ? nil : Entry(attempts: recent, last: entry.last)
        return recent
    }

    private func add(_ now: Date, to key: Key) {
        if entries[key] == nil, entries.count >= limits.maxEntries { forgetOldest() }
        entries[key, default: Entry(attempts: [], last: now)].attempts.append(now)
        entries[key]?.last = now
    }

    /// Makes room for one entry by forgetting the one touched longest ago (one past the window, if any is).
    private func forgetOldest() {
        guard let oldest = entries.min(by: { $0.value.last < $1.value.last }) else { return }
        entries[oldest.key] = nil
    }
}
