import Foundation
import Hummingbird
import Testing
@testable import StocktakeWeb

/// The figure check from the web application: the page marks findings in place; the API returns them as JSON.
@Suite struct CheckPageTests {
    static let slipped = "159/182 communes (87.63%) meet the new rural standard. GRDP size ranked 72nd of 63 provinces."

    @Test func thePageMarksEachFindingWhereItIsAndListsIt() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            #expect(try await browser.get("/check").status == .seeOther)  // signed out
            _ = try await browser.signIn("viewer")
            let form = try await browser.get("/check")
            #expect(form.status == .ok && form.body.contains("<textarea name=\"text\""))
            #expect(try await browser.post("/check", ["text": Self.slipped], csrf: false).status == .forbidden)

            let checked = try await browser.post("/check", ["text": Self.slipped, "lang": "auto"])
            #expect(checked.status == .ok)
            #expect(checked.body.contains("<mark id=\"f1\""))
            #expect(checked.body.contains("87.63%<sup>1</sup></mark>"))
            #expect(checked.body.contains("72nd of 63<sup>2</sup></mark>"))
            #expect(checked.body.contains("href=\"#f2\""))

            _ = try await browser.get("/check")
            let clean = try await browser.post("/check", ["text": "159/182 communes (87.36%) meet the new rural standard.", "lang": "en"])
            #expect(clean.body.contains("No figure contradicts its own arithmetic") && !clean.body.contains("<mark"))

            // Against the store: the sample stores 2,938 new members for Bac Giang in 2024.
            _ = try await browser.get("/check")
            let stored = try await browser.post("/check", ["text": "New party members admitted: 2,939 members.", "unit": "BG", "period": "2024"])
            #expect(stored.body.contains("2,939<sup>1</sup></mark>") && stored.body.contains("stored figure"))
            _ = try await browser.get("/check")
            #expect(try await browser.post("/check", ["text": "1 of 2", "unit": "BG", "period": ""]).status == .badRequest)

            // A guess of low confidence ("7.9%" in a Vietnamese text) is listed only when asked for.
            _ = try await browser.get("/check")
            let guess = ["text": "Có 3/40 xã (7.9%) đạt chuẩn.", "lang": "vi"]
            #expect(try await browser.post("/check", guess).body.contains("<mark") == false)
            _ = try await browser.get("/check")
            let all = try await browser.post("/check", guess.merging(["all": "on"]) { $1 })
            #expect(all.body.contains("7.9%<sup>1</sup></mark>") && all.body.contains("name=\"all\" value=\"on\" checked"))

            _ = try await browser.get("/check")
            let uploaded = try await browser.upload("/check", filename: "slips.md", content: Self.slipped)
            #expect(uploaded.status == .ok && uploaded.body.contains("<mark id=\"f2\""))
        }
    }

    @Test func theAPIReturnsTheFindingsWithTheirSpans() async throws {
        try await WebHarness.run { client, _ async throws in
            let body = #"{"text": "\#(Self.slipped)"}"#
            #expect(try await APITests.call(client, .post, "/api/v1/check", body: body).status == .unauthorized)
            let token = try await APITests.signIn(client, "viewer")
            let answer = try await APITests.call(client, .post, "/api/v1/check", token: token, body: body)
            #expect(answer.status == .ok && answer.json["language"] as? String == "en")
            let findings = try #require(answer.json["findings"] as? [[String: Any]])
            #expect(findings.map { $0["kind"] as? String } == ["share", "rank_beyond_peers"])
            #expect(findings.first?["quote"] as? String == "87.63%" && findings.first?["start"] as? Int == 18 && findings.first?["end"] as? Int == 24)

            let docx = try await APITests.call(client, .post, "/api/v1/check", token: token,
                body: #"{"content_base64": "\#(Data("not a zip".utf8).base64EncodedString())", "filename": "report.docx"}"#)
            #expect(docx.status == .unprocessableContent && APITests.errorCode(docx) == "unreadable_file")
            let language = try await APITests.call(client, .post, "/api/v1/check", token: token, body: #"{"text": "1", "language": "de"}"#)
            #expect(language.status == .badRequest && APITests.errorCode(language) == "invalid_language")
            let guess = #"{"text": "Có 3/40 xã (7.9%) đạt chuẩn.", "language": "vi"}"#
            let listed = try await APITests.call(client, .post, "/api/v1/check", token: token, body: guess)
            #expect((listed.json["findings"] as? [Any])?.isEmpty == true)
            let all = try await APITests.call(client, .post, "/api/v1/check", token: token, body: #"{"text": "Có 3/40 xã (7.9%) đạt chuẩn.", "language": "vi", "all": true}"#)
            let guesses = try #require(all.json["findings"] as? [[String: Any]])
            #expect(guesses.map { $0["confidence"] as? String } == ["low"] && guesses.first?["quote"] as? String == "7.9%")
            let unknown = try await APITests.call(client, .post, "/api/v1/check", token: token, body: #"{"text": "1", "unit": "XX", "period": "2024"}"#)
            #expect(unknown.status == .notFound)
        }
    }
}
