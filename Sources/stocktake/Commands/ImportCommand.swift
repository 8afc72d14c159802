import ArgumentParser
import StocktakeApp
import StocktakeCore
import StocktakeStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a JSON data set, a CSV file of observations, or a review file, all or nothing.",
        discussion: """
            Every record is checked against the others and against the database before anything is written. \
            On any problem, every problem is printed with its file, line or JSON path, field, value and what \
            was expected; the command exits with status 1 and the database is unchanged. Records identical to \
            stored ones are skipped, so importing a file twice changes nothing.
            """)

    @OptionGroup var options: DatabaseOptions

    @Argument(help: "Files to import: .json data sets or .csv observations, several importing as one (all or none); or review files (\"format\": \"stocktake-review/1\"), on their own.")
    var files: [String]

    @OptionGroup var acting: ActingOptions

    @Flag(help: "Check only; write nothing.")
    var dryRun = false

    func run() async throws {
        let reviews = try files.filter { try Input.isReview($0) }
        if !reviews.isEmpty {
            guard reviews.count == files.count else {
                throw ValidationError("review files (\(reviews.joined(separator: ", "))) import on their own, not with data files: import the data first")
            }
            return try await importReviews()
        }
        try await options.withStore { store in
            let account = try await acting.account(in: store)
            // Several files are checked and written as one data set; the acting account entered every figure.
            var combined = LocatedDataSet(file: files.joined(separator: ", "))
            for file in files { combined.append(try Input.read(file, by: account.username.rawValue)) }
            let plan = try await Actions(store: store).importFigures(combined, as: account, via: .commandLine, dryRun: dryRun)
            let set = plan.dataSet
            print("\(dryRun ? "Would import" : "Imported") \(set.recordCount) records (\(set.units.count) units, \(set.documents.count) documents, \(set.indicators.count) indicators, \(set.targets.count) targets, \(set.tasks.count) tasks, \(set.observations.count) observations, \(set.validationRules.count) validation rules); \(plan.unchanged) already stored unchanged.")
        }
    }

    func importReviews() async throws {
        try await options.withStore { store in
            let account = try await acting.account(in: store)
            var combined = LocatedReview(file: files.joined(separator: ", "))
            for file in files { combined.append(try Input.readReview(file)) }
            let plan = try await Actions(store: store).importReview(combined, as: account, via: .commandLine, dryRun: dryRun)
            print("\(dryRun ? "Would import" : "Imported") \(plan.recordCount) review records (\(plan.ratingRules.count) rating rules, \(plan.ratings.count) ratings, \(plan.awardRules.count) award rules, \(plan.conferences.count) conferences); \(plan.unchanged) already stored unchanged.")
        }
    }
}
