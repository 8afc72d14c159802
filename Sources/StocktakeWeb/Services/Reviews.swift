import Foundation
import StocktakeCore
import StocktakeStore

/// Evaluations the pages and the API show, computed once per period and data version: a page view costs one
/// small query (the data version) unless something was written since, by this server or by another process.
/// Rendered page bodies are kept the same way (``PageCache``).
actor Reviews {
    struct Review: Sendable {
        let evaluator: Evaluator
        var evaluation: Evaluation
        let documents: [DocumentCode: Document]
        let tasks: [KeyTask]
    }

    private struct Entry {
        var version: Int
        var review: Review
    }

    let store: Store
    private var cache: [Period: Entry] = [:]
    private var periodList: (version: Int, periods: [Period])?
    /// Whole evaluations of a period computed so far; tests read it to tell a catch-up in place from one.
    private(set) var evaluations = 0

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

    /// The evaluation of `period` as of today (UTC), at the data version `state()` gave.
    func review(of period: Period, version: Int) async throws -> Review {
        let today = Self.today()
        // Statuses such as "overdue" depend on the day too, so a new day evaluates again.
        // An entry a catch-up brought past the version asked for is newer, not wrong.
        if let entry = cache[period], entry.version >= version, entry.review.evaluation.asOf == today { return entry.review }
        if let review = try await catchUp(period, to: version, today: today) { return review }
        let snapshot = try await store.snapshot(for: period)
        let evaluator = Evaluator(snapshot, history: try await store.history(before: period))
        evaluations += 1
        let review = Review(
            evaluator: evaluator, evaluation: evaluator.evaluate(period: period, asOf: today),
            documents: Dictionary(snapshot.documents.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }), tasks: snapshot.tasks)
        if cache.count >= 8 { cache.removeAll() }
        cache[period] = Entry(version: version, review: review)
        return review
    }

    /// The evaluation of `period` as it stands now.
    func review(of period: Period) async throws -> Review {
        try await review(of: period, version: try await state().version)
    }

    /// Something was written through this server: read the version afresh on the next request.
    func written() {
        checked = nil
    }

    /// The cached evaluation of `period` brought up to `version` in place, when only figures of that period were
    /// written since it was made, through this server or any other: the core's incremental update for each (the
    /// unit, its ancestors, that indicator's ranks), in the order they were written, instead of a whole
    /// evaluation. Nil — evaluate afresh — when anything else was written (definitions, targets, tasks, the
    /// review), when figures of another period were (the year before, the history), or more than `catchUpLimit`.
    private func catchUp(_ period: Period, to version: Int, today: CalendarDate) async throws -> Review? {
        guard let cached = cache[period], cached.version < version, cached.review.evaluation.asOf == today else { return nil }
        let versions = try await store.dataVersions()
        guard versions.definitions <= cached.version, versions.data >= version,
            let written = try await store.observations(writtenAfter: cached.version, upTo: versions.data, limit: catchUpLimit),
            written.allSatisfy({ $0.key.period == period })
        else { return nil }
        // Taken out of the cache, so that the update changes the only copy rather than one a page still reads.
        // Another request may have replaced the entry meanwhile: then the newer of the two stays.
        guard var entry = cache.removeValue(forKey: period) else { return nil }
        guard entry.version == cached.version else {
            cache[period] = entry
            return entry.version >= version ? entry.review : nil
        }
        let evaluator = entry.review.evaluator
        for observation in written { evaluator.update(&entry.review.evaluation, with: observation) }
        entry.version = versions.data
        cache[period] = entry
        return entry.review
    }

    /// More figures written since an evaluation than this, and a whole evaluation is cheaper than catching up.
    let catchUpLimit = 10_000

    static func today() -> CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return (try? CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)) ?? (try! CalendarDate(year: 2000, month: 1, day: 1))
    }
}
