import ArgumentParser
import Foundation
import Hummingbird
import Logging
import StocktakeStore
import StocktakeWeb

/// Where and how loudly the server runs; shared by `serve` and `demo`.
struct ServerOptions: ParsableArguments, AppArguments {
    @Option(help: "The address to listen on.")
    var hostname = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8080

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    @OptionGroup var ballotKey: BallotKeyOptions

    @Option(help: "Seconds a connection may go without sending a complete request (a half-sent header, an idle keep-alive) before it is closed.")
    var requestTimeout = Int(WebOptions.defaultRequestTimeout.components.seconds)

    @Option(help: "Open connections beyond which new ones are answered 503 and closed.")
    var maxConnections = WebOptions.defaultMaxConnections

    @Option(help: "Failed sign-ins allowed for one name within 15 minutes.")
    var loginAttempts = WebOptions().loginAttempts

    @Option(help: "Failed sign-ins allowed from one address within 15 minutes, whatever the names (behind a proxy every client has the proxy's address).")
    var loginAttemptsPerAddress = WebOptions().loginAttemptsPerAddress

    @Flag(help: "Mark cookies Secure: give it when the site is reached over HTTPS (also behind a proxy that ends HTTPS).")
    var secureCookies = false

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a TCP port: expected 0 to 65535 (0 picks a free one).")
        }
        guard (1...3600).contains(requestTimeout) else {
            throw ValidationError("--request-timeout \(requestTimeout) is out of range: expected 1 to 3600 seconds.")
        }
        guard (1...1_000_000).contains(maxConnections) else {
            throw ValidationError("--max-connections \(maxConnections) is out of range: expected 1 to 1000000.")
        }
        for (name, value) in [("--login-attempts", loginAttempts), ("--login-attempts-per-address", loginAttemptsPerAddress)] where !(1...10_000).contains(value) {
            throw ValidationError("\(name) \(value) is out of range: expected 1 to 10000.")
        }
    }

    func webOptions(ballotKey key: BallotKey?) -> WebOptions {
        WebOptions(
            loginAttempts: loginAttempts, loginAttemptsPerAddress: loginAttemptsPerAddress, secureCookies: secureCookies,
            requestTimeout: .seconds(requestTimeout), maxConnections: maxConnections, ballotKey: key)
    }

    /// Serves `store` until the process is interrupted (SIGINT or SIGTERM end it gracefully). `key` seals
    /// ballots; without one the server refuses to open, take or close votes.
    func serve(_ store: Store, key: BallotKey?, announce: @escaping @Sendable (String) -> Void) async throws {
        let app = try await buildApplication(self, store: store, options: webOptions(ballotKey: key)) { port in
            announce("http://\(hostname):\(port)")
        }
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the web application and the JSON API over a database.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var server: ServerOptions

    func run() async throws {
        let store = try await Store.open(try database.location)
        do {
            let key = try server.ballotKey.load()
            try await server.serve(store, key: key) { address in
                print("Stocktake is serving \(address) (database: \(store.location)). Stop with Ctrl-C.")
                if key == nil { print("No ballot key given (--ballot-key-file): confidence votes can be read but not opened, cast or closed.") }
                fflush(nil)
            }
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }
}
