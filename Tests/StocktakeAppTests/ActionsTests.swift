import Foundation
import Testing
import StocktakeApp
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport

/// Every action of the review, called directly as each door calls it, on the suite's engine: the role, remit,
/// secretary and reason rules refuse with the same error whoever asks, a refusal writes nothing, and every
/// write leaves its audit row naming the acting account.
@Suite struct ActionsTests {
    static let period = Period.year(2024)
    static let asOf = try! CalendarDate(parsing: "2025-01-14")
    static let admin = Account(username: Username(unchecked: "admin"), role: .administrator, unit: nil, language: "en")
    /// An editor of the province: every district of Bac Giang is in the remit.
    static let province = Account(username: Username(unchecked: "bacgiang"), role: .editor, unit: UnitCode(unchecked: "BG"), language: "vi")
    /// An editor of one district: the province and the other districts are outside it.
    static let district = Account(username: Username(unchecked: "vietyen"), role: .editor, unit: UnitCode(unchecked: "BG-VY"), language: "vi")
    static let viewer = Account(username: Username(unchecked: "reader"), role: .viewer, unit: nil, language: "vi")

    /// A store with the sample, the districts, the review file, and the four accounts.
    static func withReview(_ body: (Actions) async throws -> Void) async throws {
        try await TestDatabase.withStore { store async throws in
            try await Samples.importReview(into: store)
            for account in [admin, province, district, viewer] { try await store.addAccount(account, passwordHash: "not used") }
            try await body(Actions(store: store))
        }
    }

    /// Runs `action`, expecting `expected`, and checks that nothing was written.
    static func refused(_ actions: Actions, _ expected: ActionError, _ action: () async throws -> Void) async throws {
        let before = try await actions.store.rowCounts()
        do {
            try await action()
            Issue.record("expected \(expected), and the action was done")
        } catch let error as ActionError {
            #expect(error == expected)
        }
        #expect(try await actions.store.rowCounts() == before)
    }

    static func remit(_ account: Account, _ unit: String) -> ActionError {
        .refused(.outsideRemit(account: account.username, role: account.role, unit: UnitCode(unchecked: unit)))
    }

    static func lastAudit(_ actions: Actions) async throws -> AuditEvent {
        try #require(try await actions.store.auditEvents(limit: 1).first)
    }

    @Test func aFigureIsEnteredWithinTheRemitOnlyAndLeavesItsAuditRow() async throws {
        try await Self.withReview { actions in
            let entry = FigureEntry(unit: "BG-VY", indicator: "grdp_growth", period: Self.period, value: "9.5", citation: "district report")
            try await Self.refused(actions, Self.remit(Self.district, "BG-YD")) {
                var elsewhere = entry
                elsewhere.unit = "BG-YD"
                try await actions.enterFigure(elsewhere, as: Self.district, via: .api)
            }
            try await Self.refused(actions, Self.remit(Self.viewer, "BG-VY")) { try await actions.enterFigure(entry, as: Self.viewer, via: .page) }
            try await Self.refused(actions, .unknown(.unit, code: "NOWHERE")) {
                var unknown = entry
                unknown.unit = "NOWHERE"
                try await actions.enterFigure(unknown, as: Self.admin, via: .page)
            }
            let stored = try await actions.enterFigure(entry, as: Self.district, via: .commandLine)
            #expect(stored.revision == 1 && stored.enteredBy == "vietyen")
            let audit = try await Self.lastAudit(actions)
            #expect(audit.username == "vietyen" && audit.action == .observationEntered && audit.unit?.rawValue == "BG-VY")
            #expect(audit.detail == "revision 1: 9.5 (command line)")

            try await Self.refused(actions, .unchanged("the figure is the latest revision of BG-VY grdp_growth 2024 already; nothing was stored")) {
                try await actions.enterFigure(entry, as: Self.province, via: .page)
            }
            // A correction needs a reason; a value that does not read names the field.
            var correction = entry
            correction.value = "9.7"
            await #expect(throws: ImportProblems.self) { try await actions.enterFigure(correction, as: Self.province, via: .page) }
            correction.value = "9,7 %"
            await #expect(throws: ImportProblems.self) { try await actions.enterFigure(correction, as: Self.province, via: .page) }
            correction.value = "9.7"
            correction.reason = "the statistics office's final figure"
            #expect(try await actions.enterFigure(correction, as: Self.province, via: .page).revision == 2)
            #expect(try await Self.lastAudit(actions).action == .observationCorrected)
        }
    }

    @Test func anImportIsCheckedAgainstTheAccountsRemitAndAudited() async throws {
        try await Self.withReview { actions in
            let csv = "unit,indicator,period,value,source_kind,source\nBG-VY,grdp_growth,2024,9.5,report,district report\nBG-YD,grdp_growth,2024,8.1,report,district report\n"
            let file = ImportFile.read(Data(csv.utf8), file: "/srv/uploads/districts.csv", enteredBy: "vietyen")
            let before = try await actions.store.rowCounts()
            do {
                try await actions.importFigures(file, as: Self.district, via: .commandLine)
                Issue.record("an editor imported figures outside the district")
            } catch let refused as RecordsRefused {
                #expect(refused.problems.map(\.value) == ["BG-YD"] && refused.problems[0].field == "unit")
            }
            // Definitions are an administrator's, whatever the editor's remit.
            let definitions = ImportFile.read(try Samples.data("bac-giang-districts-2024.json"), file: "districts.json", enteredBy: "bacgiang")
            await #expect(throws: RecordsRefused.self) { try await actions.importFigures(definitions, as: Self.province, via: .page) }
            let rules = ImportFile.read(try Samples.data("validation-rules.json"), file: "validation-rules.json", enteredBy: "bacgiang")
            do {
                try await actions.importFigures(rules, as: Self.province, via: .page)
                Issue.record("an editor imported validation rules")
            } catch let refused as RecordsRefused {
                #expect(refused.problems.map(\.field) == ["validation_rules", "validation_rules"] && refused.problems[0].value == "model-within-advanced")
            }
            try await Self.refused(actions, .refused(.readOnly(account: Self.viewer.username))) { try await actions.importFigures(file, as: Self.viewer, via: .page) }
            #expect(try await actions.store.rowCounts() == before)

            #expect(try await actions.importFigures(file, as: Self.province, via: .commandLine, dryRun: true).dataSet.observations.count == 2)
            #expect(try await actions.store.rowCounts() == before)
            let plan = try await actions.importFigures(file, as: Self.province, via: .commandLine)
            #expect(plan.dataSet.observations.count == 2)
            let audit = try await Self.lastAudit(actions)
            #expect(audit.username == "bacgiang" && audit.action == .imported && audit.subject == "districts.csv")
            #expect(audit.detail == "2 records (2 figures), 0 unchanged (command line)")
        }
    }

    @Test func aTaskStatusChangesWithinTheRemitWithTheDayItWasDone() async throws {
        try await Self.withReview { actions in
            try await Self.refused(actions, Self.remit(Self.district, "BG")) {
                try await actions.changeTaskStatus("BG-2024-housing", to: "in_progress", completedOn: nil, note: nil, as: Self.district, via: .page)
            }
            try await Self.refused(actions, .invalid(field: "completed_on", value: "", expected: "the day a done task was done, as YYYY-MM-DD")) {
                try await actions.changeTaskStatus("BG-2024-housing", to: "done", completedOn: nil, note: nil, as: Self.province, via: .page)
            }
            try await Self.refused(actions, .invalid(field: "status", value: "finished", expected: "not_started, in_progress, done, dropped")) {
                try await actions.changeTaskStatus("BG-2024-housing", to: "finished", completedOn: nil, note: nil, as: Self.province, via: .page)
            }
            try await Self.refused(actions, .unknown(.keyTask, code: "NO-TASK")) {
                try await actions.changeTaskStatus("NO-TASK", to: "dropped", completedOn: nil, note: nil, as: Self.admin, via: .api)
            }
            try await actions.changeTaskStatus("BG-2024-housing", to: "done", completedOn: "2024-11-30", note: "handed over", as: Self.province, via: .page)
            let audit = try await Self.lastAudit(actions)
            #expect(audit.username == "bacgiang" && audit.action == .taskStatusChanged && audit.detail.hasSuffix("→ done (2024-11-30): handed over (page)"))
        }
    }

    @Test func aRatingIsConfirmedByTheBodysRemitAndAnOverrideNeedsAReason() async throws {
        try await Self.withReview { actions in
            let round = try await actions.ratingRound(body: "BG", period: Self.period, asOf: Self.asOf)
            let proposal = try #require(round.proposals.first)
            let other = try #require(RatingRule.Grade.allCases.first { $0 != proposal.proposed })
            func confirm(_ grade: String?, _ reason: String?, as account: Account) async throws {
                try await actions.confirmRating(
                    body: "BG", unit: proposal.unit.rawValue, period: Self.period, grade: grade, reason: reason, asOf: Self.asOf, as: account, via: .api)
            }
            try await Self.refused(actions, Self.remit(Self.district, "BG")) { try await confirm(nil, nil, as: Self.district) }
            try await Self.refused(actions, .reasonRequired("\(proposal.unit): \(other.rawValue) differs from the proposed \(proposal.proposed.rawValue)")) {
                try await confirm(other.rawValue, "   ", as: Self.province)
            }
            try await Self.refused(actions, .invalid(field: "grade", value: "outstanding", expected: "excellent, good, completed or not_completed")) {
                try await confirm("outstanding", nil, as: Self.province)
            }
            try await Self.refused(actions, .unknown(.ratingProposal, code: "TB", within: "under BG in 2024")) {
                try await actions.confirmRating(body: "BG", unit: "TB", period: Self.period, grade: nil, reason: nil, asOf: Self.asOf, as: Self.admin, via: .page)
            }
            let first = try await actions.confirmRating(
                body: "BG", unit: proposal.unit.rawValue, period: Self.period, grade: nil, reason: nil, asOf: Self.asOf, as: Self.province, via: .page)
            #expect(first.revision == 1 && first.grade == proposal.proposed && first.confirmedBy == "bacgiang")
            let confirmed = try await Self.lastAudit(actions)
            #expect(confirmed.action == .ratingConfirmed && confirmed.before == nil && confirmed.after == proposal.proposed.rawValue)
            // Confirmed is locked: a change is a revision with a reason, and its audit row says the grade it replaced.
            try await Self.refused(actions, .reasonRequired("\(proposal.unit): the rating of \(proposal.unit) for 2024 is confirmed and locked; a change is a new revision")) {
                try await confirm(nil, nil, as: Self.province)
            }
            try await confirm(other.rawValue, "the Standing Committee weighed the flood", as: Self.province)
            let changed = try await Self.lastAudit(actions)
            #expect(changed.before == proposal.proposed.rawValue && changed.after == other.rawValue)
            let all = try await actions.confirmAllRatings(body: "BG", period: Self.period, asOf: Self.asOf, as: Self.admin, via: .commandLine)
            #expect(all.count == round.proposals.count - 1 && all.allSatisfy { $0.confirmedBy == "admin" && $0.revision == 1 })
        }
    }

    @Test func anAwardIsDecidedByTheRulesBodyAndARejectionNeedsAReason() async throws {
        try await Self.withReview { actions in
            // The year's ratings, confirmed: what the award rules read.
            try await actions.confirmAllRatings(body: "BG", period: Self.period, asOf: Self.asOf, as: Self.admin, via: .page)
            let round = try #require(try await actions.store.awardRounds(in: Self.period, body: UnitCode(unchecked: "BG")).first { $0.rule.code.rawValue == "BG-MERIT-5Y" })
            let candidate = try #require(round.candidates.first)
            func decide(_ decision: String, _ reason: String?, as account: Account, body: String? = "BG") async throws {
                try await actions.decideAward(
                    body: body, rule: round.rule.code.rawValue, unit: candidate.unit.rawValue, period: Self.period, decision: decision, reason: reason, as: account, via: .page)
            }
            // The command line names no body: the rule's body is the remit all the same.
            try await Self.refused(actions, Self.remit(Self.district, "BG")) { try await decide("accept", nil, as: Self.district, body: nil) }
            try await Self.refused(actions, .reasonRequired("a candidate is rejected only with a reason")) { try await decide("reject", nil, as: Self.province) }
            try await Self.refused(actions, .invalid(field: "decision", value: "maybe", expected: "accept or reject")) { try await decide("maybe", nil, as: Self.province) }
            try await Self.refused(actions, .unknown(.awardRule, code: "NO-RULE", within: "of BG")) {
                try await actions.decideAward(body: "BG", rule: "NO-RULE", unit: "BG-VY", period: Self.period, decision: "accept", reason: nil, as: Self.admin, via: .api)
            }
            let decision = try await actions.decideAward(
                body: nil, rule: round.rule.code.rawValue, unit: candidate.unit.rawValue, period: Self.period, decision: "accept", reason: nil, as: Self.province, via: .commandLine)
            #expect(decision.revision == 1 && decision.accepted && decision.decidedBy == "bacgiang")
            #expect(try await Self.lastAudit(actions).action == .awardDecided)
        }
    }

    @Test func aConclusionBecomesATaskOnceByTheHostsRemit() async throws {
        try await Self.withReview { actions in
            try await Self.refused(actions, Self.remit(Self.district, "BG")) {
                try await actions.makeTask(conference: "BG-2025-01-14-review", conclusion: 1, as: Self.district, via: .commandLine)
            }
            try await Self.refused(actions, .unknown(.conclusion, code: "BG-2025-01-14-review #9")) {
                try await actions.makeTask(conference: "BG-2025-01-14-review", conclusion: 9, as: Self.province, via: .api)
            }
            let task = try await actions.makeTask(conference: "BG-2025-01-14-review", conclusion: 1, as: Self.province, via: .page)
            #expect(task.unit.rawValue == "BG")
            let audit = try await Self.lastAudit(actions)
            #expect(audit.username == "bacgiang" && audit.action == .conclusionMadeTask && audit.subject == task.code.rawValue)
            try await Self.refused(actions, .alreadyDone("conclusion 1 of BG-2025-01-14-review is key task \(task.code) already")) {
                try await actions.makeTask(conference: "BG-2025-01-14-review", conclusion: 1, as: Self.admin, via: .page)
            }
        }
    }

    @Test func onlyTheSecretaryOpensAndClosesAVoteAndOnlyAnAdministratorNamesOne() async throws {
        try await Self.withReview { actions in
            try await Self.refused(actions, .refused(.administratorsOnly(account: Self.province.username, action: "name secretaries"))) {
                try await actions.nameSecretary("bacgiang", of: "BG", as: Self.province, via: .commandLine)
            }
            try await actions.nameSecretary("bacgiang", of: "BG", as: Self.admin, via: .commandLine)
            #expect(try await Self.lastAudit(actions).action == .secretaryNamed)
            let roll = (1...ConfidencePoll.minimumRoll).map { Username(unchecked: "member-\($0)") }
            let poll = ConfidencePoll(
                code: PollCode(unchecked: "BG-2024-vote"), title: "Confidence", unit: UnitCode(unchecked: "BG"), period: Self.period,
                officials: [.init(name: "Official", position: "Chair")], base: .cast)
            let key = BallotKey.generate()
            try await Self.refused(actions, .refused(.notSecretary(account: Self.admin.username, body: poll.unit, secretary: Self.province.username))) {
                try await actions.openPoll(poll, roll: roll, key: key, as: Self.admin, via: .page)
            }
            try await actions.openPoll(poll, roll: roll, key: key, as: Self.province, via: .page)
            #expect(try await Self.lastAudit(actions).action == .pollOpened)
            try await Self.refused(actions, .refused(.notOnRoll(account: Self.district.username, poll: "BG-2024-vote"))) {
                _ = try await actions.castBallot("BG-2024-vote", answers: [.high], key: key, as: Self.district, via: .api)
            }
            try await Self.refused(actions, .refused(.notSecretary(account: Self.district.username, body: poll.unit, secretary: Self.province.username))) {
                try await actions.closePoll("BG-2024-vote", key: key, as: Self.district, via: .api)
            }
            #expect(try await actions.closePoll("BG-2024-vote", key: key, as: Self.province, via: .commandLine).isClosed)
            #expect(try await Self.lastAudit(actions).action == .pollClosed)
        }
    }

    @Test func aReviewFileIsAnAdministratorsAndTheCommandLineActsAsAStoredAccount() async throws {
        try await Self.withReview { actions in
            let review = ReviewJSON.read(try Samples.data("bac-giang-review-2024.json"), file: "review.json")
            try await Self.refused(actions, .refused(.administratorsOnly(account: Self.province.username, action: "import review files (rules and conference records)"))) {
                try await actions.importReview(review, as: Self.province, via: .api)
            }
            #expect(try await actions.importReview(review, as: Self.admin, via: .api).unchanged == 46)
            #expect(try await actions.account(named: "vietyen") == Self.district)
            await #expect(throws: ActionError.unknown(.account, code: "stocktake")) { try await actions.account(named: "stocktake") }
        }
    }
}
