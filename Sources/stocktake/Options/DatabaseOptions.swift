import ArgumentParser
import Foundation
import StocktakeStore

/// The database every command works on.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database: a SQLite file path, sqlite:PATH or sqlite::memory:.",
            discussion: "Defaults to $STOCKTAKE_DATABASE_URL, else stocktake.sqlite in the current folder."))
    var database: String?

    var location: DatabaseLocation {
        get throws {
            let text = database ?? ProcessInfo.processInfo.environment["STOCKTAKE_DATABASE_URL"] ?? "stocktake.sqlite"
            do { return try DatabaseLocation(parsing: text) } catch { throw ValidationError(error.description) }
        }
    }

    /// Opens the store (migrating it), runs `body`, and closes the store whatever happens.
    func withStore<R>(_ body: (Store) async throws -> R) async throws -> R {
        try await Store.using(try location, body)
    }
}

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case csv
}
