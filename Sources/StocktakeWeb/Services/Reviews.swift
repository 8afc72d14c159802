import Foundation
import StocktakeCore
import StocktakeStore

/// Evaluations the pages and the API show, computed once per period and data version: a page view costs one
/// small query (the data version) unless something was written since, by this server or by another process.
actor Reviews {
    struct Review: Sendable {
        let evaluator: Evaluator
        let evaluation: Evaluation
        let documents: [DocumentCode: Document]
        let tasks: [KeyTask]
    }

    private struct Entry {
        let version: Int
        let review: Review
    }

    let store: Store
    private var cache: [Period: Entry] = [:]
    private var periodList: (version: Int, periods: [Period])?

    init(store: Store) {
        self.store = store
    }

    /// The evaluation of `period` as of today (UTC).
    func review(of period: Period) async throws -> Review {
        let version = try await store.dataVersion()
        if let entry = cache[period], entry.version == version { return entry.review }
        let snapshot = try await store.snapshot(for: period)
        let evaluator = Evaluator(snapshot, history: try await store.history(before: period))
        let review = Review(
            evaluator: evaluator, evaluation: evaluator.evaluate(period: period, asOf: Self.today()),
            documents: Dictionary(snapshot.documents.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }), tasks: snapshot.tasks)
        if cache.count >= 8 { cache.removeAll() }
        cache[period] = Entry(version: version, review: review)
        return review
    }

    /// The periods with stored figures or targets, newest first.
    func periods() async throws -> [Period] {
        let version = try await store.dataVersion()
        if let periodList, periodList.version == version { return periodList.periods }
        let periods = try await store.periods()
        periodList = (version, periods)
        return periods
    }

    static func today() -> CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return (try? CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)) ?? (try! CalendarDate(year: 2000, month: 1, day: 1))
    }
}
