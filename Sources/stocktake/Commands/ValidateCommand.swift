import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check files against the database without importing, and stored data for findings.",
        discussion: """
            With files: checks them as `import` would and writes nothing. With --period: lists the validation \
            findings of the whole tree (roll-up mismatches, missing reports, values far outside a unit's history, \
            stated ranks or comparisons that the stored figures contradict, overdue tasks), read from the store \
            root by root as the pages read them, with no evaluation of the period held in memory. Exits with \
            status 1 when anything is found.
            """)

    @OptionGroup var options: DatabaseOptions

    @Argument(help: "Files to check, as for import.")
    var files: [String] = []

    @Option(help: "Evaluate this period and list its findings.")
    var period: String?

    @Option(help: "The day of the evaluation (YYYY-MM-DD); defaults to the period's last day.")
    var asOf: String?

    func validate() throws {
        if files.isEmpty && period == nil { throw ValidationError("give files to check, --period to list findings, or both") }
    }

    func run() async throws {
        var found = 0
        try await options.withStore { store in
            for file in files {
                do {
                    let plan = try await store.importChecked(try Input.read(file, by: Input.currentUser), dryRun: true)
                    print("\(file): valid; \(plan.dataSet.recordCount) new records, \(plan.unchanged) already stored")
                } catch let error as ImportProblems {
                    print(error.description)
                    found += error.problems.count
                }
            }
            // Rows changed outside Stocktake are skipped by every read; here they are listed.
            let unreadable = try await store.unreadableObservations()
            for row in unreadable { print("  - [unreadable-row] \(row)") }
            found += unreadable.count
            if let period {
                let period = try parsePeriod(period)
                var day = period.lastDay
                if let asOf {
                    do { day = try CalendarDate(parsing: asOf) } catch { throw ValidationError("--as-of \(error)") }
                }
                var findings: [Finding] = []
                for root in try await store.roots() { findings += try await store.subtreeFindings(of: root.code, period: period, asOf: day) }
                findings = Finding.sorted(findings)
                print("Findings for \(period): \(findings.isEmpty ? "none" : String(findings.count))")
                for finding in findings { print("  - [\(finding.code)] \(finding)") }
                found += findings.count
            }
        }
        if found > 0 { throw ExitCode(1) }
    }
}
