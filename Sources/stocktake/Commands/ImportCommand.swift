import ArgumentParser
import StocktakeCore
import StocktakeStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a JSON data set or a CSV file of observations, all or nothing.",
        discussion: """
            Every record is checked against the others and against the database before anything is written. \
            On any problem, every problem is printed with its file, line or JSON path, field, value and what \
            was expected; the command exits with status 1 and the database is unchanged. Records identical to \
            stored ones are skipped, so importing a file twice changes nothing.
            """)

    @OptionGroup var options: DatabaseOptions

    @Argument(help: "Files to import: .json data sets or .csv observations. Several files import as one: all or none.")
    var files: [String]

    @Option(help: "Who enters observations that do not name their author.")
    var by: String = Input.currentUser

    @Flag(help: "Check only; write nothing.")
    var dryRun = false

    func run() async throws {
        try await options.withStore { store in
            // Several files are checked and written as one data set.
            var combined = LocatedDataSet(file: files.joined(separator: ", "))
            for file in files { combined.append(try Input.read(file, by: by)) }
            let plan = try await store.importChecked(combined, dryRun: dryRun)
            let set = plan.dataSet
            print("\(dryRun ? "Would import" : "Imported") \(set.recordCount) records (\(set.units.count) units, \(set.documents.count) documents, \(set.indicators.count) indicators, \(set.targets.count) targets, \(set.tasks.count) tasks, \(set.observations.count) observations); \(plan.unchanged) already stored unchanged.")
        }
    }
}
