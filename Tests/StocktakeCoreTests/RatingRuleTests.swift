import Foundation
import Testing
@testable import StocktakeCore

/// The default rating rule: grades at their boundaries, the score's parts, and the quota on excellent.
@Suite struct RatingRuleTests {
    let rule = RatingRule.standard

    func d(_ text: String) -> Decimal { try! Decimal(exactly: text) }

    @Test func gradesChangeExactlyAtTheThresholds() {
        #expect(rule.grade(score: d("89.99"), allTasksOnTime: true) == .good)
        #expect(rule.grade(score: d("90"), allTasksOnTime: true) == .excellent)
        #expect(rule.grade(score: d("90"), allTasksOnTime: false) == .good)  // excellent also needs every task on time
        #expect(rule.grade(score: d("69.99"), allTasksOnTime: true) == .completed)
        #expect(rule.grade(score: d("70"), allTasksOnTime: true) == .good)
        #expect(rule.grade(score: d("49.99"), allTasksOnTime: true) == .notCompleted)
        #expect(rule.grade(score: d("50"), allTasksOnTime: true) == .completed)
    }

    @Test func theScoreAddsItsPartsExactly() {
        // Five of five targets (60), two of three tasks on time (20), no finding (10): exactly 90.
        let ninety = RatingRule.Evidence(targetsMet: 5, targetsAssessed: 5, tasksOnTime: 2, tasksCounted: 3, findings: 0)
        #expect(rule.score(ninety) == 90)
        // Seven of eight targets (52.5), all three tasks (30), one finding (8): 90.5.
        #expect(rule.score(.init(targetsMet: 7, targetsAssessed: 8, tasksOnTime: 3, tasksCounted: 3, findings: 1)) == d("90.5"))
        // No target assessed: the score scales to tasks and findings (40 possible): 30 + 10 of 40 = 100.
        #expect(rule.score(.init(targetsMet: 0, targetsAssessed: 0, tasksOnTime: 3, tasksCounted: 3, findings: 0)) == 100)
        // Six findings cost the whole 10, never more.
        #expect(rule.score(.init(targetsMet: 1, targetsAssessed: 1, tasksOnTime: 1, tasksCounted: 1, findings: 6)) == 90)
    }

    static func evidence(score: Int) -> RatingRule.Evidence {
        // Targets carry the difference: every task on time (30) and no finding (10), then targets met of 60.
        .init(targetsMet: score - 40, targetsAssessed: 60, tasksOnTime: 1, tasksCounted: 1, findings: 0)
    }

    @Test func theQuotaIsAShareOfGoodOrBetterRoundedDownAndTiesAreNotBrokenArbitrarily() {
        // Ten units good or better: 20 % is 2. Scores 100, 95, 95 earn excellent; the two 95s straddle the limit.
        var units: [UnitCode: RatingRule.Evidence] = [:]
        for (i, score) in [100, 95, 95, 80, 80, 80, 75, 75, 72, 71].enumerated() { units[UnitCode(unchecked: "U\(i)")] = Self.evidence(score: score) }
        let tied = rule.propose(units)
        #expect(tied.quota == 2)
        #expect(tied.proposals.filter { $0.proposed == .excellent }.map(\.unit.rawValue) == ["U0"])
        #expect(tied.proposals.filter(\.limitedByQuota).map(\.unit.rawValue).sorted() == ["U1", "U2"])

        // Without the tie the two best are excellent and the third is limited to good.
        units[UnitCode(unchecked: "U1")] = Self.evidence(score: 97)
        let untied = rule.propose(units)
        #expect(untied.proposals.filter { $0.proposed == .excellent }.map(\.unit.rawValue) == ["U0", "U1"])
        #expect(untied.proposals.first { $0.unit.rawValue == "U2" }?.proposed == .good)

        // Nine good or better: 20 % of 9 is 1.8, so one.
        units[UnitCode(unchecked: "U9")] = Self.evidence(score: 60)
        #expect(rule.propose(units).quota == 1)
        // A unit with nothing to be rated on gets no proposal.
        units[UnitCode(unchecked: "EMPTY")] = .init(targetsMet: 0, targetsAssessed: 0, tasksOnTime: 0, tasksCounted: 0, findings: 0)
        #expect(!rule.propose(units).proposals.contains { $0.unit.rawValue == "EMPTY" })
        // Four good or better: no excellent at all.
        #expect(rule.quota(of: [.excellent, .good, .good, .good, .completed]) == 0)
    }
}
