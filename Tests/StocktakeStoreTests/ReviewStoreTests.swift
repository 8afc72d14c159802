import Foundation
import SQLKit
import Testing
@testable import StocktakeCore
@testable import StocktakeStore
import StocktakeTestSupport

/// Review files import all or nothing; award decisions are revisions; a conclusion becomes a next-year key task
/// once; the rule of a year comes from the store.
@Suite struct ReviewStoreTests {
    static let samples = Samples.directory

    static func read(_ name: String) throws -> Data { try Data(contentsOf: samples.appendingPathComponent(name)) }

    /// The sample, the districts and the review file, as the demo imports them.
    static func imported(_ store: Store) async throws {
        var data = ImportFile.read(try read("bac-giang-2024.json"), file: "bac-giang-2024.json", enteredBy: "tester")
        data.append(ImportFile.read(try read("bac-giang-districts-2024.json"), file: "bac-giang-districts-2024.json", enteredBy: "tester"))
        try await store.importChecked(data)
        let plan = try await store.importReview(ReviewJSON.read(try read("bac-giang-review-2024.json"), file: "review.json"), by: "tester")
        #expect(plan.ratingRules.count == 1 && plan.ratings.count == 40 && plan.awardRules.count == 3 && plan.conferences.count == 2)
    }

    @Test func aReviewFileImportsAllOrNothingAndTwiceChangesNothing() async throws {
        try await TestDatabase.withStore { store async throws in
            try await Self.imported(store)
            let again = try await store.importReview(ReviewJSON.read(try Self.read("bac-giang-review-2024.json"), file: "review.json"), by: "tester")
            #expect(again.recordCount == 0 && again.unchanged == 46)
            #expect(try await store.conferences().map(\.code.rawValue) == ["VN-2024-01-17-secretaries", "BG-2025-01-14-review"])

            // One good award rule beside a conference hosted by an unknown unit and a changed 2023 rating: nothing lands.
            let before = try await store.rowCounts()
            let bad = """
                {"format": "stocktake-review/1",
                 "award_rules": [{"code": "NEW-RULE", "title": {"en": "t"}, "award": {"en": "a"}, "body": "BG", "criteria": [{"kind": "grade_streak", "at_least": "good", "years": 3}]}],
                 "ratings": [{"unit": "BG-CITY", "period": "2023", "grade": "good", "score": "80", "rule": "r", "source": "s"}],
                 "conferences": [{"code": "X-CONF", "title": {"en": "t"}, "date": "2024-01-17", "host": "NOWHERE", "period": "2023",
                                  "chairs": [{"name": "Someone"}], "sites": [{"name": {"en": "hall"}, "central": true}]}]}
                """
            do {
                try await store.importReview(ReviewJSON.read(Data(bad.utf8), file: "bad.json"), by: "tester")
                Issue.record("a bad review file was imported")
            } catch let problems as ImportProblems {
                let found = problems.problems.map { "\($0.location) \($0.field)=\($0.value)" }
                #expect(found.contains("$.conferences[0] host=NOWHERE"))
                #expect(found.contains("$.ratings[0] grade=good"))
                #expect(problems.problems.count == 2)
            }
            #expect(try await store.rowCounts() == before)
        }
    }

    @Test func theYearsRuleComesFromTheStore() async throws {
        try await TestDatabase.withStore { store async throws in
            try await Self.imported(store)
            #expect(try await store.ratingRule(for: .year(2024)).version == "BG-2024")
            #expect(try await store.ratingRule(for: .year(2024)).quotaBase == .all)
            #expect(try await store.ratingRule(for: .year(2023)) == .standard)
        }
    }

    @Test func awardDecisionsAreRevisionsAndARejectionNeedsAReason() async throws {
        try await TestDatabase.withStore { store async throws in
            try await Self.imported(store)
            let rule = try await store.ratingRule(for: .year(2024))
            let rated = try await store.ratedReviews(of: UnitCode(unchecked: "BG"), period: .year(2024), asOf: try CalendarDate(parsing: "2025-01-14"))
            for proposal in rule.round(of: rated).proposals {
                try await store.confirmRating(proposal, period: .year(2024), grade: proposal.proposed, rule: rule, reason: nil, by: "tester")
            }
            let rounds = try await store.awardRounds(in: .year(2024))
            let five = try #require(rounds.first { $0.rule.code.rawValue == "BG-MERIT-5Y" })
            // Bac Giang city: excellent 2020–2024. Viet Yen town: excellent 2021–2024 only, not a candidate.
            #expect(five.candidates.map(\.unit.rawValue) == ["BG-CITY"])
            #expect(rounds.first { $0.rule.code.rawValue == "BG-MERIT-2024" }?.candidates.map(\.unit.rawValue) == ["BG-CITY", "BG-HH", "BG-VY"])
            let candidate = five.candidates[0]

            await #expect(throws: ReviewError.self) { try await store.decideAward(candidate, accepted: false, reason: nil, by: "tester") }
            #expect(try await store.decideAward(candidate, accepted: true, reason: nil, by: "tester") == 1)
            await #expect(throws: ReviewError.self) { try await store.decideAward(candidate, accepted: true, reason: nil, by: "tester") }
            #expect(try await store.decideAward(candidate, accepted: false, reason: "a disciplinary case came to light", by: "tester") == 2)
            let decisions = try await store.awardDecisions(period: .year(2024))
            #expect(decisions.map(\.revision) == [1, 2] && decisions.map(\.accepted) == [true, false])
            #expect(decisions[0].evidence.hasPrefix("excellent 2020 (95.5), excellent 2021 (96)"))
            #expect(try await store.acceptedAwards(in: .year(2024)).isEmpty)
            #expect(try await store.auditEvents(limit: 50).filter { $0.action == .awardDecided }.count == 2)
        }
    }

    /// A body's rating round and its award candidates, read from the store for the body alone, equal those a
    /// whole evaluation of the year gives, also for award rules that rank units by the database's counts (of a
    /// level, among the units of one parent or of one cluster, with and without a level named).
    @Test func roundsReadForOneBodyEqualThoseOfTheWholeEvaluation() async throws {
        try await TestDatabase.withStore { store async throws in
            try await Self.imported(store)
            let ranked = """
                {"format": "stocktake-review/1", "award_rules": [
                 {"code": "BG-TOP-BUDGET", "title": {"en": "t"}, "award": {"en": "a"}, "body": "BG", "level": "district",
                  "criteria": [{"kind": "rank", "indicator": "district_budget_revenue", "among": "group:cluster", "top": 2}]},
                 {"code": "BG-TOP-PARENT", "title": {"en": "t"}, "award": {"en": "a"}, "body": "BG", "level": "district",
                  "criteria": [{"kind": "rank", "indicator": "district_budget_revenue", "among": "parent", "top": 3}]},
                 {"code": "BG-TOP-MEMBERS", "title": {"en": "t"}, "award": {"en": "a"}, "body": "BG",
                  "criteria": [{"kind": "rank", "indicator": "district_new_members", "among": "level", "top": 2},
                               {"kind": "grade_streak", "at_least": "completed", "years": 1}]},
                 {"code": "VN-TOP", "title": {"en": "t"}, "award": {"en": "a"}, "body": "VN",
                  "criteria": [{"kind": "rank", "indicator": "district_budget_revenue", "among": "level", "top": 1}]}]}
                """
            try await store.importReview(ReviewJSON.read(Data(ranked.utf8), file: "ranked.json"), by: "tester")
            let period = Period.year(2024)
            let asOf = try CalendarDate(parsing: "2025-01-14")
            let evaluator = try await store.evaluator(for: period)
            let evaluation = evaluator.evaluate(period: period, asOf: asOf)
            let rule = try await store.ratingRule(for: period)
            for body in ["VN", "BG", "BG-CITY"].map({ UnitCode(unchecked: $0) }) {
                let read = rule.round(of: try await store.ratedReviews(of: body, period: period, asOf: asOf))
                let whole = rule.round(of: body, tree: evaluator.tree, evaluation: evaluation)
                #expect(read.proposals == whole.proposals && read.quota == whole.quota && read.unrated == whole.unrated, "\(body)")
            }
            #expect(!rule.round(of: try await store.ratedReviews(of: UnitCode(unchecked: "BG"), period: period, asOf: asOf)).proposals.isEmpty)
            for proposal in rule.round(of: try await store.ratedReviews(of: UnitCode(unchecked: "BG"), period: period, asOf: asOf)).proposals {
                try await store.confirmRating(proposal, period: period, grade: proposal.proposed, rule: rule, reason: nil, by: "tester")
            }

            let inputs = AwardRule.Inputs(tree: evaluator.tree, ratings: try await store.latestRatings(), evaluation: evaluation)
            let rounds = try await store.awardRounds(in: period)
            #expect(rounds.count == 7)
            for round in rounds {
                #expect(round.candidates == round.rule.candidates(in: period, inputs), "\(round.rule.code)")
            }
            let byRule = Dictionary(uniqueKeysWithValues: rounds.map { ($0.rule.code.rawValue, $0.candidates) })
            // The first two of each of the two clusters.
            #expect(byRule["BG-TOP-BUDGET"]?.count == 4)
            #expect(byRule["BG-TOP-PARENT"]?.count == 3)
            #expect(byRule["BG-TOP-MEMBERS"]?.isEmpty == false)
            // The first of each level below the nation that has the figure: the province and one district.
            #expect(byRule["VN-TOP"]?.count == 2)
            let province = try await store.awardRounds(in: period, body: UnitCode(unchecked: "BG"))
            #expect(province.map(\.rule.code) == rounds.filter { $0.rule.body.rawValue == "BG" }.map(\.rule.code))
            #expect(province.map(\.candidates) == rounds.filter { $0.rule.body.rawValue == "BG" }.map(\.candidates))
        }
    }

    @Test func aConclusionBecomesANextYearKeyTaskOnce() async throws {
        try await TestDatabase.withStore { store async throws in
            try await Self.imported(store)
            let code = ConferenceCode(unchecked: "VN-2024-01-17-secretaries")
            let task = try await store.makeTask(from: code, conclusion: 2, by: "admin")
            #expect(task.code.rawValue == "VN-2024-01-17-secretaries-C2" && task.unit.rawValue == "VN" && task.period == .year(2024))
            #expect(task.title["en"].hasPrefix("Review and evaluate the implementation of goals and targets"))
            let stored = try await store.tasks(periods: [.year(2024)]).first { $0.code == task.code }
            #expect(stored == task)
            #expect(try await store.conclusionTasks(of: code) == [2: task.code])
            await #expect(throws: ReviewError.self) { try await store.makeTask(from: code, conclusion: 2, by: "admin") }
            await #expect(throws: StoreError.self) { try await store.makeTask(from: code, conclusion: 9, by: "admin") }
            #expect(try await store.auditEvents(limit: 50).contains { $0.action == .conclusionMadeTask && $0.subject == task.code.rawValue })
        }
    }

    @Test func onlyAStoredAccountIsNamedSecretary() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            await #expect(throws: StoreError.self) { try await store.nameSecretary(Username(unchecked: "nobody"), of: UnitCode(unchecked: "BG"), by: "tester") }
            #expect(try await store.secretary(of: UnitCode(unchecked: "BG")) == nil)
        }
    }

    @Test func anAuditDayHoldsItsFirstAndLastMillisecond() async throws {
        try await TestDatabase.withStore { store async throws in
            let moments = ["2025-01-13T23:59:59.999Z", "2025-01-14T00:00:00.000Z", "2025-01-14T23:59:59.999Z", "2025-01-15T00:00:00.000Z"]
            let events = try moments.map {
                AuditEvent(at: try Date($0, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)),
                           username: "tester", action: .deadlineSet, unit: nil, subject: $0, detail: "")
            }
            try await store.transaction { tx in try await tx.record(events) }
            let day = try CalendarDate(year: 2025, month: 1, day: 14)
            let held = try await store.auditEvents(AuditEvent.Filter(from: day, through: day))
            #expect(held.map(\.subject) == [moments[2], moments[1]])
        }
    }
}
