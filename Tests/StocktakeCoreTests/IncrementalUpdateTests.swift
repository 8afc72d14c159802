import Foundation
import StocktakeTestSupport
import Testing
@testable import StocktakeCore

/// Updating an evaluation with one observation gives exactly what evaluating everything again gives.
@Suite struct IncrementalUpdateTests {
    func randomSet(seed: UInt64) -> (DataSet, leaves: [UnitCode], random: SeededGenerator) {
        var random = SeededGenerator(seed: seed)
        var units = [Fix.unit("R", level: .nation)]
        for index in 1..<40 {
            let parent = units[random.int(in: 0...(units.count - 1))]
            let level = Level("l\(units.filter { $0.code == parent.code }.count)")
            units.append(Fix.unit("U\(index)", level: level, parent: parent.code.rawValue, groups: [.region: "r\(index % 3)"]))
        }
        // Levels by depth, so that peers are units of the same depth.
        let tree = UnitTree(units)
        func depth(_ code: UnitCode) -> Int { tree[code]?.parent.map { depth($0) + 1 } ?? 0 }
        units = units.map { var u = $0; u.level = Level("depth\(depth(u.code))"); return u }
        let parents = Set(units.compactMap(\.parent))
        let leaves = units.map(\.code).filter { !parents.contains($0) }
        var observations: [Observation] = []
        for leaf in leaves {
            observations.append(Fix.obs(leaf.rawValue, "rev", Decimal(random.int(in: 0...5000)) / 10))
            observations.append(Fix.obs(leaf.rawValue, "rev", Decimal(random.int(in: 0...5000)) / 10, period: .year(2023)))
            let y = Decimal(random.int(in: 1...100))
            observations.append(Fix.share(leaf.rawValue, "nr", Decimal(random.int(in: 0...Int(y.exactText)!)), y))
        }
        // Some parents report their own figure too.
        for parent in parents.sorted() where random.int(in: 0...2) == 0 {
            observations.append(Fix.obs(parent.rawValue, "rev", Decimal(random.int(in: 0...20000)) / 10))
        }
        let targets = units.map { Fix.target("t-\($0.code)", $0.code.rawValue, "rev", .atLeast(Decimal(random.int(in: 0...3000)) / 10)) }
        let set = DataSet(
            units: units, indicators: [Fix.indicator("rev", .amount, decimals: 1), Fix.indicator("nr", .share)], targets: targets,
            observations: observations)
        return (set, leaves, random)
    }

    @Test(arguments: 1...25 as ClosedRange<UInt64>)
    func anUpdateEqualsAFullEvaluation(seed: UInt64) throws {
        var (set, leaves, random) = randomSet(seed: seed)
        let asOf = Fix.day("2025-03-01")
        let evaluator = Evaluator(set)
        var evaluation = evaluator.evaluate(period: .year(2024), asOf: asOf)
        // Corrections of two leaves' figures, of both kinds.
        let leaf = leaves[random.int(in: 0...(leaves.count - 1))].rawValue
        let updates = [
            Fix.obs(leaf, "rev", Decimal(random.int(in: 0...9000)) / 10, revision: 2, reason: "corrected"),
            { var o = Fix.share(leaves[0].rawValue, "nr", 3, 4); o.revision = 2; o.reason = "recounted"; return o }(),
        ]
        for update in updates {
            evaluator.update(&evaluation, with: update)
            set.observations.append(update)
        }
        let full = Evaluator(set).evaluate(period: .year(2024), asOf: asOf)
        #expect(evaluation.results.count == full.results.count)
        for (key, result) in full.results {
            #expect(evaluation.results[key] == result, "\(key)")
            #expect(evaluation.ranks(for: key) == full.ranks(for: key), "\(key)")
        }
        for unit in set.units { #expect(evaluation.results(for: unit.code) == full.results(for: unit.code), "\(unit.code)") }
        #expect(evaluation.findings.map(\.description).sorted() == full.findings.map(\.description).sorted())
    }
}
