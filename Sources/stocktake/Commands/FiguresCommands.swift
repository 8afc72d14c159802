import ArgumentParser
import Foundation
import StocktakeStore

struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Recompute the maintained figures, roll-ups and findings from the stored records.",
        discussion: """
            Every write keeps the latest figure and the roll-up of every unit, indicator and period up to date, and \
            the findings that follow from them; this recomputes them all, period by period, in one transaction. \
            Needed only after records were changed outside Stocktake, or after an import that stopped before it \
            recomputed its findings; `verify` tells whether it is.
            """)

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let started = ContinuousClock.now
        let (written, findings) = try await options.withStore { store in
            let written = try await store.transaction { tx in
                let figures = try await tx.rebuildFigures { period, rows in
                    FileHandle.standardError.write(Data("  \(period): \(rows) rows\n".utf8))
                }
                let findings = try await tx.rebuildFindings { period, found in
                    FileHandle.standardError.write(Data("  \(period): \(found) findings\n".utf8))
                }
                return (figures, findings)
            }
            try await store.analyze()
            return written
        }
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        print("Rebuilt \(written) maintained figures and \(findings) findings in \(String(format: "%.2f", seconds)) s.")
    }
}

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Compare the maintained figures, roll-ups and findings with a rebuild; exit 1 on any difference.",
        discussion: "Writes nothing. Lists at most --limit differences of each, with what is stored and what a rebuild gives.")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "List at most this many differences.")
    var limit = 20

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, not \(limit)") }
    }

    func run() async throws {
        let (figures, findings) = try await options.withStore { store in
            (try await store.verifyFigures(limit: limit).map(\.description), try await store.verifyFindings(limit: limit).map(\.description))
        }
        guard !figures.isEmpty || !findings.isEmpty else {
            print("The maintained figures and findings equal a rebuild.")
            return
        }
        for (what, differences) in [("figures", figures), ("findings", findings)] where !differences.isEmpty {
            print("The maintained \(what) differ from a rebuild (\(differences.count)\(differences.count == limit ? " or more" : "")):")
            for difference in differences { print("  - \(difference)") }
        }
        print("Run `stocktake rebuild` to recompute them.")
        throw ExitCode(1)
    }
}
