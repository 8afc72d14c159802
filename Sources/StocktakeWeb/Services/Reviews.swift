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
    /// Whole evaluations of a period computed so far; tests read it to tell an update in place from one.
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
        let periods = try await store.periods()
        periodList = (version, periods)
        return (version, periods)
    }

    /// The evaluation of `period` as of today (UTC), at the data version `state()` gave.
    func review(of period: Period, version: Int) async throws -> Review {
        let today = Self.today()
        // Statuses such as "overdue" depend on the day too, so a new day evaluates again.
        if let entry = cache[period], entry.version == version, entry.review.evaluation.asOf == today { return entry.review }
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

    /// Figures of one period were written through this server by `plan` (one transaction, which moved the data
    /// version by one). When nothing else was written since the period's cached evaluation — the version is now
    /// exactly one more than the cached one — that evaluation is brought up to date in place by the core's
    /// incremental update (the unit, its ancestors, that indicator's ranks), so that the next page does not wait
    /// for a whole evaluation of the period. Otherwise, and for every other period (whose year before or history
    /// the figures may be), the next request evaluates afresh.
    func written(_ plan: ImportPlan) async {
        guard !plan.isEmpty else { return }  // nothing was written
        checked = nil
        let observations = plan.dataSet.observations
        guard let period = observations.first?.key.period, plan.dataSet.recordCount == observations.count,
            observations.allSatisfy({ $0.key.period == period }), let version = try? await store.dataVersion()
        else {
            cache.removeAll()
            return
        }
        // The periods stay those listed when the write was the only one and added no period (reading them again
        // means a scan of every observation's period).
        if let list = periodList, list.version == version - 1, list.periods.contains(period) { periodList = (version, list.periods) }
        // Taken out of the cache first, so that the update changes the only copy rather than a shared one.
        // Evaluations another request made at the new version while the version was read stay.
        var entry = cache.removeValue(forKey: period)
        cache = cache.filter { $0.value.version >= version }
        guard var current = entry.take(), current.version >= version - 1 else { return }
        if current.version >= version {
            cache[period] = current
            return
        }
        let evaluator = current.review.evaluator
        for observation in observations { evaluator.update(&current.review.evaluation, with: observation) }
        current.version = version
        cache[period] = current
        checked = (version, ContinuousClock.now)
    }

    static func today() -> CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return (try? CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)) ?? (try! CalendarDate(year: 2000, month: 1, day: 1))
    }
}
