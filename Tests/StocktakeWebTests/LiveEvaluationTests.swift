import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing
@testable import StocktakeWeb

/// A server's cached evaluation of a period catches up in place with the figures written since, through it or
/// through any other process, equal to evaluating the period afresh; a write of anything else, or of another
/// period, makes the next request evaluate afresh.
@Suite struct LiveEvaluationTests {
    static let period = Period.year(2024)

    /// What the pages and the API write: the entry form's figure, checked and stored with its revision.
    static func write(_ store: Store, _ unit: String, _ indicator: String, _ value: String, reason: String? = nil, period: Period = period) async throws -> ImportPlan {
        var form = Form()
        form.fields = ["indicator": indicator, "value": value, "reason": reason ?? "", "citation": "district report"]
        let indicators = try await store.indicatorsByCode()
        let input = EntryController.observation(form, unit: UnitCode(unchecked: unit), period: period, indicators: indicators, by: "city")
        let plan = try await store.importChecked(input) { _ in [] }
        #expect(plan.dataSet.observations.count == 1)
        return plan
    }

    static func expectFresh(_ live: Reviews.Review, _ store: Store) async throws {
        let evaluator = Evaluator(try await store.snapshot(for: period), history: try await store.history(before: period))
        let fresh = evaluator.evaluate(period: period, asOf: live.evaluation.asOf)
        #expect(live.evaluation.results == fresh.results)
        #expect(live.evaluation.findings == fresh.findings)
        for key in fresh.results.keys { #expect(live.evaluation.ranks(for: key) == fresh.ranks(for: key), "\(key)") }
    }

    /// The evaluation `reviews` gives now, as a server gives it once it has read the new data version.
    static func current(_ reviews: Reviews) async throws -> Reviews.Review {
        await reviews.written()
        return try await reviews.review(of: period)
    }

    @Test func figuresWrittenByAnyProcessUpdateTheCachedEvaluationInPlace() async throws {
        try await TestDatabase.withStore { store async throws in
            try await WebHarness.prepare(store)
            // Two servers on one database: both evaluate 2024 once.
            let here = Reviews(store: store)
            let there = Reviews(store: store)
            _ = try await here.review(of: Self.period)
            _ = try await there.review(of: Self.period)
            // New figures at two districts (their province's roll-up changes), a correction, a province's own figure
            // corrected against the figure the press reported; the first server looks after each, the second after
            // all of them.
            let writes: [(String, String, String, String?)] = [
                ("BG-CITY", "new_party_members", "412", nil), ("BG-YD", "new_party_members", "300", nil),
                ("BG-CITY", "new_party_members", "421", "digits swapped"), ("BG", "budget_revenue", "20700.5", "final accounts"),
                ("BG-YD", "budget_revenue", "3100", nil),
            ]
            for (unit, indicator, value, reason) in writes {
                _ = try await Self.write(store, unit, indicator, value, reason: reason)
                try await Self.expectFresh(try await Self.current(here), store)
            }
            try await Self.expectFresh(try await Self.current(there), store)
            #expect(await here.evaluations == 1, "every write was caught up with in place")
            #expect(await there.evaluations == 1, "also by the server nothing was written through")
            let listed = try await here.state().periods
            #expect(listed == (try await store.periods()))

            // A task's status is not a figure: the next request evaluates afresh.
            try await store.changeTaskStatus(TaskCode(unchecked: "BG-2024-admin-units"), to: .inProgress, note: "", by: "city")
            try await Self.expectFresh(try await Self.current(here), store)
            #expect(await here.evaluations == 2)

            // A figure of 2023 is 2024's year before: 2024 is evaluated afresh too.
            _ = try await Self.write(store, "BG-CITY", "budget_revenue", "4800", period: .year(2023))
            try await Self.expectFresh(try await Self.current(here), store)
            #expect(await here.evaluations == 3)

            // A figure of a period not listed before lists it.
            _ = try await Self.write(store, "BG-CITY", "budget_revenue", "5000", period: .year(2025))
            await here.written()
            let periods = try await here.state().periods
            let stored = try await store.periods()
            #expect(periods.contains(.year(2025)) && periods == stored)
        }
    }
}
