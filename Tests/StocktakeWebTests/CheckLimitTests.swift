import Foundation
import Hummingbird
import Testing
@testable import StocktakeWeb

/// The figure check's limits over real HTTP: a text or file too large is refused with 413 and the limit, a text
/// full of slips lists a bounded number of findings, and checks beyond those running and waiting are refused
/// with 503 and Retry-After while every other page keeps answering.
@Suite struct CheckLimitTests {
    @Test func aTextOrFileTooLargeIsRefusedWith413NamingTheLimit() async throws {
        try await WebHarness.run { client, _ async throws in
            let token = try await APITests.signIn(client, "viewer")
            let long = String(repeating: "GRDP ranked 72nd of 63. ", count: 100_000)  // 2.3 MB
            let answer = try await APITests.call(client, .post, "/api/v1/check", token: token, body: #"{"text": "\#(long)"}"#)
            #expect(answer.status == .contentTooLarge && APITests.errorCode(answer) == "too_large")
            #expect((answer.json["error"] as? [String: Any])?["message"] as? String == "text: the text has 2.3 MB; the figure check reads at most 2 MB of text")

            let browser = Browser(client)
            _ = try await browser.signIn("viewer")
            _ = try await browser.get("/check")
            let page = try await browser.upload("/check", filename: "long.txt", content: long + long)
            #expect(page.status == .contentTooLarge && page.body.contains("long.txt: the file has 4.6 MB; the figure check reads at most 4 MB"))
        }
    }

    @Test func aTextFullOfSlipsListsFiveHundredFindingsAndCountsTheRest() async throws {
        try await WebHarness.run { client, _ async throws in
            let token = try await APITests.signIn(client, "viewer")
            let slips = String(repeating: "GRDP size ranked 72nd of 63 provinces. ", count: 600)
            let answer = try await APITests.call(client, .post, "/api/v1/check", token: token, body: #"{"text": "\#(slips)", "language": "en"}"#)
            #expect(answer.status == .ok)
            #expect((answer.json["findings"] as? [Any])?.count == 500 && answer.json["unlisted"] as? Int == 100)

            let browser = Browser(client)
            _ = try await browser.signIn("viewer")
            _ = try await browser.get("/check")
            let page = try await browser.post("/check", ["text": slips, "lang": "en"])
            #expect(page.status == .ok && page.body.contains("Findings: 600") && page.body.contains("more findings not listed: 100"))
            #expect(page.body.contains("<mark id=\"f500\"") && !page.body.contains("<mark id=\"f501\""))
        }
    }

    @Test func checksBeyondThoseRunningAndWaitingAreRefusedWhileOtherPagesAnswer() async throws {
        let gate = CheckGate(permits: 1, waiting: 1)
        try await WebHarness.run(checks: gate) { client, _ async throws in
            let token = try await APITests.signIn(client, "viewer")
            let body = #"{"text": "159/182 communes (87.63%) meet the standard."}"#
            try await gate.acquire()  // a long check holds the only permit
            async let waiting = APITests.call(client, .post, "/api/v1/check", token: token, body: body)
            while await gate.load.waiting < 1 { try await Task.sleep(for: .milliseconds(10)) }

            for _ in 0..<2 {
                var headers = HTTPFields()
                headers[.authorization] = "Bearer \(token)"
                headers[.contentType] = "application/json"
                let refused = try await client.execute(uri: "/api/v1/check", method: .post, headers: headers, body: ByteBuffer(string: body)) { $0 }
                #expect(refused.status == .serviceUnavailable && refused.headers[.retryAfter] == "5")
                #expect(String(buffer: refused.body).contains("\"busy\""))
            }
            let browser = Browser(client)
            _ = try await browser.signIn("viewer")
            _ = try await browser.get("/check")
            let page = try await browser.post("/check", ["text": "1 of 2"])
            #expect(page.status == .serviceUnavailable && page.body.contains("Other figure checks are running"))
            #expect(try await browser.get("/dashboard").status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get) { $0.status } == .ok)

            await gate.release()
            let served = try await waiting
            #expect(served.status == .ok && (served.json["findings"] as? [Any])?.count == 1)
            let load = await gate.load
            #expect(load.running == 0 && load.waiting == 0)
        }
    }
}
