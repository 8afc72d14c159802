import Foundation
import Hummingbird
import Logging
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing
@testable import StocktakeWeb

/// A running server over a fresh database holding the Bac Giang sample and one account of each kind, driven
/// over real HTTP on loopback. Tests run on SQLite or PostgreSQL, as the suite does.
enum WebHarness {
    static let samples = Samples.path
    static let password = "correct horse battery"
    /// The key the test server seals ballots with; tests that cast through the store use the same one.
    static let ballotKey = BallotKey.generate()

    struct Arguments: AppArguments {
        let hostname = "127.0.0.1"
        let port = 0
        let logLevel = Logger.Level.warning
    }

    static let accounts: [Account] = [
        Account(username: Username(unchecked: "admin"), role: .administrator, unit: nil, language: "en"),
        Account(username: Username(unchecked: "bacgiang"), role: .editor, unit: UnitCode(unchecked: "BG"), language: "vi"),
        Account(username: Username(unchecked: "yendung"), role: .editor, unit: UnitCode(unchecked: "BG-YD"), language: "en"),
        Account(username: Username(unchecked: "city"), role: .editor, unit: UnitCode(unchecked: "BG-CITY"), language: "en"),
        Account(username: Username(unchecked: "viewer"), role: .viewer, unit: nil, language: "en"),
        Account(username: Username(unchecked: "secretary"), role: .editor, unit: UnitCode(unchecked: "BG"), language: "en"),
    ]

    /// The harness's server limits: few sign-in attempts, and a request timeout long enough that a slow,
    /// loaded machine never has the test client's connection closed between two requests.
    static let options = WebOptions(loginAttempts: 3, requestTimeout: .seconds(600))

    static func run(
        options: WebOptions = WebHarness.options, checks: CheckGate? = nil,
        _ body: @escaping @Sendable (LiveClient, Store) async throws -> Void
    ) async throws {
        try await TestDatabase.withStore { store async throws in
            try await prepare(store)
            var options = options
            if let checks { options.checks = checks }
            try await serve(store, options: options) { client in try await body(client, store) }
        }
    }

    /// The same, with the districts' figures of 2024 that the demo also imports.
    static func runWithDistricts(_ body: @escaping @Sendable (LiveClient, Store) async throws -> Void) async throws {
        try await run { client, store async throws in
            try await store.importChecked(ImportFile.read(try Samples.data("bac-giang-districts-2024.json"), file: "bac-giang-districts-2024.json", enteredBy: "tester"))
            try await body(client, store)
        }
    }

    /// The sample, the accounts and the secretary every harness database holds.
    static func prepare(_ store: Store) async throws {
        let data = try #require(FileManager.default.contents(atPath: samples + "/bac-giang-2024.json"))
        try await store.importChecked(ImportFile.read(data, file: "bac-giang-2024.json", enteredBy: "tester"))
        for account in accounts { try await Passwords.addAccount(account, password: password, to: store, cost: 4) }
        try await store.nameSecretary(Username(unchecked: "secretary"), of: UnitCode(unchecked: "BG"), by: "tester")
    }

    /// A live server on `store`, for the length of `body`.
    static func serve(_ store: Store, options: WebOptions = WebHarness.options, _ body: @escaping @Sendable (LiveClient) async throws -> Void) async throws {
        var options = options
        options.ballotKey = ballotKey
        try await LiveServer.run({ [options] running in
            try await buildApplication(Arguments(), store: store, options: options, onServerRunning: running)
        }, body)
    }
}

/// A browser as far as the server can tell: it keeps cookies and sends back the CSRF token of the last page.
final class Browser: @unchecked Sendable {
    let client: LiveClient
    private(set) var cookies: [String: String] = [:]
    private(set) var lastPage = ""

    init(_ client: LiveClient) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let body: String
        let location: String?
        let headers: HTTPFields
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, body: nil, contentType: nil)
    }

    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: Bool = true) async throws -> Page {
        var all = fields
        if csrf, all["_csrf"] == nil, let token = Browser.csrf(in: lastPage) { all["_csrf"] = token }
        let body = all.map { "\(Browser.encode($0.key))=\(Browser.encode($0.value))" }.joined(separator: "&")
        return try await send(path, method: .post, body: ByteBuffer(string: body), contentType: "application/x-www-form-urlencoded")
    }

    /// Posts a file the way a browser's file input does.
    func upload(_ path: String, filename: String, content: String) async throws -> Page {
        let boundary = "----stocktake\(UUID().uuidString)"
        var body = ""
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(Browser.csrf(in: lastPage) ?? "")\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: text/plain\r\n\r\n\(content)\r\n"
        body += "--\(boundary)--\r\n"
        return try await send(path, method: .post, body: ByteBuffer(string: body), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    func signIn(_ username: String, password: String = WebHarness.password) async throws -> Page {
        try await get("/login")
        return try await post("/login", ["username": username, "password": password, "next": "/dashboard"])
    }

    /// The cookies as a request sends them.
    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    private func send(_ path: String, method: HTTPRequest.Method, body: ByteBuffer?, contentType: String?) async throws -> Page {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        if let contentType { headers[.contentType] = contentType }
        return try await client.execute(uri: path, method: method, headers: headers, body: body) { response in
            for field in response.headers[values: .setCookie] {
                let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(pair[0])
                let value = pair.count > 1 ? String(pair[1]) : ""
                if value.isEmpty || field.contains("1970") { self.cookies[name] = nil } else { self.cookies[name] = value }
            }
            let text = String(buffer: response.body)
            if response.status == .ok || response.status.code >= 400 { self.lastPage = text }
            return Page(status: response.status, body: text, location: response.headers[.location], headers: response.headers)
        }
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value="([^"]*)""#, options: .regularExpression) else { return nil }
        return String(html[range]).components(separatedBy: "value=\"").last?.dropLast().description
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
