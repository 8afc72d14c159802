import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

/// Options shared by the commands that evaluate: which period, on which day.
struct PeriodOptions: ParsableArguments {
    @Option(help: "The period: 2024, 2024Q1, 2024-03 or 2020/2025.")
    var period: String

    @Option(help: "The day of the evaluation (YYYY-MM-DD); a period not yet ended is 'not yet due'. Defaults to today.")
    var asOf: String?

    func resolved() throws -> (Period, CalendarDate) {
        let period = try parsePeriod(period)
        if let asOf {
            do { return (period, try CalendarDate(parsing: asOf)) } catch { throw ValidationError("--as-of \(error)") }
        }
        return (period, CalendarDate.utcDay(Date()))
    }
}

struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a unit for a period: achievement, status, change on the year before, ranks, tasks and findings.")

    @OptionGroup var options: DatabaseOptions
    @OptionGroup var periodOptions: PeriodOptions

    @Option(help: "The unit's code, e.g. BG.")
    var unit: String

    @Option(help: "table for people, json for programs, csv for spreadsheets.")
    var format: OutputFormat = .table

    func run() async throws {
        let (period, asOf) = try periodOptions.resolved()
        let output = try await options.withStore { store in
            try await evaluate(store: store, unit: unit, period: period, asOf: asOf)
        }
        switch format {
        case .table: print(output.table())
        case .json: print(output.json())
        case .csv: print(output.csv())
        }
    }
}

/// Reads the unit's evaluation from the store's maintained figures and the findings of its subtree a batch of
/// units at a time: memory holds one batch, whatever the size of the tree.
func evaluate(store: Store, unit code: String, period: Period, asOf: CalendarDate) async throws -> EvaluationOutput {
    guard let unitCode = UnitCode(validating: code), let review = try await store.unitReview(of: unitCode, period: period, asOf: asOf) else {
        let known = try await store.unitCodes(limit: 13)
        throw ValidationError("--unit '\(code)' is not a stored unit: expected one of \(known.prefix(12).map(\.rawValue).joined(separator: ", "))\(known.count > 12 ? ", …" : "")")
    }
    return EvaluationOutput(
        review: review, indicators: try await store.indicatorsByCode(),
        findings: try await store.subtreeFindings(of: unitCode, period: period, asOf: asOf))
}
