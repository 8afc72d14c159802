import ArgumentParser
import StocktakeStore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database, or bring its schema up to date.")

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        try await options.withStore(create: true) { store in
            let counts = try await store.rowCounts()
            print("Database ready: \(store.location) (\(counts["units"] ?? 0) units, \(counts["observations"] ?? 0) observations)")
        }
    }
}
