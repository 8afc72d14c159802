import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// The server's limits: bounded sign-in state, passwords checked on threads of their own, a request timeout, a
/// connection ceiling and Secure cookies.
@Suite struct ServerLimitTests {
    @Test func hugeNamesAreNotKept() async {
        let throttle = LoginThrottle()
        let huge = String(repeating: "a", count: 1 << 20)
        for letter in "abcdefghijklmnopqrstuvwxyz" {
            #expect(await throttle.reserve(name: "\(letter)\(huge)", address: "192.0.2.1") == .nameTooLong)
        }
        #expect(await throttle.entryCount == 0)
        #expect(await throttle.keptNameBytes == 0)
        #expect(await throttle.reserve(name: String(repeating: "b", count: 256), address: "192.0.2.1") == .allowed)
        #expect(await throttle.keptNameBytes == 256 + "192.0.2.1".utf8.count)
    }

    @Test func theThrottleForgetsTheOldestEntriesAtItsCap() async {
        let throttle = LoginThrottle(.init(perName: 2, perAddress: 1000, maxEntries: 100))
        let start = Date()
        for n in 0..<1000 {
            _ = await throttle.reserve(name: "name\(n)", address: "192.0.2.\(n % 7)", now: start.addingTimeInterval(Double(n)))
            #expect(await throttle.entryCount <= 100)
        }
        // The newest entries still count: a name tried twice just now is refused.
        let now = start.addingTimeInterval(1000)
        #expect(await throttle.reserve(name: "name999", address: "192.0.2.1", now: now) == .allowed)
        #expect(await throttle.reserve(name: "name999", address: "192.0.2.1", now: now) != .allowed)
    }

    @Test func aNameAndAnAddressAreLimitedSeparately() async {
        let throttle = LoginThrottle(.init(perName: 3, perAddress: 5))
        // Many addresses guessing one name.
        for n in 0..<3 { #expect(await throttle.reserve(name: "Admin", address: "192.0.2.\(n)") == .allowed) }
        #expect(await throttle.reserve(name: "admin", address: "192.0.2.99") != .allowed)
        // A right password forgets the name's failures and gives the address its attempt back.
        await throttle.succeeded(name: "admin", address: "192.0.2.0")
        #expect(await throttle.reserve(name: "admin", address: "192.0.2.0") == .allowed)
        // One address guessing many names.
        for n in 0..<5 { #expect(await throttle.reserve(name: "user\(n)", address: "198.51.100.1") == .allowed) }
        #expect(await throttle.reserve(name: "user9", address: "198.51.100.1") != .allowed)
    }

    @Test func passwordChecksRunAtMostTheirThreadsAtOnceAndQueueABoundedNumber() async throws {
        let checks = PasswordChecks(threads: 2, waiting: 100)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for n in 0..<12 {
                group.addTask { try await checks.run { Passwords.hash("password \(n)", cost: 6) != "" } }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 12))
        #expect(checks.peakConcurrency <= 2)

        // One thread, one place in the queue: with both taken, a third check is refused at once.
        let single = PasswordChecks(threads: 1, waiting: 1)
        let gate = DispatchSemaphore(value: 0)
        let first = Task { try await single.run { gate.wait(); return true } }
        let second = Task { try await single.run { gate.wait(); return true } }
        while single.pendingCount < 2 { try await Task.sleep(for: .milliseconds(10)) }
        await #expect(throws: PasswordChecks.Busy.self) { try await single.run { true } }
        gate.signal()
        gate.signal()
        let answers = [try await first.value, try await second.value]
        #expect(answers == [true, true])
    }

    @Test func aHalfSentRequestIsClosedAfterTheRequestTimeout() async throws {
        var options = WebHarness.options
        options.requestTimeout = .seconds(1)
        try await WebHarness.run(options: options) { client, _ async throws in
            let port = client.port
            let ending = try await RawConnection.concurrently(1) { _ in
                // The read gives up after 60 s: a server without a timeout leaves the connection open that long.
                let connection = try RawConnection(port: port, readLimit: 60)
                try connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                return connection.read().ending
            }
            #expect(ending == [.closed])
        }
    }

    @Test func connectionsBeyondTheCeilingAreTurnedAwayAndServedAgainOnceOthersClose() async throws {
        var options = WebHarness.options
        options.maxConnections = 3
        try await WebHarness.run(options: options) { client, _ async throws in
            let port = client.port
            // The test client's own connection is the first of three.
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            let holders = try await RawConnection.concurrently(2) { _ in
                let connection = try RawConnection(port: port)
                try connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                return (connection, connection.read(until: "\r\n\r\nok").text)
            }
            #expect(holders.allSatisfy { $0.1.hasPrefix("HTTP/1.1 200") })
            let turnedAway = try await RawConnection.concurrently(3) { _ in try RawConnection.request(port: port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") }
            for response in turnedAway { #expect(response.hasPrefix("HTTP/1.1 503"), "\(response.prefix(100))") }
            for (holder, _) in holders { holder.hangUp() }
            // The server counts a connection closed once it has seen it close: ask until it has.
            var answer = ""
            for _ in 0..<200 where !answer.hasPrefix("HTTP/1.1 200") {
                answer = try await RawConnection.concurrently(1) { _ in
                    try RawConnection.request(port: port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                }[0]
                if !answer.hasPrefix("HTTP/1.1 200") { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(answer.hasPrefix("HTTP/1.1 200") && answer.hasSuffix("\r\n\r\nok\n"), "\(answer.prefix(100))")
        }
    }

    @Test func cookiesAreMarkedSecureWhenTheSiteIsServedOverHTTPS() async throws {
        for secure in [false, true] {
            var options = WebHarness.options
            options.secureCookies = secure
            try await WebHarness.run(options: options) { client, _ async throws in
                let browser = Browser(client)
                var cookies: [String] = []
                try await client.execute(uri: "/login", method: .get) { cookies += $0.headers[values: .setCookie] }
                try await browser.get("/login")
                let token = try #require(Browser.csrf(in: browser.lastPage))
                try await client.execute(
                    uri: "/login", method: .post,
                    headers: [
                        .contentType: "application/x-www-form-urlencoded",
                        .cookie: "\(AuthController.loginCookie)=\(browser.cookies[AuthController.loginCookie] ?? "")",
                    ],
                    body: ByteBuffer(string: "_csrf=\(token)&username=viewer&password=\(Browser.encode(WebHarness.password))")
                ) { response in
                    #expect(response.status == .seeOther)
                    cookies += response.headers[values: .setCookie]
                }
                try await client.execute(uri: "/language/en", method: .get) { cookies += $0.headers[values: .setCookie] }
                let names = Set(cookies.map { String($0.prefix { $0 != "=" }) })
                #expect(names == [AuthController.loginCookie, SessionMiddleware.cookieName, SessionMiddleware.languageCookie])
                for cookie in cookies {
                    let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    #expect(attributes.contains("secure") == secure, "\(cookie)")
                }
            }
        }
    }
}
