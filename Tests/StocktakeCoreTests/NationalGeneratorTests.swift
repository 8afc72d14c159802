import Foundation
import StocktakeTestSupport
import Testing
@testable import StocktakeCore

@Suite struct NationalGeneratorTests {
    @Test func theSameSeedGivesTheSameData() {
        let a = NationalGenerator(scale: .small, seed: 5)
        let b = NationalGenerator(scale: .small, seed: 5)
        #expect(a.definitions() == b.definitions())
        #expect(a.observations(year: 2020) == b.observations(year: 2020))
        #expect(a.observations(year: 2020) != NationalGenerator(scale: .small, seed: 6).observations(year: 2020))
    }

    @Test func theNationHasItsRealProvincesAndNationalProportions() {
        let nation = NationalGenerator(scale: .nation, seed: 1)
        let levels = Dictionary(grouping: nation.tree, by: \.level).mapValues(\.count)
        #expect(levels[.province] == 63)
        #expect((550...850).contains(levels[.district] ?? 0))
        #expect((8_500...13_000).contains(levels[.commune] ?? 0))
        #expect((40_000...65_000).contains(levels[.organization] ?? 0))
        let provinces = nation.tree.filter { $0.level == .province }
        #expect(provinces.contains { $0.names["en"] == "Bac Giang" && $0.groups[.region] == "Northern Midlands and Mountains" })
        #expect(Dictionary(grouping: provinces) { $0.groups[.region]! }.mapValues(\.count) == [
            "Northern Midlands and Mountains": 14, "Red River Delta": 11, "North Central and Central Coast": 14,
            "Central Highlands": 5, "Southeast": 6, "Mekong Delta": 13,
        ])
        #expect(nation.specs.count == 100)
        #expect(Set(nation.specs.map(\.indicator.kind)) == Set(IndicatorKind.allCases))
    }

    @Test func everyFigureIsSyntheticAndConsistent() {
        let generator = NationalGenerator(scale: .small, seed: 2)
        let definitions = generator.definitions()
        let observations = (generator.firstYear...generator.lastYear).flatMap { generator.observations(year: $0) }
        #expect(observations.allSatisfy { $0.source.kind == .synthetic })
        #expect(observations.contains { $0.revision == 2 && $0.reason != nil })
        #expect(definitions.units.contains { $0.merger != nil })
        // Merged units stop reporting from the day of the merge.
        let merged = Dictionary(uniqueKeysWithValues: definitions.units.compactMap { u in u.merger.map { (u.code, $0.effective) } })
        #expect(!observations.contains { o in merged[o.key.unit].map { day in o.key.period.firstDay >= day } ?? false })
        for case .share(let x, let y) in observations.map(\.figure) { #expect(x >= 0 && x <= y && y > 0) }
        // The evaluation of a generated year finds what the generator planted: provinces' own totals that
        // disagree with their roll-ups are rare, and most agree.
        let evaluation = Evaluator(DataSet(
            units: definitions.units, indicators: definitions.indicators, targets: definitions.targets, tasks: definitions.tasks,
            observations: observations)).evaluate(period: .year(2024), asOf: Fix.day("2025-03-01"))
        let provinceTotals = evaluation.results.values.filter { $0.own != nil && $0.rollup != nil }
        let mismatches = evaluation.findings.filter { $0.code == "rollup_mismatch" }
        #expect(!provinceTotals.isEmpty)
        #expect(mismatches.count < provinceTotals.count / 2)
    }
}
