import Foundation
import StocktakeTestSupport
import Testing
@testable import StocktakeCore

@Suite struct EvaluatorTests {
    let asOf = Fix.day("2025-01-14")

    func evaluate(_ snapshot: DataSet, period: Period = .year(2024), asOf: CalendarDate? = nil) -> Evaluation {
        Evaluator(snapshot).evaluate(period: period, asOf: asOf ?? self.asOf)
    }

    @Test func statusesOfEveryBound() {
        let units = [Fix.unit("P")]
        let indicators = [Fix.indicator("x", .amount), Fix.indicator("r", .rate)]
        let targets = [
            Fix.target("least", "P", "x", .atLeast(100)), Fix.target("most", "P", "x", .atMost(100)),
            Fix.target("exact", "P", "x", .exactly(120)), Fix.target("band", "P", "x", .between(80, 110)),
            Fix.target("rate", "P", "r", .atLeast(Decimal(string: "7.5")!)),
        ]
        let e = evaluate(DataSet(units: units, indicators: indicators, targets: targets, observations: [Fix.obs("P", "x", 120), Fix.obs("P", "r", 7)]))
        let x = e.results[Fix.key("P", "x")]!.targets
        #expect(x.map(\.status) == [.notMet, .met, .exceeded, .notMet])  // band, exact, least, most
        #expect(x.first { $0.target.code.rawValue == "least" }?.achievement == Decimal(string: "1.2"))
        #expect(x.first { $0.target.code.rawValue == "band" }?.gapPoints == 10)
        let rate = e.results[Fix.key("P", "r")]!.targets[0]
        #expect(rate.status == .notMet)
        #expect(rate.gapPoints == Decimal(string: "-0.5"))
        #expect(rate.achievement == nil)
    }

    @Test("a ceiling says how far over or under it the figure is, never an achievement above 100 % to be read as success")
    func aCeilingIsSaidInWords() {
        let snapshot = DataSet(
            units: [Fix.unit("P")], indicators: [Fix.indicator("x", .amount), Fix.indicator("r", .rate)],
            targets: [Fix.target("over", "P", "x", .atMost(Decimal(string: "463.3")!)), Fix.target("under", "P", "r", .atMost(10)),
                      Fix.target("at", "P", "r", .atMost(8)), Fix.target("floor", "P", "x", .atLeast(Decimal(string: "463.3")!))],
            observations: [Fix.obs("P", "x", Decimal(string: "617.6")!), Fix.obs("P", "r", 8)])
        let e = evaluate(snapshot)
        let x = e.results[Fix.key("P", "x")]!.targets, r = e.results[Fix.key("P", "r")]!.targets
        let over = x.first { $0.target.code.rawValue == "over" }!, floor = x.first { $0.target.code.rawValue == "floor" }!
        let under = r.first { $0.target.code.rawValue == "under" }!, at = r.first { $0.target.code.rawValue == "at" }!
        // 617.6 against a ceiling of 463.3 is 33.30 % over it: not met, and not "133.30 %".
        #expect(over.status == .notMet && FigureFormatter.english.achievement(over) == "33.30% over the ceiling")
        #expect(FigureFormatter(language: "vi").achievement(over) == "cao hơn mức trần 33,30%")
        #expect(FigureFormatter.english.achievement(floor) == "133.30%")
        // A rate 2 points under its ceiling of 10 is better than the bound; at the ceiling it is met.
        #expect(under.status == .exceeded && FigureFormatter.english.achievement(under) == "2.00 pp under the ceiling")
        #expect(at.status == .met && FigureFormatter.english.achievement(at) == "at the ceiling")
    }

    @Test func anOpenPeriodIsNotYetDueAndAMissingFigureIsNoData() {
        let snapshot = DataSet(
            units: [Fix.unit("P")], indicators: [Fix.indicator("x", .count)],
            targets: [Fix.target("t", "P", "x", .atLeast(10)), Fix.target("t2", "P", "x", .atLeast(10), period: .year(2025))],
            observations: [Fix.obs("P", "x", 4, period: .year(2025))])
        #expect(evaluate(snapshot, period: .year(2025), asOf: Fix.day("2025-06-30")).results[Fix.key("P", "x", .year(2025))]!.targets[0].status == .notYetDue)
        #expect(evaluate(snapshot, period: .year(2025), asOf: Fix.day("2026-01-01")).results[Fix.key("P", "x", .year(2025))]!.targets[0].status == .notMet)
        #expect(evaluate(snapshot).results[Fix.key("P", "x")]!.targets[0].status == .noData)
    }

    @Test func targetsOnChangeCompareTheGrowth() {
        let snapshot = DataSet(
            units: [Fix.unit("P")], indicators: [Fix.indicator("x", .amount), Fix.indicator("s", .share)],
            targets: [Fix.target("grow7", "P", "x", .atLeast(7), basis: .changeOnYearEarlier), Fix.target("s", "P", "s", .atLeast(2), basis: .changeOnYearEarlier)],
            observations: [Fix.obs("P", "x", 100, period: .year(2023)), Fix.obs("P", "x", 108), Fix.share("P", "s", 40, 100, period: .year(2023)), Fix.share("P", "s", 41, 100)])
        let e = evaluate(snapshot)
        let x = e.results[Fix.key("P", "x")]!
        #expect(x.change == Change(value: 8, inPoints: false, reported: false))
        #expect(x.targets[0].status == .exceeded)
        #expect(x.targets[0].gapPoints == 1)
        let s = e.results[Fix.key("P", "s")]!
        #expect(s.change == Change(value: 1, inPoints: true, reported: false))
        #expect(s.targets[0].status == .notMet)
    }

    @Test func mergedUnitsHistoryRollsIntoTheSuccessor() {
        let units = [
            Fix.unit("BG"), Fix.unit("CITY", level: .district, parent: "BG"),
            Fix.unit("YD", level: .district, parent: "BG", mergedInto: ("CITY", "2025-01-01")),
        ]
        let snapshot = DataSet(
            units: units, indicators: [Fix.indicator("members", .count)],
            observations: [Fix.obs("CITY", "members", 300, period: .year(2024)), Fix.obs("YD", "members", 100, period: .year(2024)), Fix.obs("CITY", "members", 440, period: .year(2025))])
        let e = evaluate(snapshot, period: .year(2025), asOf: Fix.day("2026-01-10"))
        let city = e.results[Fix.key("CITY", "members", .year(2025))]!
        #expect(city.previous?.figure == .value(400))
        #expect(city.change?.value == 10)
        // The merged district no longer reports, so it is not missing from the province's roll-up.
        #expect(e.results[Fix.key("BG", "members", .year(2025))]!.rollup == Rollup(figure: .value(440), reporting: 1, expected: 1, includesSynthetic: false))
        #expect(e.findings.isEmpty)
    }

    @Test func rollupMismatchAndMissingReportsAreFindings() {
        let units = [Fix.unit("P"), Fix.unit("A", level: .district, parent: "P"), Fix.unit("B", level: .district, parent: "P"), Fix.unit("C", level: .district, parent: "P")]
        let indicators = [Fix.indicator("rev", .amount, decimals: 1), Fix.indicator("n", .count)]
        let obs = [
            Fix.obs("P", "rev", Decimal(string: "30.1")!), Fix.obs("A", "rev", 10), Fix.obs("B", "rev", 10), Fix.obs("C", "rev", Decimal(string: "10.05")!),
            Fix.obs("P", "n", 30), Fix.obs("A", "n", 10), Fix.obs("B", "n", 10),
        ]
        let e = evaluate(DataSet(units: units, indicators: indicators, observations: obs))
        // 30.1 against 30.05 is within the rounding of three children at one decimal; 30 against 20 is not.
        #expect(!e.findings.contains { $0.indicator?.rawValue == "rev" })
        let n = e.findings.filter { $0.indicator?.rawValue == "n" }
        #expect(n.map(\.code) == ["missing_reports"])
        #expect(n.first?.problem == .missingReports(missing: [UnitCode(unchecked: "C")], expected: 3))

        let complete = evaluate(DataSet(units: units, indicators: indicators, observations: obs + [Fix.obs("C", "n", 9)]))
        #expect(complete.findings.map(\.code) == ["rollup_mismatch"])
        #expect(complete.results[Fix.key("P", "n")]!.actual == .value(30))  // the own figure counts; the mismatch is reported
    }

    @Test func aValueFarOutsideTheUnitsHistoryIsAFinding() {
        var obs = (2019...2023).map { Fix.obs("P", "x", Decimal(100 + $0 - 2019), period: .year($0)) }
        obs.append(Fix.obs("P", "x", 1040))
        let e = evaluate(DataSet(units: [Fix.unit("P")], indicators: [Fix.indicator("x", .amount)], observations: obs))
        #expect(e.findings.map(\.code) == ["outside_history"])
        obs[obs.count - 1] = Fix.obs("P", "x", 106)
        #expect(evaluate(DataSet(units: [Fix.unit("P")], indicators: [Fix.indicator("x", .amount)], observations: obs)).findings.isEmpty)
    }

    @Test func statedRanksAndComparisonsAreCheckedAgainstStoredFigures() {
        let claims = Observation.Claims(
            comparisons: [ReportedComparison(basis: .yearEarlier, relation: .change, percent: Decimal(string: "14.5")!, decimals: 1)],
            ranks: [ReportedRank(peers: .level, position: 1)])
        let snapshot = DataSet(
            units: [Fix.unit("A"), Fix.unit("B")], indicators: [Fix.indicator("x", .amount)],
            observations: [Fix.obs("A", "x", 60, claims: claims), Fix.obs("A", "x", 50, period: .year(2023)), Fix.obs("B", "x", 70)])
        let codes = evaluate(snapshot).findings.map(\.code)
        #expect(codes == ["comparison_mismatch", "rank_mismatch"])  // 60 on 50 is +20.0 %, and B ranks above A
    }

    @Test func theLatestRevisionCounts() {
        let snapshot = DataSet(
            units: [Fix.unit("P")], indicators: [Fix.indicator("x", .amount)],
            observations: [Fix.obs("P", "x", 10), Fix.obs("P", "x", 12, revision: 2, reason: "corrected report")])
        let result = evaluate(snapshot).results[Fix.key("P", "x")]!
        #expect(result.actual == .value(12))
        #expect(result.own?.revision == 2)
    }

    @Test func tasksCountOnTimeAndLateApart() {
        func task(_ code: String, _ status: KeyTask.Status, deadline: String = "2024-06-30") -> KeyTask {
            KeyTask(code: TaskCode(unchecked: code), unit: UnitCode(unchecked: "P"), document: nil, title: LocalizedText(["en": code]), period: .year(2024), deadline: Fix.day(deadline), status: status)
        }
        let tasks = [
            task("a", .done(.init(day: Fix.day("2024-06-01"), deadline: Fix.day("2024-06-30")))),
            task("b", .done(.init(day: Fix.day("2024-07-15"), deadline: Fix.day("2024-06-30")))),
            task("c", .done(.init(undatedOnTime: true))), task("d", .inProgress), task("e", .dropped), task("f", .notStarted, deadline: "2025-12-31"),
        ]
        let e = evaluate(DataSet(units: [Fix.unit("P")], tasks: tasks))
        let summary = e.tasks[UnitCode(unchecked: "P")]!
        #expect((summary.done, summary.doneOnTime, summary.doneLate, summary.counted, summary.overdue, summary.dropped) == (3, 2, 1, 5, 1, 1))
        #expect(e.findings.map(\.code) == ["overdue_task"])
    }

    @Test func ranksAmongPeersOfEachScope() {
        let units = [
            Fix.unit("N", level: .nation), Fix.unit("A", parent: "N", groups: [.region: "north"]), Fix.unit("B", parent: "N", groups: [.region: "north"]),
            Fix.unit("C", parent: "N", groups: [.region: "south"]), Fix.unit("D", parent: "N", groups: [.region: "south"]),
        ]
        let obs = [Fix.obs("A", "g", 5), Fix.obs("B", "g", 9), Fix.obs("C", "g", 9), Fix.obs("D", "g", 1, synthetic: true)]
        let e = evaluate(DataSet(units: units, indicators: [Fix.indicator("g", .rate)], observations: obs))
        let a = e.ranks(for: Fix.key("A", "g"))
        #expect(a[.level] == Rank(position: 3, of: 4, syntheticPeers: 1))
        #expect(a[.group(.region)] == Rank(position: 2, of: 2, syntheticPeers: 0))
        #expect(e.ranks(for: Fix.key("C", "g"))[.level]?.position == 1)
        #expect(e.ranks(for: Fix.key("B", "g"))[.level]?.position == 1)
    }
}
