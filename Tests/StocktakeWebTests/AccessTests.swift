import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// Who may do what: sign-in, sessions, CSRF, roles and the unit subtree, checked on the server.
@Suite struct AccessTests {
    @Test func aWrongPasswordDoesNotRevealWhetherTheUserExists() async throws {
        try await WebHarness.run { client, _ async throws in
            let known = Browser(client)
            let wrongPassword = try await known.signIn("bacgiang", password: "not the password")
            let unknown = Browser(client)
            let noSuchUser = try await unknown.signIn("nobody", password: "not the password")
            #expect(wrongPassword.status == .unauthorized && noSuchUser.status == .unauthorized)
            // The same page but for the name typed back and the form's fresh token.
            func normalized(_ page: Browser.Page, _ name: String) -> String {
                page.body.replacingOccurrences(of: #"value="[A-Za-z0-9_-]{43}""#, with: "TOKEN", options: .regularExpression)
                    .replacingOccurrences(of: "value=\"\(name)\"", with: "NAME")
            }
            #expect(normalized(wrongPassword, "bacgiang") == normalized(noSuchUser, "nobody"))
            #expect(known.cookies[SessionMiddleware.cookieName] == nil)
        }
    }

    @Test func signInSetsAnHttpOnlySameSiteSessionCookieAndSignOutEndsTheSession() async throws {
        try await WebHarness.run { client, store async throws in
            var setCookie = ""
            let browser = Browser(client)
            try await browser.get("/login")
            let token = try #require(Browser.csrf(in: browser.lastPage))
            let login = browser.cookies[AuthController.loginCookie] ?? ""
            try await client.execute(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(AuthController.loginCookie)=\(login)"],
                body: ByteBuffer(string: "_csrf=\(token)&username=viewer&password=\(Browser.encode(WebHarness.password))")
            ) { response in
                #expect(response.status == .seeOther)
                setCookie = response.headers[values: .setCookie].first { $0.hasPrefix(SessionMiddleware.cookieName) } ?? ""
            }
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
            // The database keeps only a hash of the token.
            let value = String(setCookie.split(separator: ";")[0].split(separator: "=")[1])
            let stored = try await store.sql.select().column("token_hash").from("sessions").all(decodingColumn: "token_hash", as: String.self)
            #expect(stored.count == 1 && !stored.contains(value))

            _ = try await browser.signIn("viewer")
            #expect(try await browser.get("/dashboard").status == .ok)
            #expect(try await browser.post("/logout", [:]).status == .seeOther)
            #expect(try await browser.get("/dashboard").status == .seeOther)
        }
    }

    @Test func formsWithoutAValidCSRFTokenAreRefused() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("bacgiang")
            try await browser.get("/entry?unit=BG&period=2024")
            let before = try await store.rowCounts()
            let fields = ["unit": "BG", "period": "2024", "indicator": "new_party_members", "value": "5000", "reason": "test"]
            #expect(try await browser.post("/entry", fields, csrf: false).status == .forbidden)
            var forged = fields
            forged["_csrf"] = "forged-token"
            #expect(try await browser.post("/entry", forged).status == .forbidden)
            #expect(try await browser.post("/tasks/BG-2025-tet/status", ["status": "dropped", "_csrf": "x"]).status == .forbidden)
            #expect(try await browser.post("/logout", ["_csrf": "x"]).status == .forbidden)
            #expect(try await store.rowCounts() == before)
            // The sign-in form too: without the token, nobody is signed in.
            let other = Browser(client)
            #expect(try await other.post("/login", ["username": "bacgiang", "password": WebHarness.password], csrf: false).status == .forbidden)
        }
    }

    @Test func anEditorOfOneDistrictCannotWriteToAnotherNorSeeAFormToDoSo() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("yendung")
            // Their own district: the form, listing only units in their remit.
            let own = try await browser.get("/entry?unit=BG-YD&period=2024")
            #expect(own.status == .ok)
            #expect(own.body.contains("value=\"BG-YD\"") && !own.body.contains("<option value=\"BG-CITY\""))
            // Another district, or the province above: no form, and a post is refused.
            #expect(try await browser.get("/entry?unit=BG-CITY&period=2024").status == .forbidden)
            #expect(try await browser.get("/entry?unit=BG&period=2024").status == .forbidden)
            #expect(!(try await browser.get("/dashboard?unit=BG-CITY&period=2024").body.contains("/entry?")))
            try await browser.get("/entry?unit=BG-YD&period=2024")
            let before = try await store.rowCounts()
            let post = try await browser.post("/entry", ["unit": "BG-CITY", "period": "2024", "indicator": "new_party_members", "value": "10"])
            #expect(post.status == .forbidden)
            #expect(try await browser.post("/tasks/BG-2025-tet/status", ["status": "dropped"]).status == .forbidden)
            #expect(try await store.rowCounts() == before)
        }
    }

    @Test func aViewerReadsButCannotWrite() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("viewer")
            #expect(try await browser.get("/dashboard?unit=BG").status == .ok)
            #expect(try await browser.get("/entry?unit=BG").status == .forbidden)
            #expect(try await browser.get("/import").status == .forbidden)
            try await browser.get("/dashboard")
            #expect(try await browser.post("/entry", ["unit": "BG", "period": "2024", "indicator": "new_party_members", "value": "1"]).status == .forbidden)
        }
    }

    @Test func repeatedFailedSignInsAreRateLimited() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            for _ in 0..<3 { #expect(try await browser.signIn("bacgiang", password: "wrong").status == .unauthorized) }
            // Now even the right password waits, for this name only.
            #expect(try await browser.signIn("bacgiang").status == .tooManyRequests)
            #expect(try await Browser(client).signIn("admin").status == .seeOther)
        }
    }

    @Test func signInRedirectsOnlyWithinTheSite() {
        #expect(AuthController.localPath("/units/BG") == "/units/BG")
        #expect(AuthController.localPath("https://evil.example") == "/dashboard")
        #expect(AuthController.localPath("//evil.example") == "/dashboard")
    }
}
