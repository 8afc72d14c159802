import Foundation
import StocktakeTestSupport
import Testing
@testable import StocktakeCore

/// Roll-up invariants over random trees: they hold for every seed, not only for hand-picked cases.
@Suite struct RollupPropertyTests {
    /// A random tree of `size` units under a root, with random whole or one-decimal figures on the leaves.
    func randomTree(seed: UInt64, size: Int) -> (units: [OrgUnit], leaves: [UnitCode], random: SeededGenerator) {
        var random = SeededGenerator(seed: seed)
        var units = [Fix.unit("R", level: .nation)]
        for index in 1..<size {
            let parent = units[random.int(in: 0...(units.count - 1))].code.rawValue
            units.append(Fix.unit("U\(index)", level: Level("l"), parent: parent))
        }
        let parents = Set(units.compactMap(\.parent))
        return (units, units.map(\.code).filter { !parents.contains($0) }, random)
    }

    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func aParentsAmountIsTheSumOfItsChildren(seed: UInt64) {
        let (units, leaves, generator) = randomTree(seed: seed, size: 30)
        var random = generator
        let observations = leaves.map { Fix.obs($0.rawValue, "rev", Decimal(random.int(in: 0...100_000)) / 10) }
        let evaluator = Evaluator(DataSet(units: units, indicators: [Fix.indicator("rev", .amount, decimals: 1)], observations: observations))
        let evaluation = evaluator.evaluate(period: .year(2024), asOf: Fix.day("2025-06-01"))
        for unit in units where evaluator.tree.children[unit.code] != nil {
            let children = evaluator.tree.children[unit.code]!
            let sum = children.reduce(Decimal(0)) { $0 + (evaluation.results[Fix.key($1.rawValue, "rev")]?.actual?.measured ?? 0) }
            #expect(evaluation.results[Fix.key(unit.code.rawValue, "rev")]?.rollup?.figure == .value(sum))
        }
        // And the root's is the sum of every leaf.
        let total = observations.reduce(Decimal(0)) { $0 + $1.figure.measured }
        #expect(evaluation.results[Fix.key("R", "rev")]?.actual == .value(total))
    }

    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func aShareRollsUpAsSumOfNumeratorsOverSumOfDenominators(seed: UInt64) {
        let (units, leaves, generator) = randomTree(seed: seed, size: 25)
        var random = generator
        var observations: [Observation] = []
        for leaf in leaves {
            let y = Decimal(random.int(in: 1...300))
            let x = Decimal(random.int(in: 0...Int(y.exactText)!))
            observations.append(Fix.share(leaf.rawValue, "nr", x, y))
        }
        let evaluation = Evaluator(DataSet(units: units, indicators: [Fix.indicator("nr", .share)], observations: observations))
            .evaluate(period: .year(2024), asOf: Fix.day("2025-06-01"))
        let x = observations.reduce(Decimal(0)) { if case .share(let n, _) = $1.figure { $0 + n } else { $0 } }
        let y = observations.reduce(Decimal(0)) { if case .share(_, let d) = $1.figure { $0 + d } else { $0 } }
        #expect(evaluation.results[Fix.key("R", "nr")]?.actual == .share(numerator: x, denominator: y))
    }

    @Test func aShareIsNotTheMeanOfPercentages() {
        let rolled = Rollup.combine([.share(numerator: 1, denominator: 2), .share(numerator: 99, denominator: 100)], kind: .share)!
        #expect(rolled == .share(numerator: 100, denominator: 102))
        #expect(rolled.measured.rounded(2) == Decimal(string: "98.04")!)
        #expect(rolled.measured.rounded(2) != Decimal(string: "74.5")!)
    }

    @Test func aRateRollsUpOnlyWithAWeight() {
        #expect(Rollup.combine([.value(10), .value(20)], kind: .rate) == nil)
        #expect(Rollup.combine([.value(10), .value(20)], kind: .rate, weights: [3, 1]) == .value(Decimal(50) / 4))
    }
}
