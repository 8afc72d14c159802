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

    /// Opens the store (migrating it), runs `body`, and closes the store whatever happens. Only commands that
    /// write (`create: true`) may create a missing SQLite file; the others refuse, so that a mistyped path is an
    /// error rather than an empty database.
    func withStore<R>(create: Bool = false, _ body: (Store) async throws -> R) async throws -> R {
        let location = try location
        if !create, case .sqliteFile(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("no database at '\(path)': create one with `stocktake init`, or give --database")
        }
        return try await Store.using(location, body)
    }
}

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case csv
}

/// A refusal from a command's work (not its arguments): printed as one `error:` line, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
