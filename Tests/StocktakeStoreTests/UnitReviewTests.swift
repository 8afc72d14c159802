import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeStore
import StocktakeTestSupport

/// One unit's evaluation read from the store (its figures, maintained roll-ups, the year before, targets, tasks,
/// history and ranks the database counts) equals that unit's part of the whole evaluation, and the findings of a
/// subtree read a batch at a time equal the whole evaluation's.
@Suite struct UnitReviewTests {
    /// Compares every unit's review from the store with the whole evaluation of the same data, on `days`.
    static func compareEveryUnit(_ store: Store, period: Period, days: [CalendarDate]) async throws -> Int {
        let evaluator = try await store.evaluator(for: period)
        var compared = 0
        for asOf in days {
            let evaluation = evaluator.evaluate(period: period, asOf: asOf)
            for unit in evaluator.tree.units.values.sorted(by: { $0.code < $1.code }) {
                let review = try #require(try await store.unitReview(of: unit.code, period: period, asOf: asOf))
                #expect(evaluation.differences(from: review) == [], "\(period) as of \(asOf)")
                compared += review.results.count
            }
            let root = try #require(evaluator.tree.units.values.first { $0.parent == nil }).code
            // Batches of 3 units, so that a level takes several.
            let streamed = try await store.subtreeFindings(of: root, period: period, asOf: asOf, batch: 3)
            #expect(streamed.map(\.description).sorted() == evaluation.findings.map(\.description).sorted(), "\(period) findings of the tree")
        }
        return compared
    }

    /// The real sample: targets on amounts, rates and change, derived bases, stated comparisons and ranks, tasks
    /// done, late and overdue, districts with figures and roll-ups.
    @Test func eachUnitOfTheSampleReadsAsTheWholeEvaluationGivesIt() async throws {
        try await TestDatabase.withStore { store async throws in
            try await ReviewStoreTests.imported(store)
            let days = try ["2024-06-30", "2025-01-15", "2026-12-31"].map { try CalendarDate(parsing: $0) }
            var compared = 0
            for period in try await store.periods() { compared += try await Self.compareEveryUnit(store, period: period, days: days) }
            #expect(compared > 100)
            let evaluation = try await store.evaluator(for: .year(2024)).evaluate(period: .year(2024), asOf: days[1])
            #expect(!evaluation.findings.isEmpty, "the sample has findings to compare")
            #expect(try await store.unitReview(of: UnitCode(unchecked: "NOWHERE"), period: .year(2024), asOf: days[1]) == nil)
        }
    }

    /// Random trees of two levels with groups, synthetic units and a merger; random figures and corrections in
    /// batches, with targets on some units and figures stating ranks and comparisons.
    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func eachUnitOfARandomTreeReadsAsTheWholeEvaluationGivesIt(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let units = RankTests.tree(&random, size: 30)
        let indicators = RankTests.indicators
        let targets = units.filter { _ in random.int(in: 0...2) == 0 }.map { unit in
            let indicator = indicators[random.int(in: 0...(indicators.count - 1))]
            return Target(
                code: TargetCode(unchecked: "T-\(unit.code)-\(indicator.code)"), unit: unit.code, indicator: indicator.code, period: .year(2024),
                document: nil, bound: random.int(in: 0...1) == 0 ? .atLeast(Decimal(random.int(in: 0...500))) : .atMost(Decimal(random.int(in: 0...500))),
                basis: .absolute)
        }
        try await TestDatabase.withStore { store async throws in
            try await MaintainedFigureTests.define(DataSet(units: units, indicators: indicators, targets: targets), in: store)
            _ = try await MaintainedFigureTests.writeRandomly(store, writes: 5, random: &random) { random in
                units.filter { _ in random.int(in: 0...2) > 0 }.map { unit in
                    let indicator = indicators[random.int(in: 0...(indicators.count - 1))]
                    let key = ObservationKey(unit: unit.code, indicator: indicator.code, period: MaintainedFigureTests.periods[random.int(in: 0...1)])
                    return (key, indicator.code.rawValue == "debt" ? .value(Decimal(random.int(in: 0...4))) : MaintainedFigureTests.figure(indicator, &random))
                }
            }
            // Figures that state their rank among the unit's peers and their change on the year before.
            var claims = ImportPlan()
            for unit in units.filter({ _ in random.int(in: 0...3) == 0 }) {
                let key = ObservationKey(unit: unit.code, indicator: IndicatorCode(unchecked: "rev"), period: .year(2024))
                let latest = try await store.history(of: key).last?.revision ?? 0
                claims.dataSet.observations.append(Observation(
                    key: key, revision: latest + 1, figure: .value(Decimal(random.int(in: 0...9_999)) / 10),
                    source: .init(kind: .entry, citation: "claims"), enteredBy: "tester", enteredAt: StoreTests.defaults.enteredAt,
                    reason: latest > 0 ? "corrected" : nil,
                    claims: .init(
                        comparisons: [ReportedComparison(basis: .yearEarlier, relation: .change, percent: Decimal(random.int(in: -50...50)), decimals: 0)],
                        ranks: [ReportedRank(peers: .level, position: random.int(in: 1...4))])))
            }
            try await store.apply(claims)
            #expect(try await store.verifyFigures().map(\.description) == [])
            var compared = 0
            for period in MaintainedFigureTests.periods {
                compared += try await Self.compareEveryUnit(store, period: period, days: [period.lastDay])
            }
            #expect(compared > 50)
        }
    }
}
