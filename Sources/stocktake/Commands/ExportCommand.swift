import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole database as a JSON data set, or its observations as CSV.",
        discussion: "Every revision is written; importing the result into an empty database gives the same data back.")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "json: the whole data set; csv: observations only.")
    var format: Format = .json

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case csv
    }

    func run() async throws {
        let data = try await options.withStore { store in
            let set = try await store.dataSet()
            switch format {
            case .json: return DataSetJSON.write(set)
            case .csv: return Data(ObservationCSV.write(set.observations).utf8)
            }
        }
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: data) else {
                throw ValidationError("cannot write '\(out)'")
            }
        } else {
            FileHandle.standardOutput.write(data)
            if format == .json { print() }
        }
    }
}
