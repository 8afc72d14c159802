import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// The confidence vote through the pages: roll, one ballot, receipt, nothing shown before the close.
@Suite struct PollPageTests {
    @Test func aVoteFromCreationToResult() async throws {
        try await WebHarness.run { client, store async throws in
            let fields = [
                "code": "BG-2024-vote", "title": "Confidence vote 2024", "unit": "BG", "period": "2024", "base": "cast",
                "officials": "Official A; Secretary\nOfficial B; Chair", "roll": "bacgiang yendung city member-1 member-2",
            ]
            // Only the body's secretary opens a vote: not an administrator, not another editor of the body.
            let admin = Browser(client)
            _ = try await admin.signIn("admin")
            #expect(!(try await admin.get("/polls").body.contains("action=\"/polls\"")))
            #expect(try await admin.post("/polls", fields).status == .forbidden)
            let editor = Browser(client)
            _ = try await editor.signIn("bacgiang")
            try await editor.get("/polls")
            #expect(try await editor.post("/polls", fields).status == .forbidden)
            let secretary = Browser(client)
            _ = try await secretary.signIn("secretary")
            #expect(try await secretary.get("/polls").body.contains("action=\"/polls\""))
            // A roll name that is not a user name: the form comes back as typed, why beside the roll.
            let refused = try await secretary.post("/polls", fields.merging(["roll": "bacgiang <b>x"]) { _, b in b })
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("value=\"Confidence vote 2024\"") && refused.body.contains(">Official A; Secretary\nOfficial B; Chair</textarea>"))
            #expect(refused.body.contains(">bacgiang &lt;b&gt;x</textarea><span class=\"problem\" role=\"alert\">"))
            #expect(try await store.poll("BG-2024-vote") == nil)
            try await secretary.get("/polls")
            let created = try await secretary.post("/polls", fields)
            #expect(created.status == .seeOther)
            #expect(try await store.poll("BG-2024-vote")?.period == .year(2024))

            // Not on the roll: no ballot, and the page says so.
            let viewer = Browser(client)
            _ = try await viewer.signIn("viewer")
            #expect(try await viewer.get("/polls/BG-2024-vote").status == .forbidden)

            let voter = Browser(client)
            _ = try await voter.signIn("bacgiang")
            let ballot = try await voter.get("/polls/BG-2024-vote")
            #expect(ballot.body.contains("type=\"radio\" name=\"official-0\" value=\"low\""))
            let cast = try await voter.post("/polls/BG-2024-vote/ballot", ["official-0": "low", "official-1": "blank"])
            #expect(cast.status == .ok)
            let receipt = try #require(cast.body.range(of: #"<code class="receipt">([^<]+)</code>"#, options: .regularExpression)
                .map { String(cast.body[$0]).replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression) })
            // A second ballot is refused, and the form is gone.
            #expect(try await voter.post("/polls/BG-2024-vote/ballot", ["official-0": "high", "official-1": "high"]).status == .conflict)
            #expect(!(try await voter.get("/polls/BG-2024-vote").body.contains("name=\"official-0\"")))

            let second = Browser(client)
            _ = try await second.signIn("city")
            try await second.get("/polls/BG-2024-vote")
            #expect(try await second.post("/polls/BG-2024-vote/ballot", ["official-0": "high"]).status == .badRequest)  // an official left without answer
            #expect(try await second.post("/polls/BG-2024-vote/ballot", ["official-0": "high", "official-1": "confidence"]).status == .ok)
            // Three more of the roll vote; the page and the store seal with the same key.
            let third = Browser(client)
            _ = try await third.signIn("yendung")
            try await third.get("/polls/BG-2024-vote")
            #expect(try await third.post("/polls/BG-2024-vote/ballot", ["official-0": "low", "official-1": "high"]).status == .ok)
            _ = try await store.cast("BG-2024-vote", by: "member-1", answers: [.confidence, .high], key: WebHarness.ballotKey)
            _ = try await store.cast("BG-2024-vote", by: "member-2", answers: [.high, .high], key: WebHarness.ballotKey)

            // Before the close nobody sees a result, the administrator and the secretary included; only the
            // secretary closes the vote.
            for browser in [admin, secretary] {
                let open = try await browser.get("/polls/BG-2024-vote")
                #expect(!open.body.contains("class=\"results tally\"") && open.body.contains("No result is shown"))
            }
            try await voter.get("/polls/BG-2024-vote")
            #expect(try await voter.post("/polls/BG-2024-vote/close", [:]).status == .forbidden)
            try await admin.get("/polls/BG-2024-vote")
            #expect(try await admin.post("/polls/BG-2024-vote/close", [:]).status == .forbidden)
            // Closing is final, so the secretary's button opens a warning first, with the button that closes in it.
            let closing = try await secretary.get("/polls/BG-2024-vote").body
            #expect(closing.contains("<details class=\"danger\"><summary>Close the vote</summary><p>Closing the vote is final")
                && closing.contains("<button type=\"submit\" class=\"danger\">Close the vote</button></details>"))
            #expect(try await secretary.post("/polls/BG-2024-vote/close", [:]).status == .seeOther)

            let closed = try await admin.get("/polls/BG-2024-vote").body
            #expect(closed.contains("class=\"results tally\""))
            #expect(closed.contains("Roll: 5 · Ballots cast: 5 · Shares of: ballots cast (5)"))
            #expect(closed.contains("<td class=\"num\">2 (40.00%)</td>"))
            // Low confidence for Official A is two of five: not more than half.
            #expect(!closed.contains("low confidence &gt; 1/2"))

            // The receipt proves the ballot was counted.
            try await voter.get("/polls/BG-2024-vote")
            let check = try await voter.post("/polls/BG-2024-vote/receipt", ["receipt": receipt])
            #expect(check.body.contains("Phiếu ứng với mã này đã được tính."))
        }
    }

    /// A close after the first ballot showed that ballot; a roll below the minimum is refused at the door.
    @Test func tooSmallARollIsRefusedAndTooFewBallotsShowNoTally() async throws {
        try await WebHarness.run { client, store async throws in
            let secretary = Browser(client)
            _ = try await secretary.signIn("secretary")
            try await secretary.get("/polls")
            let small = try await secretary.post("/polls", [
                "code": "BG-2024-one", "title": "One voter", "unit": "BG", "base": "cast", "officials": "Official A; Secretary", "roll": "bacgiang",
            ])
            #expect(small.status == .badRequest && small.body.contains("at least 5 voters"), "\(small.body)")
            #expect(try await store.poll("BG-2024-one") == nil)

            try await secretary.get("/polls")
            #expect(try await secretary.post("/polls", [
                "code": "BG-2024-early", "title": "Closed early", "unit": "BG", "base": "cast", "officials": "Official A; Secretary",
                "roll": "bacgiang yendung city member-1 member-2",
            ]).status == .seeOther)
            let voter = Browser(client)
            _ = try await voter.signIn("bacgiang")
            try await voter.get("/polls/BG-2024-early")
            #expect(try await voter.post("/polls/BG-2024-early/ballot", ["official-0": "low"]).status == .ok)
            try await secretary.get("/polls/BG-2024-early")
            #expect(try await secretary.post("/polls/BG-2024-early/close", [:]).status == .seeOther)
            for browser in [secretary, voter] {
                let page = try await browser.get("/polls/BG-2024-early").body
                #expect(page.contains("tally-withheld") && !page.contains("class=\"results tally\"") && !page.contains("1 (100"))
            }
        }
    }
}
