import Foundation
import StocktakeTestSupport
import Testing
@testable import StocktakeCore

/// Award rules over rating history, conference conclusions as next-period tasks, and the review file's checks.
@Suite struct ReviewTests {
    func d(_ text: String) -> Decimal { try! Decimal(exactly: text) }

    func ratings(_ unit: String, _ grades: [Int: RatingRule.Grade]) -> [Rating] {
        grades.map { Rating(unit: UnitCode(unchecked: unit), period: .year($0.key), grade: $0.value, score: $0.value == .excellent ? 95 : 80) }
    }

    var tree: UnitTree {
        UnitTree([
            Fix.unit("BG"),
            Fix.unit("FIVE", level: Level("district"), parent: "BG", groups: [GroupKind("cluster"): "1"]),
            Fix.unit("FOUR", level: Level("district"), parent: "BG", groups: [GroupKind("cluster"): "1"]),
            Fix.unit("GAP", level: Level("district"), parent: "BG", groups: [GroupKind("cluster"): "2"]),
            Fix.unit("CELL", level: Level("cell"), parent: "FIVE"),
            Fix.unit("ELSEWHERE", level: Level("district")),
        ])
    }

    var history: [Rating] {
        let allFive: [Int: RatingRule.Grade] = [2020: .excellent, 2021: .excellent, 2022: .excellent, 2023: .excellent, 2024: .excellent]
        return ratings("FIVE", allFive)
            + ratings("FOUR", [2020: .good, 2021: .excellent, 2022: .excellent, 2023: .excellent, 2024: .excellent])
            + ratings("GAP", [2020: .excellent, 2021: .excellent, 2022: .excellent, 2024: .excellent])  // 2023 not rated
            + ratings("CELL", allFive)  // excellent too, but not a district
            + ratings("ELSEWHERE", allFive)  // excellent too, but not below the body
    }

    func rule(_ criteria: [AwardRule.Criterion], level: String? = "district") -> AwardRule {
        AwardRule(
            code: AwardRuleCode(unchecked: "R"), title: LocalizedText(["en": "rule"]), award: LocalizedText(["en": "Certificate of merit"]),
            body: UnitCode(unchecked: "BG"), level: level.map { Level($0) }, criteria: criteria)
    }

    @Test func aFiveYearStreakIsFoundAndAFourYearOneIsNot() {
        let inputs = AwardRule.Inputs(tree: tree, ratings: history, evaluation: nil)
        let five = rule([.gradeStreak(atLeast: .excellent, years: 5)]).candidates(in: .year(2024), inputs)
        #expect(five.map(\.unit.rawValue) == ["FIVE"])
        guard case .streak(.excellent, let years)? = five.first?.qualifications.first else {
            Issue.record("no streak qualification")
            return
        }
        #expect(years.map(\.period) == (2020...2024).map { Period.year($0) })
        #expect(years.allSatisfy { $0.grade == .excellent })
        #expect(five[0].evidence == "excellent 2020 (95), excellent 2021 (95), excellent 2022 (95), excellent 2023 (95), excellent 2024 (95)")

        // Four years in a row qualify FIVE and FOUR; GAP's missing 2023 breaks its run.
        let four = rule([.gradeStreak(atLeast: .excellent, years: 4)]).candidates(in: .year(2024), inputs)
        #expect(four.map(\.unit.rawValue) == ["FIVE", "FOUR"].sorted())
        // The streak ends in the year evaluated: in 2023 nobody has five years yet.
        #expect(rule([.gradeStreak(atLeast: .excellent, years: 5)]).candidates(in: .year(2023), inputs).isEmpty)
        // "At least good" counts excellent years too; without a level, every rated unit below the body is a candidate.
        let goodTwo = rule([.gradeStreak(atLeast: .good, years: 2)], level: nil).candidates(in: .year(2024), inputs)
        #expect(goodTwo.map(\.unit.rawValue) == ["CELL", "FIVE", "FOUR"])
    }

    @Test func theBestOfEachGroupQualifiesAndTiedUnitsAllDo() {
        var scored = history
        scored.removeAll { $0.period == .year(2024) }
        scored += [
            Rating(unit: UnitCode(unchecked: "FIVE"), period: .year(2024), grade: .excellent, score: d("97.5")),
            Rating(unit: UnitCode(unchecked: "FOUR"), period: .year(2024), grade: .excellent, score: d("96")),
            Rating(unit: UnitCode(unchecked: "GAP"), period: .year(2024), grade: .good, score: d("80")),
        ]
        let flag = rule([.bestOfGroup(GroupKind("cluster"))])
        let best = flag.candidates(in: .year(2024), AwardRule.Inputs(tree: tree, ratings: scored, evaluation: nil))
        #expect(best.map(\.unit.rawValue) == ["FIVE", "GAP"])  // best of cluster 1, and alone in cluster 2
        #expect(best[0].qualifications == [.bestOfGroup(group: "1", score: d("97.5"), among: 2, tiedWith: [])])

        scored.removeAll { $0.unit.rawValue == "FOUR" && $0.period == .year(2024) }
        scored.append(Rating(unit: UnitCode(unchecked: "FOUR"), period: .year(2024), grade: .excellent, score: d("97.5")))
        let tied = flag.candidates(in: .year(2024), AwardRule.Inputs(tree: tree, ratings: scored, evaluation: nil))
        #expect(tied.map(\.unit.rawValue) == ["FIVE", "FOUR", "GAP"].sorted())
        #expect(tied.first { $0.unit.rawValue == "FOUR" }?.qualifications == [.bestOfGroup(group: "1", score: d("97.5"), among: 2, tiedWith: [UnitCode(unchecked: "FIVE")])])
        // Every criterion must hold: best of the group and five excellent years leaves FIVE alone.
        let both = rule([.bestOfGroup(GroupKind("cluster")), .gradeStreak(atLeast: .excellent, years: 5)])
        #expect(both.candidates(in: .year(2024), AwardRule.Inputs(tree: tree, ratings: scored, evaluation: nil)).map(\.unit.rawValue) == ["FIVE"])
    }

    @Test func aRankCriterionReadsTheYearsEvaluation() {
        let units = [Fix.unit("VN", level: Level("nation")), Fix.unit("A", parent: "VN"), Fix.unit("B", parent: "VN"), Fix.unit("C", parent: "VN")]
        let data = DataSet(units: units, indicators: [Fix.indicator("growth", .rate)],
            observations: [Fix.obs("A", "growth", d("13.85")), Fix.obs("B", "growth", d("7.1")), Fix.obs("C", "growth", d("9"))])
        let evaluation = Evaluator(data).evaluate(period: .year(2024), asOf: Fix.day("2025-01-14"))
        let top2 = AwardRule(
            code: AwardRuleCode(unchecked: "TOP"), title: LocalizedText(["en": "top"]), award: LocalizedText(["en": "flag"]),
            body: UnitCode(unchecked: "VN"), level: .province, criteria: [.rank(IndicatorCode(unchecked: "growth"), among: .level, top: 2)])
        let found = top2.candidates(in: .year(2024), AwardRule.Inputs(tree: UnitTree(units), ratings: [], evaluation: evaluation))
        #expect(found.map(\.unit.rawValue) == ["A", "C"])
        #expect(found[0].evidence == "growth 13.85: rank 1 of 3 among level peers")
    }

    @Test func aConclusionBecomesAKeyTaskOfTheNextPeriod() {
        let conference = Conference(
            code: ConferenceCode(unchecked: "VN-2024-01-17"), title: LocalizedText(["en": "Review of 2023"]), date: Fix.day("2024-01-17"),
            host: UnitCode(unchecked: "VN"), period: .year(2023), chairs: [.init(name: "Chair", position: nil)],
            sites: [.init(name: LocalizedText(["en": "Central"]), unit: nil, isCentral: true, attendance: nil, attendees: [])],
            statements: [], commentsHeard: 15,
            conclusions: [.init(number: 1, text: LocalizedText(["en": "Do it"]), deadline: nil), .init(number: 2, text: LocalizedText(["en": "Do it by June"]), deadline: Fix.day("2024-06-30"))],
            source: nil)
        let first = conference.task(for: conference.conclusions[0])
        #expect(first.code.rawValue == "VN-2024-01-17-C1")
        #expect(first.unit.rawValue == "VN" && first.period == .year(2024) && first.deadline == Fix.day("2024-12-31") && first.status == .notStarted)
        #expect(conference.task(for: conference.conclusions[1]).deadline == Fix.day("2024-06-30"))
        #expect(Period.year(2024).next == .year(2025) && Period.quarter(2024, 4).next == .quarter(2025, 1) && Period.term(2020, 2025).next == .term(2025, 2030))
    }

    @Test func theRuleOfAYearIsTheLatestBegunByThen() {
        var later = RatingRule.standard
        later.version = "2025.1"
        later.quotaPercent = 30
        let rules = [DatedRatingRule(from: 2025, rule: later)]
        #expect(DatedRatingRule.rule(for: .year(2024), among: rules) == .standard)
        #expect(DatedRatingRule.rule(for: .year(2025), among: rules).version == "2025.1")
        #expect(DatedRatingRule.rule(for: .year(2030), among: rules).quotaPercent == 30)
    }

    @Test func theSampleReviewFileReadsAndWritesBackTheSame() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples/bac-giang-review-2024.json")
        let review = ReviewJSON.read(try Data(contentsOf: url), file: "bac-giang-review-2024.json")
        #expect(review.problems.isEmpty, "\(review.problems)")
        #expect(review.conferences.map(\.value.code.rawValue) == ["VN-2024-01-17-secretaries", "BG-2025-01-14-review"])
        let online = try #require(review.conferences.first?.value)
        #expect(online.date == Fix.day("2024-01-17") && online.period == .year(2023) && online.commentsHeard == 15)
        #expect(online.chairs.first?.name == "Truong Thi Mai")
        #expect(online.sites.filter(\.isCentral).count == 1 && online.sites.compactMap(\.unit).map(\.rawValue) == ["TB", "NB"])
        for conference in review.conferences {
            #expect(try ReviewJSON.storedConference(ReviewJSON.text(ReviewJSON.json(conference.value))) == conference.value)
        }
        for rule in review.awardRules { #expect(try ReviewJSON.storedAwardRule(ReviewJSON.text(ReviewJSON.json(rule.value))) == rule.value) }
        for rule in review.ratingRules { #expect(try ReviewJSON.storedRatingRule(ReviewJSON.text(ReviewJSON.json(rule.value))) == rule.value) }
    }

    @Test func aBadReviewFileNamesEveryProblemWithItsPath() {
        let text = """
            {"format": "stocktake-review/1",
             "ratings": [{"unit": "BG", "period": "2024Q1", "grade": "superb", "score": "120", "rule": "r", "source": "s"}],
             "award_rules": [{"code": "A", "title": {"en": "t"}, "award": {"en": "a"}, "body": "BG", "criteria": [{"kind": "luck"}]}],
             "conferences": [{"code": "C", "title": {"en": "t"}, "date": "2024-02-30", "host": "VN", "period": "2023", "chairs": [],
                              "sites": [{"name": {"en": "a"}, "central": true}, {"name": {"en": "b"}, "central": true}]}]}
            """
        let review = ReviewJSON.read(Data(text.utf8), file: "bad.json")
        let found = Set(review.problems.map { "\($0.location) \($0.field)=\($0.value)" })
        #expect(found.contains("$.ratings[0].period period=2024Q1"))
        #expect(found.contains("$.ratings[0].grade grade=superb"))
        #expect(found.contains("$.ratings[0].score score=120"))
        #expect(found.contains("$.award_rules[0].criteria[0].kind kind=luck"))
        #expect(found.contains("$.conferences[0].date date=2024-02-30"))
        #expect(found.contains("$.conferences[0].chairs chairs=(none)"))
        #expect(found.contains("$.conferences[0].sites sites=2 central sites"))
        #expect(review.recordCount == 0)
        #expect(review.problems.allSatisfy { $0.file == "bad.json" && !$0.expected.isEmpty })
    }
}
