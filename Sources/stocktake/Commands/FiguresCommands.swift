import ArgumentParser
import Foundation
import StocktakeStore

struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Recompute the maintained figures and roll-ups from the stored observations.",
        discussion: """
            Every write keeps the latest figure and the roll-up of every unit, indicator and period up to date; \
            this recomputes them all, period by period, in one transaction. Needed only after observations were \
            changed outside Stocktake; `verify` tells whether it is.
            """)

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let started = ContinuousClock.now
        let written = try await options.withStore { store in
            let written = try await store.transaction { tx in
                try await tx.rebuildFigures { period, rows in
                    FileHandle.standardError.write(Data("  \(period): \(rows) rows\n".utf8))
                }
            }
            try await store.analyze()
            return written
        }
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        print("Rebuilt \(written) maintained figures in \(String(format: "%.2f", seconds)) s.")
    }
}

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Compare the maintained figures and roll-ups with a rebuild; exit 1 on any difference.",
        discussion: "Writes nothing. Lists at most --limit differences, each with the stored and the rebuilt figure.")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "List at most this many differences.")
    var limit = 20

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, not \(limit)") }
    }

    func run() async throws {
        let differences = try await options.withStore { store in try await store.verifyFigures(limit: limit) }
        guard !differences.isEmpty else {
            print("The maintained figures equal a rebuild.")
            return
        }
        print("The maintained figures differ from a rebuild (\(differences.count)\(differences.count == limit ? " or more" : "")):")
        for difference in differences { print("  - \(difference)") }
        print("Run `stocktake rebuild` to recompute them.")
        throw ExitCode(1)
    }
}
