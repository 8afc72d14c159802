import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// Sign-in as an attacker tries it: many guesses at once, many names from one address, and a `next` that
/// leads elsewhere.
@Suite struct SignInAttackTests {
    /// A wrong-password sign-in as a form post on a connection of its own, on a thread of its own; the status.
    static func guess(port: Int, _ username: String, _ password: String = "wrong password") async throws -> Int {
        try await RawConnection.concurrently(1) { _ in try blockingGuess(port: port, username, password) }[0]
    }

    static func blockingGuess(port: Int, _ username: String, _ password: String = "wrong password") throws -> Int {
        let body = "_csrf=t&username=\(Browser.encode(username))&password=\(Browser.encode(password))&next=%2Fdashboard"
        let response = try RawConnection.request(port: port, """
            POST /login HTTP/1.1\r
            Host: 127.0.0.1\r
            Cookie: \(AuthController.loginCookie)=t\r
            Content-Type: application/x-www-form-urlencoded\r
            Content-Length: \(body.utf8.count)\r
            Connection: close\r
            \r
            \(body)
            """)
        let status = response.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) }
        return try #require(status, "no status in \(response.prefix(200))")
    }

    @Test func thirtyConcurrentWrongPasswordsForOneAccountAreNotAllChecked() async throws {
        try await WebHarness.run { client, store async throws in
            // A hash slow enough that on a server that counts failures only after checking, all thirty would be
            // checking at once (and cheap enough not to hold up the other tests running beside this one).
            try await Passwords.addAccount(
                Account(username: Username(unchecked: "slowhash"), role: .viewer, unit: nil, language: "en"), password: WebHarness.password, to: store,
                cost: 8)
            let port = client.port
            let statuses = try await RawConnection.concurrently(30) { _ in try Self.blockingGuess(port: port, "slowhash") }
            // 401 is the answer after a check; 429 is a refusal before any. The harness allows 3 per name.
            #expect(statuses.filter { $0 == 401 }.count == 3, "\(statuses)")
            #expect(statuses.filter { $0 == 429 }.count == 27, "\(statuses)")
            // The right password is refused too until the window has passed.
            #expect(try await Self.guess(port: port, "slowhash", WebHarness.password) == 429)
        }
    }

    @Test func oneAddressGuessingManyNamesIsLimited() async throws {
        var options = WebHarness.options
        options.loginAttemptsPerAddress = 5
        try await WebHarness.run(options: options) { client, _ async throws in
            let port = client.port
            // Eight guesses over the six accounts: under the per-name limit every time, but all from 127.0.0.1.
            var statuses: [Int] = []
            for n in 0..<8 { statuses.append(try await Self.guess(port: port, WebHarness.accounts[n % 6].username.rawValue)) }
            #expect(statuses == [401, 401, 401, 401, 401, 429, 429, 429])
        }
    }

    @Test func theAPISignInCountsTheSameAttempts() async throws {
        try await WebHarness.run { client, _ async throws in
            for _ in 0..<3 {
                try await client.execute(
                    uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"username":"bacgiang","password":"wrong"}"#)
                ) { #expect($0.status == .unauthorized) }
            }
            // The page's sign-in is refused after the API's three failures: one throttle for both doors.
            #expect(try await Browser(client).signIn("bacgiang").status == .tooManyRequests)
        }
    }

    @Test func nextMustBeALocalPath() async throws {
        let bypasses = [
            "//evil.example/", "/\\evil.example/", "\\/evil.example/", "\\\\evil.example/", "/\t/evil.example/",
            "/\n/evil.example/", "/\r/evil.example/", "\t//evil.example/", " //evil.example/", "/ /evil.example/",
            "/\u{0}/evil.example/", "/\u{7F}/evil.example/", "/\u{0B}/evil.example/", "/\u{0C}/evil.example/",
            "https://evil.example/", "javascript:alert(1)", "evil.example", "", "/\u{3000}/evil.example/",
            "/\u{FF0F}evil.example/", "/\u{2044}evil.example/", "/\\\t\\evil.example/", "/%09/evil.example/\\",
        ]
        for next in bypasses {
            #expect(AuthController.localPath(next) == "/dashboard", "\(next.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())")
        }
        for next in ["/dashboard", "/units/BG?period=2024", "/%09/evil.example/", "/a//b", "/units/BG#top"] {
            #expect(AuthController.localPath(next) == next)
        }
        try await WebHarness.run { client, _ async throws in
            // The query is decoded once: `%09` arrives as a tab, which a browser drops, making `//evil.example/`.
            try await client.execute(uri: "/language/en?next=/%09/evil.example/", method: .get) { response in
                #expect(response.headers[.location] == "/dashboard")
            }
            let browser = Browser(client)
            let page = try await browser.get("/login?next=/%09/evil.example/")
            #expect(page.body.contains(#"name="next" value="/dashboard""#))
            try await browser.get("/login")
            let signedIn = try await browser.post("/login", ["username": "viewer", "password": WebHarness.password, "next": "/\t/evil.example/"])
            #expect(signedIn.location == "/dashboard")
        }
    }

    @Test func theAuditPageShowsAnImportedFilesNameButNotTheServersFolders() async throws {
        try await WebHarness.run { client, store async throws in
            let districts = try Data(contentsOf: URL(fileURLWithPath: WebHarness.samples + "/bac-giang-districts-2024.json"))
            try await store.importChecked(ImportFile.read(districts, file: "districts.json", enteredBy: "tester"))
            let path = WebHarness.samples + "/bac-giang-review-2024.json"
            try await store.importReview(ReviewJSON.read(try Data(contentsOf: URL(fileURLWithPath: path)), file: path), by: "tester")
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let audit = try await browser.get("/audit").body
            #expect(audit.contains("bac-giang-review-2024.json"))
            let folder = URL(fileURLWithPath: WebHarness.samples).standardized.deletingLastPathComponent().path
            #expect(!audit.contains(folder) && !audit.contains("Samples/"))
        }
    }
}
