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

    /// Serves `store` until the process is interrupted (SIGINT or SIGTERM end it gracefully). `key` seals
    /// ballots; without one the server refuses to open, take or close votes.
    func serve(_ store: Store, key: BallotKey?, announce: @escaping @Sendable (String) -> Void) async throws {
        let app = try await buildApplication(self, store: store, options: WebOptions(ballotKey: key)) { port in
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
