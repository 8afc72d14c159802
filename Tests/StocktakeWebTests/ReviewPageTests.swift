import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// Commendations and conferences through the pages and the API, with the pages' rules.
@Suite struct ReviewPageTests {
    /// The districts and the review file, as the demo imports them, and Bac Giang's 2024 round confirmed.
    static func prepare(_ store: Store) async throws {
        let samples = URL(fileURLWithPath: WebHarness.samples)
        try await store.importChecked(ImportFile.read(try Data(contentsOf: samples.appendingPathComponent("bac-giang-districts-2024.json")), file: "districts.json", enteredBy: "tester"))
        try await store.importReview(ReviewJSON.read(try Data(contentsOf: samples.appendingPathComponent("bac-giang-review-2024.json")), file: "review.json"), by: "tester")
        let rule = try await store.ratingRule(for: .year(2024))
        let rated = try await store.ratedReviews(of: UnitCode(unchecked: "BG"), period: .year(2024), asOf: try CalendarDate(parsing: "2025-01-14"))
        for proposal in rule.round(of: rated).proposals {
            try await store.confirmRating(proposal, period: .year(2024), grade: proposal.proposed, rule: rule, reason: nil, by: "tester")
        }
    }

    @Test func awardCandidatesShowWhatQualifiesThemAndAreDecidedWithinTheRemit() async throws {
        try await WebHarness.run { client, store async throws in
            try await Self.prepare(store)
            let editor = Browser(client)
            _ = try await editor.signIn("secretary")
            let page = try await editor.get("/awards?unit=BG&period=2024")
            #expect(page.status == .ok)
            #expect(page.body.contains("Certificate of merit of the Provincial Party Committee"))
            #expect(page.body.contains("excellent 5 years in a row: 2020 (95.50), 2021 (96.00), 2022 (94.00), 2023 (97.50), 2024 (100.00)"))
            #expect(page.body.contains("tied with Hiep Hoa district") && page.body.contains("tied with Viet Yen town"))
            // Rejecting asks once more: the first click opens the warning with the button that rejects.
            #expect(page.body.contains("<details class=\"danger\"><summary>Reject</summary><p>Reject this proposal?")
                && page.body.contains("value=\"reject\" class=\"danger\">Reject</button></details>"))
            let fields = ["body": "BG", "rule": "BG-MERIT-5Y", "unit": "BG-CITY", "period": "2024"]
            let refused = try await editor.post("/awards", fields.merging(["decision": "reject"]) { a, _ in a })
            #expect(refused.status == .unprocessableContent)
            // The page comes back with why beside that candidate's form, its reason field marked and focused.
            #expect(refused.body.contains("aria-invalid=\"true\" aria-describedby=\"refused-BG-MERIT-5Y-BG-CITY\" autofocus>"))
            #expect(refused.body.contains("<span class=\"problem\" id=\"refused-BG-MERIT-5Y-BG-CITY\" role=\"alert\">"))
            #expect(refused.body.components(separatedBy: "class=\"problem\"").count - 1 == 1)
            try await editor.get("/awards?unit=BG&period=2024")
            #expect(try await editor.post("/awards", fields.merging(["decision": "accept"]) { a, _ in a }).status == .seeOther)
            #expect(try await store.acceptedAwards(in: .year(2024)).map(\.decision.unit.rawValue) == ["BG-CITY"])
            // A candidate the rule does not propose cannot be awarded.
            try await editor.get("/awards?unit=BG&period=2024")
            #expect(try await editor.post("/awards", ["body": "BG", "rule": "BG-MERIT-5Y", "unit": "BG-VY", "period": "2024", "decision": "accept"]).status == .notFound)

            // An editor of Yen Dung district sees the proposals but no form, and may not decide.
            let district = Browser(client)
            _ = try await district.signIn("yendung")
            let view = try await district.get("/awards?unit=BG&period=2024")
            #expect(view.status == .ok && !view.body.contains("action=\"/awards\""))
            #expect(try await district.post("/awards", fields.merging(["decision": "accept"]) { a, _ in a }).status == .forbidden)
        }
    }

    @Test func theConferencePageGathersTheYearAndAConclusionBecomesATask() async throws {
        try await WebHarness.run { client, store async throws in
            try await Self.prepare(store)
            let rounds = try await store.awardRounds(in: .year(2024))
            for candidate in rounds.first(where: { $0.rule.code.rawValue == "BG-MERIT-2024" })!.candidates {
                try await store.decideAward(candidate, accepted: true, reason: nil, by: "tester")
            }
            let poll = ConfidencePoll(code: PollCode(unchecked: "BG-2024-test"), title: "Vote 2024", unit: UnitCode(unchecked: "BG"), period: .year(2024),
                                      officials: [.init(name: "Official A", position: "Deputy Secretary")], base: .cast)
            try await store.createPoll(poll, roll: ["bacgiang", "yendung", "city", "member-1", "member-2", "member-3"].map { Username(unchecked: $0) }, by: "secretary", key: WebHarness.ballotKey)
            for (voter, answer) in [("bacgiang", ConfidencePoll.Answer.low), ("city", .high), ("member-1", .low), ("member-2", .high), ("member-3", .confidence)] {
                _ = try await store.cast("BG-2024-test", by: voter, answers: [answer], key: WebHarness.ballotKey)
            }

            let secretary = Browser(client)
            _ = try await secretary.signIn("secretary")
            #expect(try await secretary.get("/conferences").body.contains("/conferences/VN-2024-01-17-secretaries"))
            let open = try await secretary.get("/conferences/BG-2025-01-14-review").body
            #expect(open.contains("Nguyen Van Gau — Member of the Party Central Committee, Secretary of the Provincial Party Committee"))
            #expect(open.contains("13.85%"))  // the year's evaluation, formatted for the reader
            #expect(open.contains("<td>Bac Giang city</td><td>excellent</td><td class=\"num\">100.00</td>"))
            #expect(open.contains("<strong>Certificate of merit of the Provincial Party Committee</strong>: Hiep Hoa district"))
            #expect(open.contains("still open: no result before the close") && !open.contains("2 (40.00%)"))
            try await store.closePoll("BG-2024-test", by: "secretary", key: WebHarness.ballotKey)
            let closed = try await secretary.get("/conferences/BG-2025-01-14-review").body
            #expect(closed.contains("Roll 6 · Ballots cast 5 · Shares of: ballots cast"))
            #expect(closed.contains("<td class=\"num\">2 (40.00%)</td>"))

            // The online conference of 17 January 2024: central site, bridges, chair, comments heard.
            let online = try await secretary.get("/conferences/VN-2024-01-17-secretaries").body
            #expect(online.contains("Truong Thi Mai — Politburo member, Standing member of the Secretariat, Head of the Central Organization Commission"))
            #expect(online.contains("Central bridge <small>Central site") && online.contains("Ninh Binh province bridge <small>Linked site (bridge)"))
            #expect(online.contains("Comments heard: 15"))
            // Its host is the nation: an editor of Bac Giang sees no task button and is refused.
            #expect(!online.contains("/conclusions/1/task"))
            #expect(try await secretary.post("/conferences/VN-2024-01-17-secretaries/conclusions/1/task", [:]).status == .forbidden)
            let admin = Browser(client)
            _ = try await admin.signIn("admin")
            #expect(try await admin.get("/conferences/VN-2024-01-17-secretaries").body.contains("Make it a key task of 2024"))
            #expect(try await admin.post("/conferences/VN-2024-01-17-secretaries/conclusions/1/task", [:]).status == .seeOther)
            let after = try await admin.get("/conferences/VN-2024-01-17-secretaries").body
            #expect(after.contains("Key task: <a href=\"/dashboard?unit=VN&amp;period=2024\">VN-2024-01-17-secretaries-C1</a>"))
            let task = try #require(try await store.tasks(periods: [.year(2024)]).first { $0.code.rawValue == "VN-2024-01-17-secretaries-C1" })
            let endOf2024 = try CalendarDate(parsing: "2024-12-31")
            #expect(task.unit.rawValue == "VN" && task.deadline == endOf2024)
            try await admin.get("/conferences/VN-2024-01-17-secretaries")
            #expect(try await admin.post("/conferences/VN-2024-01-17-secretaries/conclusions/1/task", [:]).status == .conflict)
        }
    }

    /// The conference page and the report showed a closed vote's tally to accounts the poll page refuses.
    @Test func theConferencePageAndTheReportShowATallyOnlyToThoseThePollPageShowsItTo() async throws {
        try await WebHarness.run { client, store async throws in
            try await Self.prepare(store)
            let poll = ConfidencePoll(code: PollCode(unchecked: "BG-2024-secret"), title: "Secret vote 2024", unit: UnitCode(unchecked: "BG"), period: .year(2024),
                                      officials: [.init(name: "Official Q", position: "Deputy Secretary")], base: .cast)
            let roll = ["bacgiang", "city", "member-1", "member-2", "member-3"]
            try await store.createPoll(poll, roll: roll.map { Username(unchecked: $0) }, by: "secretary", key: WebHarness.ballotKey)
            for voter in roll { _ = try await store.cast("BG-2024-secret", by: voter, answers: [.low], key: WebHarness.ballotKey) }
            try await store.closePoll("BG-2024-secret", by: "secretary", key: WebHarness.ballotKey)
            let report = "/reports?unit=BG&period=2024&lang=en&format=html"
            // Refused by the poll page: an account neither on the roll, nor the body's secretary, nor an administrator.
            for name in ["viewer", "yendung"] {
                let browser = Browser(client)
                _ = try await browser.signIn(name)
                #expect(try await browser.get("/polls/BG-2024-secret").status == .forbidden, "\(name)")
                let conference = try await browser.get("/conferences/BG-2025-01-14-review").body
                #expect(!conference.contains("Official Q") && !conference.contains("Secret vote 2024"), "\(name)")
                let html = try await browser.get(report)
                #expect(html.status == .ok && !html.body.contains("Official Q"), "\(name)")
                #expect(APITests.errorCode(try await APITests.call(client, .get, "/api/v1/polls/BG-2024-secret", token: try await APITests.signIn(client, name))) == "not_on_roll")
            }
            // Shown by the poll page: a voter, the secretary, an administrator.
            for name in ["city", "secretary", "admin"] {
                let browser = Browser(client)
                _ = try await browser.signIn(name)
                #expect(try await browser.get("/polls/BG-2024-secret").body.contains("Official Q"), "\(name)")
                #expect(try await browser.get("/conferences/BG-2025-01-14-review").body.contains("Official Q"), "\(name)")
                #expect(try await browser.get(report).body.contains("Official Q"), "\(name)")
            }
        }
    }

    @Test func theReviewThroughTheAPI() async throws {
        try await WebHarness.run { client, store async throws in
            try await Self.prepare(store)
            let token = try await APITests.signIn(client, "secretary")
            let ratings = try await APITests.call(client, .get, "/api/v1/ratings?unit=BG&period=2024", token: token)
            let proposals = try #require(ratings.json["proposals"] as? [[String: Any]])
            #expect(ratings.json["quota"] as? Int == 3 && proposals.count == 10)
            #expect(proposals.first?["unit"] as? String == "BG-CITY" && proposals.first?["score"] as? String == "100")

            let awards = try await APITests.call(client, .get, "/api/v1/awards?unit=BG&period=2024", token: token)
            let rules = try #require(awards.json["rules"] as? [[String: Any]])
            let five = try #require(rules.first { $0["code"] as? String == "BG-MERIT-5Y" })
            #expect((five["candidates"] as? [[String: Any]])?.map { $0["unit"] as? String } == ["BG-CITY"])
            let decided = try await APITests.call(client, .post, "/api/v1/awards", token: token,
                body: #"{"body": "BG", "rule": "BG-MERIT-5Y", "unit": "BG-CITY", "period": "2024", "decision": "accept"}"#)
            #expect(decided.status == .created && decided.json["revision"] as? Int == 1)
            let rejected = try await APITests.call(client, .post, "/api/v1/awards", token: token,
                body: #"{"body": "BG", "rule": "BG-MERIT-5Y", "unit": "BG-CITY", "period": "2024", "decision": "reject"}"#)
            #expect(rejected.status == .unprocessableContent && APITests.errorCode(rejected) == "reason_required")

            // Votes: the secretary opens nothing through the API, but closes; a voter casts once and gets a receipt.
            let poll = ConfidencePoll(code: PollCode(unchecked: "BG-API"), title: "API vote", unit: UnitCode(unchecked: "BG"), period: .year(2024),
                                      officials: [.init(name: "A", position: "p"), .init(name: "B", position: "q")], base: .roll)
            try await store.createPoll(poll, roll: ["bacgiang", "city", "member-1", "member-2", "member-3", "member-4"].map { Username(unchecked: $0) }, by: "secretary", key: WebHarness.ballotKey)
            let voter = try await APITests.signIn(client, "bacgiang")
            #expect(try await APITests.call(client, .post, "/api/v1/polls/BG-API/ballot", token: voter, body: #"{"answers": ["low"]}"#).status == .badRequest)
            let cast = try await APITests.call(client, .post, "/api/v1/polls/BG-API/ballot", token: voter, body: #"{"answers": ["low", "blank"]}"#)
            #expect(cast.status == .created && (cast.json["receipt"] as? String)?.isEmpty == false)
            #expect(try await APITests.call(client, .post, "/api/v1/polls/BG-API/ballot", token: voter, body: #"{"answers": ["high", "high"]}"#).status == .conflict)
            let before = try await APITests.call(client, .get, "/api/v1/polls/BG-API", token: voter)
            #expect(before.json["voted"] as? Bool == true && before.json["tally"] == nil)
            for voter in ["member-1", "member-2", "member-3", "member-4"] {
                _ = try await store.cast("BG-API", by: voter, answers: [.high, .confidence], key: WebHarness.ballotKey)
            }
            #expect(APITests.errorCode(try await APITests.call(client, .post, "/api/v1/polls/BG-API/close", token: voter)) == "not_secretary")
            #expect(try await APITests.call(client, .post, "/api/v1/polls/BG-API/close", token: token).status == .ok)
            let tally = try #require(try await APITests.call(client, .get, "/api/v1/polls/BG-API", token: token).json["tally"] as? [String: Any])
            #expect(tally["roll"] as? Int == 6 && tally["cast"] as? Int == 5 && tally["base_count"] as? Int == 6 && tally["consistent"] as? Bool == true)
            #expect(tally["withheld"] as? Bool == false && (tally["lines"] as? [Any])?.count == 2)
            let viewer = try await APITests.signIn(client, "viewer")
            #expect(APITests.errorCode(try await APITests.call(client, .get, "/api/v1/polls/BG-API", token: viewer)) == "not_on_roll")

            // Conferences: read by anyone signed in; a conclusion becomes a task within the remit only.
            let conferences = try await APITests.call(client, .get, "/api/v1/conferences", token: viewer)
            #expect((conferences.json["conferences"] as? [[String: Any]])?.count == 2)
            #expect(APITests.errorCode(try await APITests.call(client, .post, "/api/v1/conferences/BG-2025-01-14-review/conclusions/3/task", token: voter)) == nil)
            let again = try await APITests.call(client, .post, "/api/v1/conferences/BG-2025-01-14-review/conclusions/3/task", token: token)
            #expect(again.status == .conflict && APITests.errorCode(again) == "already_made")
            let detail = try await APITests.call(client, .get, "/api/v1/conferences/BG-2025-01-14-review", token: viewer)
            #expect((detail.json["tasks"] as? [String: Any])?["3"] as? String == "BG-2025-01-14-review-C3")
            #expect(APITests.errorCode(try await APITests.call(client, .post, "/api/v1/conferences/VN-2024-01-17-secretaries/conclusions/1/task", token: token)) == "outside_remit")
            // Review files: administrators only; a bad one is refused with every problem.
            #expect(APITests.errorCode(try await APITests.call(client, .post, "/api/v1/review", token: token, body: #"{"format": "stocktake-review/1"}"#)) == "outside_remit")
            let admin = try await APITests.signIn(client, "admin")
            let bad = try await APITests.call(client, .post, "/api/v1/review", token: admin, body: #"{"format": "stocktake-review/1", "award_rules": [{"code": "X"}]}"#)
            #expect(bad.status == .unprocessableContent && ((bad.json["error"] as? [String: Any])?["details"] as? [Any])?.isEmpty == false)
        }
    }
}
