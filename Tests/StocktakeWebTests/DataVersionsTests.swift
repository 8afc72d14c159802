import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing
@testable import StocktakeWeb

/// What a server keeps between requests: the data version and the period list, both read afresh once anything
/// is written, through it or through any other process; nothing of an evaluation.
@Suite struct DataVersionsTests {
    static let period = Period.year(2024)

    /// What the pages and the API write: a figure entered through the action every door calls.
    @discardableResult
    static func write(_ store: Store, _ unit: String, _ indicator: String, _ value: String, reason: String? = nil, period: Period = period) async throws -> Observation {
        let city = Account(username: Username(unchecked: "city"), role: .editor, unit: UnitCode(unchecked: "BG"), language: "vi")
        let entry = FigureEntry(unit: unit, indicator: indicator, period: period, value: value, reason: reason, citation: "district report")
        return try await Actions(store: store).enterFigure(entry, as: city, via: .page)
    }

    /// `unit`'s evaluation read from the store equals its part of a whole evaluation of the period made now.
    static func expectStoredEqualsWhole(_ store: Store, units: [String]) async throws {
        let asOf = DataVersions.today()
        let evaluation = try await store.evaluator(for: period).evaluate(period: period, asOf: asOf)
        for code in units {
            let review = try #require(try await store.unitReview(of: UnitCode(unchecked: code), period: period, asOf: asOf))
            #expect(evaluation.differences(from: review) == [], "\(code)")
        }
    }

    @Test func writesByAnyProcessMoveTheVersionAndThePeriodList() async throws {
        try await TestDatabase.withStore { store async throws in
            try await WebHarness.prepare(store)
            // Two servers on one database.
            let here = DataVersions(store: store)
            let there = DataVersions(store: store)
            let first = try await here.state()
            #expect(first.periods == (try await store.periods()))
            #expect((try await there.state()).version == first.version)

            // Figures of a listed period: the version moves for both, the list stays.
            _ = try await Self.write(store, "BG-CITY", "new_party_members", "412")
            await here.written()
            let second = try await here.state()
            #expect(second.version > first.version && second.periods == first.periods)
            try await Task.sleep(for: .milliseconds(300))
            #expect((try await there.state()).version == second.version, "the other server reads the version again within a quarter of a second")
            try await Self.expectStoredEqualsWhole(store, units: ["BG-CITY", "BG"])

            // A figure of a period not listed before lists it, on both servers.
            _ = try await Self.write(store, "BG-CITY", "budget_revenue", "5000", period: .year(2025))
            await here.written()
            let stored = try await store.periods()
            #expect(stored.contains(.year(2025)))
            #expect((try await here.state()).periods == stored)
            try await Task.sleep(for: .milliseconds(300))
            #expect((try await there.state()).periods == stored)

            // A task's status is not a figure: the version moves, and the stored evaluation shows it.
            try await store.changeTaskStatus(TaskCode(unchecked: "BG-2024-admin-units"), to: .inProgress, note: "", by: "city")
            await here.written()
            #expect((try await here.state()).version > second.version)
            try await Self.expectStoredEqualsWhole(store, units: ["BG"])
        }
    }
}
