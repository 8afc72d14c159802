import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every revision of one figure, oldest first; the last one counts.")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "The unit's code.") var unit: String
    @Option(help: "The indicator's code.") var indicator: String
    @Option(help: "The period.") var period: String

    @Option(help: "table or json.")
    var format: OutputFormat = .table

    func run() async throws {
        let period = try parsePeriod(period)
        guard let unitCode = UnitCode(validating: unit), let indicatorCode = IndicatorCode(validating: indicator) else {
            throw ValidationError("--unit and --indicator take \(UnitCode.expectedForm)")
        }
        let key = ObservationKey(unit: unitCode, indicator: indicatorCode, period: period)
        let revisions = try await options.withStore { try await $0.history(of: key) }
        guard !revisions.isEmpty else { throw ValidationError("no observation of \(key) is stored") }
        if format == .json {
            var set = DataSet()
            set.observations = revisions
            print(String(decoding: DataSetJSON.write(set), as: UTF8.self))
            return
        }
        print("History of \(key): \(revisions.count) revision\(revisions.count == 1 ? "" : "s")")
        var table = TextTable(["Rev", "Value", "Source", "Entered by", "Entered at", "Reason"], rightAligned: [0, 1])
        for o in revisions {
            table.add([String(o.revision), o.figure.plainText, "\(o.source.kind.rawValue): \(o.source.citation)", o.enteredBy, o.enteredAt.formatted(.iso8601), o.reason ?? ""])
        }
        print(table.render())
    }
}
