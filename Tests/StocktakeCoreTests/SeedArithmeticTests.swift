import Foundation
import Testing
@testable import StocktakeCore

/// The figures of the Bac Giang 2024 review (seeds/002), reproduced by the engine's own arithmetic.
@Suite struct SeedArithmeticTests {
    func d(_ text: String) -> Decimal { try! Decimal(exactly: text) }

    @Test func communesMeetingTheNewRuralStandardAre87_36Percent() {
        let share = Figure.share(numerator: 159, denominator: 182)
        #expect(share.measured.rounded(2) == d("87.36"))
        #expect(Figure.share(numerator: 7, denominator: 10).measured == 70)
    }

    @Test func budgetRevenueExceedingTheCentralEstimateBy32_2PercentGivesTheEstimateBack() throws {
        let claim = ReportedComparison(basis: .target(TargetCode(unchecked: "central")), relation: .change, percent: d("32.2"), decimals: 1)
        let derived = try #require(Assessment.base(implying: claim, actual: d("20699.5")))
        #expect(derived.estimate.rounded(1) == d("15657.7"))
        // Every base in the range prints as 32.2 % again, and the range is no wider than the rounding allows.
        for base in [derived.estimate, derived.range.lowerBound + d("0.01"), derived.range.upperBound - d("0.01")] {
            #expect(Assessment.printedPercent(actual: d("20699.5"), base: base, relation: .change, decimals: 1) == d("32.2"))
        }
        #expect(Assessment.printedPercent(actual: d("20699.5"), base: derived.range.upperBound + d("1"), relation: .change, decimals: 1) == d("32.1"))
        #expect(derived.range.lowerBound.rounded(1) == d("15651.8"))
        #expect(derived.range.upperBound.rounded(1) == d("15663.6"))
    }

    @Test func budgetRevenueExceedingTheCouncilEstimateBy28_8Percent() throws {
        let claim = ReportedComparison(basis: .target(TargetCode(unchecked: "council")), relation: .change, percent: d("28.8"), decimals: 1)
        let derived = try #require(Assessment.base(implying: claim, actual: d("20699.5")))
        #expect(derived.estimate.rounded(1) == d("16071.0"))
        #expect(Assessment.printedPercent(actual: d("20699.5"), base: derived.estimate.rounded(1), relation: .change, decimals: 1) == d("28.8"))
    }

    /// "exceeding the plan by 7.6 %" means actual ÷ plan − 1 = 0.076, not actual − plan = 7.6 % of something else.
    @Test func exceedingThePlanBy7_6PercentReading() throws {
        let claim = ReportedComparison(basis: .target(TargetCode(unchecked: "plan")), relation: .change, percent: d("7.6"), decimals: 1)
        #expect(claim.ratio == d("1.076"))
        let plan = try #require(Assessment.base(implying: claim, actual: 63510)).estimate
        #expect(plan.rounded(0) == 59024)
        let achievement = try #require(Assessment.achievement(actual: 63510, target: plan.rounded(0)))
        #expect(((achievement - 1) * 100).rounded(1) == d("7.6"))
        #expect(Assessment.status(of: 63510, against: .atLeast(plan.rounded(0))) == .exceeded)
        // DESIGN.md: 1,150 new members against a target of 1,000 is 115.00 %.
        #expect(Assessment.achievement(actual: 1150, target: 1000) == d("1.15"))
    }

    @Test func reachingOneHundredPercentOfThePlanIsMet() throws {
        let claim = ReportedComparison(basis: .target(TargetCode(unchecked: "plan")), relation: .percentOf, percent: 100, decimals: 0)
        #expect(Assessment.status(ofRatio: claim.ratio, against: .atLeast(nil)) == .met)
        #expect(try #require(Assessment.base(implying: claim, actual: 60)).estimate == 60)
    }

    @Test func perCapitaIncomeUp10_6PercentOn2023ImpliesThe2023Figure() throws {
        let claim = ReportedComparison(basis: .yearEarlier, relation: .change, percent: d("10.6"), decimals: 1)
        let derived = try #require(Assessment.base(implying: claim, actual: 4370))
        #expect(derived.estimate.rounded(2) == d("3951.18"))
    }

    @Test func growthRanksShareTiedPositions() {
        let positions = Ranking.positions(
            [(id: "BG", value: d("13.85")), (id: "A", value: d("9.1")), (id: "B", value: d("9.1")), (id: "C", value: d("7.0")), (id: "D", value: d("12"))],
            better: .higher)
        #expect(positions == ["BG": 1, "D": 2, "A": 3, "B": 3, "C": 5])
        let lower = Ranking.positions([(id: "a", value: 4), (id: "b", value: 4), (id: "c", value: 1), (id: "d", value: 9)], better: .lower)
        #expect(lower == ["c": 1, "a": 2, "b": 2, "d": 4])
    }
}
