import Foundation
import StocktakeTestSupport
import Testing
@testable import StocktakeCore

/// The modified z-score at work on the slips a person makes when typing a figure: a zero too many, a decimal
/// point left out, a figure that breaks a steady trend. Each case states what the range-based rule it replaces
/// would have said, to show why the median and MAD are used.
@Suite struct OutlierTests {
    static func years(_ values: [Decimal]) -> [History.Point] {
        values.enumerated().map { (values.count - $0.offset, $0.element) }
    }

    @Test func aSlipYearsAgoDoesNotHideASlipToday() throws {
        // 1010 five years ago was a slip itself; a range from 99 to 1010 would take 1005 now as usual.
        let earlier = Self.years([100, 102, 99, 1010, 101])
        let outlier = try #require(Outlier.againstHistory(1005, earlier: earlier))
        #expect(outlier.basis == .history && outlier.expected == 100 && outlier.count == 5)
        #expect(Outlier.againstHistory(103, earlier: earlier) == nil)
    }

    @Test func aFigureThatBreaksASteadyTrendIsFlaggedEvenInsideTheEarlierRange() throws {
        let earlier = Self.years([100, 152, 198, 251, 300])
        // 200 lies inside the earlier years' range, but the trend of about 50 a year leads to 352 (give or take
        // a tenth, the least spread judged by).
        let outlier = try #require(Outlier.againstHistory(200, earlier: earlier))
        #expect(outlier.expected == 352 && outlier.low > 220 && outlier.high < 480, "\(outlier)")
        #expect(Outlier.againstHistory(348, earlier: earlier) == nil)
        #expect(Outlier.againstHistory(355, earlier: earlier) == nil)
    }

    @Test func equalYearsAllowATenthEitherWay() {
        let earlier = Self.years([50, 50, 50, 50])
        #expect(Outlier.againstHistory(52, earlier: earlier) == nil)
        #expect(Outlier.againstHistory(65, earlier: earlier) == nil)
        #expect(Outlier.againstHistory(80, earlier: earlier)?.high == Decimal(string: "67.5"))
        // Zeros leave no scale to judge by: nothing is called unusual.
        #expect(Outlier.againstHistory(3, earlier: Self.years([0, 0, 0, 0])) == nil)
        // A small count moves by a few: one step of a count is the least spread, so 3 to 6 is not unusual.
        #expect(Outlier.againstHistory(6, earlier: Self.years([3, 3, 4, 3, 3]), resolution: 1) == nil)
        #expect(Outlier.againstHistory(30, earlier: Self.years([3, 3, 4, 3, 3]), resolution: 1) != nil)
    }

    /// The national generator's series have no slips by construction (growth or a trend, and noise of a few per
    /// cent): the rule must stay all but silent on them, and find the same figures typed ten times too large.
    @Test func theGeneratorsSeriesAreQuietAndTheirSlipsAreFound() throws {
        let generator = NationalGenerator(scale: .small, seed: 11, firstYear: 2015, years: 10)
        let indicators = Dictionary(uniqueKeysWithValues: generator.definitions().indicators.map { ($0.code, $0) })
        var history = History(before: .year(2024))
        for year in 2015...2023 { for o in generator.observations(year: year) { history.add(unit: o.key.unit, indicator: o.key.indicator, period: o.key.period, value: o.figure.measured) } }
        var (checked, quiet, slipsFound) = (0, 0, 0)
        for o in generator.observations(year: 2024) where o.revision == 1 && history.earlier(unit: o.key.unit, indicator: o.key.indicator).count >= Outlier.minimumHistory {
            let resolution = Outlier.resolution(decimals: indicators[o.key.indicator]!.decimals)
            let value = o.figure.measured
            checked += 1
            if history.outlier(value, unit: o.key.unit, indicator: o.key.indicator, resolution: resolution) == nil { quiet += 1 }
            if value != 0, history.outlier(value * 10, unit: o.key.unit, indicator: o.key.indicator, resolution: resolution) != nil { slipsFound += 1 }
        }
        #expect(checked > 400)
        #expect(Double(quiet) / Double(checked) > 0.99, "\(checked - quiet) of \(checked) figures flagged")
        #expect(Double(slipsFound) / Double(checked) > 0.99, "\(slipsFound) of \(checked) slips found")
    }

    @Test func tooFewYearsOrPeersSayNothing() {
        #expect(Outlier.againstHistory(1000, earlier: Self.years([1, 2, 3])) == nil)
        #expect(Outlier.againstPeers(1000, peers: [6, 7, 8, 9]) == nil)
    }

    @Test func aRateWithoutItsDecimalPointStandsOutAmongPeers() throws {
        let peers: [Decimal] = [6.1, 7.0, 7.4, 6.8, 8.1, 7.5, 6.5, 7.2, 5.9, 7.7]
        let outlier = try #require(Outlier.againstPeers(1385, peers: peers))
        #expect(outlier.basis == .peers && outlier.count == 10)
        #expect(Outlier.againstPeers(Decimal(string: "8.4")!, peers: peers) == nil)
        #expect(Outlier.againstPeers(Decimal(string: "5.2")!, peers: peers) == nil)
    }

    @Test func theHistoryKeepsTheYearsOfItsWindowAndTheirDistance() {
        let unit = UnitCode(unchecked: "P"), indicator = IndicatorCode(unchecked: "x")
        var history = History(before: .year(2024), years: 3)
        for (year, value) in [(2020, 1), (2021, 2), (2022, 3), (2023, 4)] as [(Int, Decimal)] {
            history.add(unit: unit, indicator: indicator, period: .year(year), value: value)
        }
        #expect(history.earlier(unit: unit, indicator: indicator).map(\.yearsBefore) == [3, 2, 1])
        #expect(History().earlier(unit: unit, indicator: indicator).isEmpty)
    }

    /// Eight districts' inflation, one typed without its decimal point: a finding on that district alone, found
    /// by the update of another district's figure once there are peers enough, and gone when it is corrected; a
    /// later slip of another district is found by the incremental update as by a full evaluation. The same
    /// figures as an amount are never compared with peers.
    @Test func aRateFarFromItsPeersIsAFindingThatAnUpdateKeepsForEveryPeer() throws {
        let districts = (1...8).map { "D\($0)" }
        let typed: [Decimal] = [3.1, 3.4, 2.9, 3.6, 3.2, 3.8, 3.3, 35]
        var set = DataSet(
            units: [Fix.unit("P")] + districts.map { Fix.unit($0, level: .district, parent: "P") },
            indicators: [Fix.indicator("cpi", .rate, decimals: 1), Fix.indicator("spend", .amount, decimals: 1)],
            observations: zip(districts, typed).flatMap { [Fix.obs($0, "cpi", $1), Fix.obs($0, "spend", $1)] })
        let asOf = Fix.day("2025-03-01")
        func peerFindings(_ evaluation: Evaluation) -> [String] {
            evaluation.findings.filter { $0.code == "far_from_peers" }.map(\.subject)
        }
        let full = Evaluator(set).evaluate(period: .year(2024), asOf: asOf)
        #expect(peerFindings(full) == ["D8/cpi/2024"])
        let finding = try #require(full.findings.first { $0.code == "far_from_peers" })
        guard case .farFromPeers(let value, let low, let high, let peers) = finding.problem else { Issue.record("\(finding)"); return }
        #expect(value == 35 && peers == 7 && low < 3 && high > 3.8 && high < 35, "\(finding)")

        // Without three districts' inflation the slip has four peers, too few to judge by.
        let late = ["D5", "D6", "D7"]
        set.observations.removeAll { late.contains($0.key.unit.rawValue) && $0.key.indicator.rawValue == "cpi" }
        let evaluator = Evaluator(set)
        var evaluation = evaluator.evaluate(period: .year(2024), asOf: asOf)
        #expect(peerFindings(evaluation) == [])
        let updates = [
            Fix.obs("D5", "cpi", 3.2), Fix.obs("D8", "cpi", 3.5, revision: 2, reason: "decimal point"),
            Fix.obs("D6", "cpi", 3.8), Fix.obs("D2", "cpi", 34, revision: 2, reason: "recounted"),
        ]
        var found: [[String]] = []
        for update in updates {
            evaluator.update(&evaluation, with: update)
            set.observations.append(update)
            let full = Evaluator(set).evaluate(period: .year(2024), asOf: asOf)
            #expect(evaluation.findings.map(\.description).sorted() == full.findings.map(\.description).sorted(), "after \(update.key)")
            found.append(peerFindings(evaluation))
        }
        #expect(found == [["D8/cpi/2024"], [], [], ["D2/cpi/2024"]])
    }

    /// A group sorted once judges each of its figures exactly as the figure against the others does, ties, slips
    /// and groups too small included.
    @Test(arguments: 1...20 as ClosedRange<UInt64>)
    func aGroupSortedOnceJudgesEachFigureAsAgainstTheOthers(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let values: [Decimal] = (0..<random.int(in: 3...40)).map { _ in
            let typed = Decimal(random.int(in: 20...80)) / 10
            return random.int(in: 0...9) == 0 ? typed * 100 : random.int(in: 0...4) == 0 ? 5 : typed
        }
        let group = Outlier.PeerGroup(values)
        for (index, value) in values.enumerated() {
            var others = values
            others.remove(at: index)
            #expect(group.outlier(at: index, resolution: 0.1) == Outlier.againstPeers(value, peers: others, resolution: 0.1), "\(index) of \(values)")
        }
    }
}
