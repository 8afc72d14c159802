import Foundation
import SQLKit
import Testing
@testable import StocktakeCore
@testable import StocktakeStore
import StocktakeTestSupport

/// Confirmed ratings are locked: a change is a new revision with a reason, and the earlier one stays.
@Suite struct RatingStoreTests {
    @Test func aConfirmedRatingIsLockedAndChangesAreRevisions() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            let rule = RatingRule.standard
            let evidence = RatingRule.Evidence(targetsMet: 4, targetsAssessed: 4, tasksOnTime: 3, tasksCounted: 3, findings: 0)
            let proposal = try #require(rule.propose([UnitCode(unchecked: "BG"): evidence]).proposals.first)
            #expect(proposal.score == 100 && proposal.earned == .excellent)
            // One unit good or better: 20 % of 1 is 0, so the quota leaves no room for excellent.
            #expect(proposal.proposed == .good && proposal.limitedByQuota)

            await #expect(throws: ReviewError.self) {
                try await store.confirmRating(proposal, period: .year(2024), grade: .excellent, rule: rule, reason: nil, by: "admin")
            }
            #expect(try await store.confirmRating(proposal, period: .year(2024), grade: .good, rule: rule, reason: nil, by: "admin") == 1)
            await #expect(throws: ReviewError.self) {
                try await store.confirmRating(proposal, period: .year(2024), grade: .good, rule: rule, reason: "  ", by: "admin")
            }
            #expect(try await store.confirmRating(proposal, period: .year(2024), grade: .excellent, rule: rule, reason: "quota raised by the Standing Committee", by: "admin") == 2)
            let stored = try await store.ratings(period: .year(2024))
            #expect(stored.map(\.revision) == [1, 2] && stored.map(\.grade) == [.good, .excellent])
            #expect(stored[0].evidence == "targets 4/4, tasks on time 3/3, findings 0")
            // The database itself refuses an override without a reason.
            await #expect(throws: (any Error).self) {
                try await store.sql.raw("""
                    INSERT INTO ratings (unit_code, period, revision, grade, proposed, score, rule_version, evidence, confirmed_by, confirmed_at)
                    VALUES ('TB', '2024', 1, 'excellent', 'good', '95', 'x', 'x', 'x', 'x')
                    """).run()
            }
        }
    }
}
