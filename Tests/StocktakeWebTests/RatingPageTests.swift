import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// Ratings through the pages: proposal with evidence, confirmation, override with a reason, revisions.
@Suite struct RatingPageTests {
    @Test func aProposalIsConfirmedThenChangedOnlyWithAReason() async throws {
        try await WebHarness.run { client, store async throws in
            let admin = Browser(client)
            _ = try await admin.signIn("admin")
            let page = try await admin.get("/ratings?unit=VN&period=2024")
            #expect(page.status == .ok)
            // Bac Giang: 4 of 4 targets (60), 3 of 3 tasks on time (30), 10 less 2 a finding; the only unit good or
            // better, so 20 % of one leaves no room for excellent.
            let findings = try #require(page.body.range(of: #"Validation findings: \d+"#, options: .regularExpression)
                .flatMap { Int(page.body[$0].split(separator: " ").last ?? "") })
            let score = 90 + max(0, 10 - 2 * findings)
            #expect(page.body.contains("Targets set: 4/4 · Key tasks on time: 3/3"))
            #expect(page.body.contains("<td>Bac Giang</td><td class=\"num\">\(score).00</td>"))
            #expect(page.body.contains("limited by the quota"))
            #expect(page.body.contains("Thai Binh: No rating"))

            let fields = ["body": "VN", "unit": "BG", "period": "2024"]
            // Refused, the page comes back with the grade as chosen and why beside the form, in the reader's language.
            let refused = try await admin.post("/ratings", fields.merging(["grade": "excellent", "reason": " "]) { a, _ in a })
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("<option value=\"excellent\" selected>") && refused.body.contains("aria-invalid=\"true\" aria-describedby=\"error-BG\""))
            #expect(refused.body.contains("id=\"error-BG\" role=\"alert\">\(UIText.forLanguage("en").errorReasonRequired)</p>"))
            try await admin.get("/ratings?unit=VN&period=2024")
            #expect(try await admin.post("/ratings", fields.merging(["grade": "good"]) { a, _ in a }).status == .seeOther)
            try await admin.get("/ratings?unit=VN&period=2024")
            #expect(try await admin.post("/ratings", fields.merging(["grade": "good"]) { a, _ in a }).status == .unprocessableContent)
            try await admin.get("/ratings?unit=VN&period=2024")
            #expect(try await admin.post("/ratings", fields.merging(["grade": "excellent", "reason": "the quota was raised"]) { a, _ in a }).status == .seeOther)
            let after = try await admin.get("/ratings?unit=VN&period=2024").body
            #expect(after.contains("<strong>excellent</strong>"))
            #expect(after.components(separatedBy: "class=\"rating-revision\"").count - 1 == 2)
            #expect(try await store.ratings(period: .year(2024)).map(\.revision) == [1, 2])

            // An editor of a district may not rate the provinces.
            let editor = Browser(client)
            _ = try await editor.signIn("yendung")
            let view = try await editor.get("/ratings?unit=VN&period=2024")
            #expect(view.status == .ok && !view.body.contains("action=\"/ratings\""))
            let forbidden = try await editor.post("/ratings", fields.merging(["grade": "good", "reason": "x"]) { a, _ in a })
            #expect(forbidden.status == .forbidden && forbidden.body.contains("<p class=\"error\" role=\"alert\">"))
        }
    }
}
