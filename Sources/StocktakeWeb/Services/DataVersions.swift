import Foundation
import StocktakeCore
import StocktakeStore

/// The data version and the periods with figures, as the pages and the API read them: a page view costs one
/// small query (the data version) at most every `recheck`, and the period list is read again only when
/// something other than figures of listed periods was written. Nothing else is kept: every page reads what it
/// shows from the store (``PageScope``), and rendered bodies are kept per data version (``PageCache``).
actor DataVersions {
    let store: Store
    private var periodList: (version: Int, periods: [Period])?

    init(store: Store) {
        self.store = store
    }

    /// The data version last read, and when: the version is read again at most every `recheck`, and at once
    /// after a write through this server (``written()``), so another process's writes show within `recheck`.
    private var checked: (version: Int, at: ContinuousClock.Instant)?
    let recheck: Duration = .milliseconds(250)

    /// The data version and the periods with stored figures or targets, newest first.
    func state() async throws -> (version: Int, periods: [Period]) {
        let now = ContinuousClock.now
        let version: Int
        if let checked, now - checked.at < recheck {
            version = checked.version
        } else {
            version = try await store.dataVersion()
            checked = (version, now)
        }
        if let periodList, periodList.version == version { return periodList }
        // Figures of listed periods alone keep the list; reading it again scans every observation's period.
        if let list = periodList, list.version < version {
            let versions = try await store.dataVersions()
            if versions.definitions <= list.version, versions.data >= version,
                try await store.periods(writtenAfter: list.version, upTo: versions.data).isSubset(of: list.periods)
            {
                periodList = (versions.data, list.periods)
                checked = (versions.data, now)
                return (versions.data, list.periods)
            }
        }
        let periods = try await store.periods()
        periodList = (version, periods)
        return (version, periods)
    }

    /// Something was written through this server: read the version afresh on the next request.
    func written() {
        checked = nil
    }

    /// Today in UTC: the day pages evaluate as of.
    static func today() -> CalendarDate {
        CalendarDate.utcDay(Date())
    }
}
