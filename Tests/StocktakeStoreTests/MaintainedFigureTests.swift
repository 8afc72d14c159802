import Foundation
import SQLKit
import Testing
@testable import StocktakeCore
@testable import StocktakeStore
import StocktakeTestSupport

/// The figures every write maintains equal a rebuild from scratch and the in-memory evaluator's, on random
/// trees and random sequences of writes (new figures and corrections, at leaves and at parents, of every kind of
/// indicator, a merged unit, synthetic sources), on the engine the suite runs on.
@Suite struct MaintainedFigureTests {
    static let periods: [Period] = [.year(2023), .year(2024)]
    static let indicators = [
        indicator("rev", .amount, decimals: 1), indicator("pop", .count), indicator("nr", .share),
        indicator("gr", .rate, weight: "pop"), indicator("cpi", .rate),
    ]

    static func indicator(_ code: String, _ kind: IndicatorKind, decimals: Int = 2, weight: String? = nil) -> Indicator {
        Indicator(
            code: IndicatorCode(unchecked: code), names: LocalizedText(["en": code]), measure: LocalizedText(["en": "u"]), kind: kind,
            better: .higher, decimals: decimals, weight: weight.map { IndicatorCode(unchecked: $0) })
    }

    /// A random tree of `size` units; one unit (with its history) merged into a sibling from 2024.
    static func tree(_ random: inout SeededGenerator, size: Int) -> [OrgUnit] {
        var units = [OrgUnit(code: UnitCode(unchecked: "R"), names: LocalizedText(["en": "R"]), level: .nation)]
        for index in 1..<size {
            let parent = units[random.int(in: 0...(units.count - 1))].code
            units.append(OrgUnit(code: UnitCode(unchecked: "U\(index)"), names: LocalizedText(["en": "U\(index)"]), level: Level("l"), parent: parent))
        }
        let siblings = Dictionary(grouping: units.dropFirst().filter { $0.parent != nil }, by: { $0.parent! }).values.first { $0.count >= 2 }
        if let siblings, let index = units.firstIndex(of: siblings[0]) {
            units[index].merger = .init(successor: siblings[1].code, effective: try! CalendarDate(parsing: "2024-01-01"))
        }
        return units
    }

    /// Stores definitions as an import of them does.
    static func define(_ set: DataSet, in store: Store) async throws {
        var plan = ImportPlan()
        plan.dataSet = set
        try await store.apply(plan)
    }

    /// A random figure of the indicator's kind.
    static func figure(_ indicator: Indicator, _ random: inout SeededGenerator) -> Figure {
        switch indicator.kind {
        case .share:
            let y = random.int(in: 1...400)
            return .share(numerator: Decimal(random.int(in: 0...y)), denominator: Decimal(y))
        case .count: return .value(Decimal(random.int(in: 0...3)))  // zeros too: a rate's weights may sum to 0
        case .amount: return .value(Decimal(random.int(in: 0...99_999)) / 10)
        case .rate: return .value(Decimal(random.int(in: -500...1_500)) / 100)
        }
    }

    /// `writes` imports, each of the figures `draw` gives (a key drawn twice in one write is written once): a
    /// first revision or the next one, some synthetic. Returns every observation written.
    static func writeRandomly(
        _ store: Store, writes: Int, random: inout SeededGenerator, draw: (inout SeededGenerator) -> [(ObservationKey, Figure)]
    ) async throws -> [Observation] {
        var revisions: [ObservationKey: Int] = [:]
        return try await writeRandomly(store, writes: writes, random: &random, revisions: &revisions, draw: draw)
    }

    /// The same, continuing the revisions of earlier writes.
    static func writeRandomly(
        _ store: Store, writes: Int, random: inout SeededGenerator, revisions: inout [ObservationKey: Int],
        units: [OrgUnit] = [], draw: (inout SeededGenerator) -> [(ObservationKey, Figure)]
    ) async throws -> [Observation] {
        var all: [Observation] = []
        for write in 0..<writes {
            var observations: [Observation] = []
            for (key, figure) in draw(&random) where !observations.contains(where: { $0.key == key }) {
                let revision = (revisions[key] ?? 0) + 1
                revisions[key] = revision
                observations.append(Observation(
                    key: key, revision: revision, figure: figure,
                    source: .init(kind: random.int(in: 0...5) == 0 ? .synthetic : .entry, citation: "write \(write)"),
                    enteredBy: "tester", enteredAt: StoreTests.defaults.enteredAt, reason: revision > 1 ? "corrected" : nil))
            }
            var plan = ImportPlan()
            // Units go with the first write only.
            if write == 0 { plan.dataSet.units = units }
            plan.dataSet.observations = observations
            try await store.apply(plan)
            all += observations
        }
        return all
    }

    /// Random figures of `units`: a key of one of them, a figure of the indicator's kind.
    static func draws(of units: [OrgUnit], count: ClosedRange<Int>) -> (inout SeededGenerator) -> [(ObservationKey, Figure)] {
        { random in
            (0..<random.int(in: count)).map { _ in
                let unit = units[random.int(in: 0...(units.count - 1))].code
                let indicator = Self.indicators[random.int(in: 0...(Self.indicators.count - 1))]
                return (ObservationKey(unit: unit, indicator: indicator.code, period: Self.periods[random.int(in: 0...1)]), Self.figure(indicator, &random))
            }
        }
    }

    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func maintainedEqualsRebuiltEqualsTheEvaluator(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let units = Self.tree(&random, size: 24)
        try await TestDatabase.withStore { store async throws in
            try await MaintainedFigureTests.define(DataSet(units: units, indicators: Self.indicators), in: store)
            // Twelve writes of one to eight figures each; later ones mostly correct earlier ones.
            let all = try await Self.writeRandomly(store, writes: 12, random: &random, draw: Self.draws(of: units, count: 1...8))
            #expect(try await store.verifyFigures().map(\.description) == [])

            let set = DataSet(units: units, indicators: Self.indicators, observations: all)
            for period in Self.periods {
                let evaluation = Evaluator(set).evaluate(period: period, asOf: period.lastDay)
                let maintained = try await store.unitFigures(period: period)
                var rolledUp = 0
                for (key, result) in evaluation.results {
                    #expect(maintained[key]?.own?.revision == result.own?.revision, "\(key)")
                    #expect(maintained[key]?.rollup?.rollup == result.rollup, "\(key)")
                    if result.rollup != nil { rolledUp += 1 }
                }
                #expect(Set(maintained.keys) == Set(evaluation.results.keys))
                #expect(rolledUp > 0, "the random writes reach some parent")
            }
        }
    }

    /// Units added between writes (leaves, a new parent with its children, units merged into a sibling,
    /// synthetic units, some with figures in the same import) keep what a rebuild gives: an addition recomputes
    /// its parents' roll-ups, whose expected reports it changes, and rebuilds nothing.
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func unitsAddedBetweenWritesKeepWhatARebuildGives(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        var units = Self.tree(&random, size: 12)
        try await TestDatabase.withStore { store async throws in
            try await MaintainedFigureTests.define(DataSet(units: units, indicators: Self.indicators), in: store)
            var revisions: [ObservationKey: Int] = [:]
            _ = try await Self.writeRandomly(store, writes: 4, random: &random, revisions: &revisions, draw: Self.draws(of: units, count: 1...8))
            var added = 0
            for round in 0..<5 {
                var new: [OrgUnit] = []
                for index in 0..<random.int(in: 1...3) {
                    let parents = (units + new).filter { $0.merger == nil }
                    let parent = parents[random.int(in: 0...(parents.count - 1))].code
                    var unit = OrgUnit(
                        code: UnitCode(unchecked: "N\(round)-\(index)"), names: LocalizedText(["en": "N"]), level: Level("l"), parent: parent,
                        origin: random.int(in: 0...3) == 0 ? .synthetic : .recorded)
                    if random.int(in: 0...2) == 0, let sibling = (units + new).first(where: { $0.parent == parent && $0.merger == nil }) {
                        unit.merger = .init(successor: sibling.code, effective: try CalendarDate(parsing: "2024-01-01"))
                    }
                    new.append(unit)
                }
                // The new units and figures of them and of others in one import, then writes of any unit.
                _ = try await Self.writeRandomly(
                    store, writes: 3, random: &random, revisions: &revisions, units: new, draw: Self.draws(of: units + new, count: 0...6))
                units += new
                added += new.count
                #expect(try await store.verifyFigures().map(\.description) == [], "after round \(round)")
            }
            let expecting = try await store.unitFigures(period: .year(2023)).values.compactMap(\.rollup).map(\.expected)
            #expect(expecting.contains { $0 > 1 }, "parents expect several reports")
            #expect(added >= 5)
        }
    }

    @Test func aRebuildAfterARowChangedOutsideStocktakeIsWhatVerifyAskedFor() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            #expect(try await store.verifyFigures().isEmpty)
            try await store.sql.update("unit_figures").set("own_value", to: "1").where("unit_code", .equal, "BG")
                .where("indicator_code", .equal, "grdp_size").run()
            let differences = try await store.verifyFigures()
            #expect(differences.map(\.key.description) == ["BG/grdp_size/2024"])
            #expect(differences.first?.description.contains("stored own r1 1,") == true, "\(differences)")
            _ = try await store.transaction { try await $0.rebuildFigures() }
            #expect(try await store.verifyFigures().isEmpty)
        }
    }
}
