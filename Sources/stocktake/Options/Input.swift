import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

/// Reading import files: JSON data sets and CSV observations, chosen by extension.
enum Input {
    static func read(_ path: String, by user: String) throws -> LocatedDataSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read '\(path)': no such file, or it is not readable")
        }
        let defaults = DataSetJSON.EntryDefaults(enteredBy: user, enteredAt: Date.now.wholeSeconds)
        if path.lowercased().hasSuffix(".csv") {
            guard let text = String(data: data, encoding: .utf8) else {
                var result = LocatedDataSet(file: path)
                result.problems = [ImportProblem(file: path, location: .line(1), field: "(file)", value: "(not UTF-8)", expected: "a UTF-8 text file")]
                return result
            }
            return ObservationCSV.read(text, file: path, defaults: defaults)
        }
        return DataSetJSON.read(data, file: path, defaults: defaults)
    }

    static var currentUser: String {
        ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "stocktake"
    }
}

extension Date {
    /// Timestamps are stored to the second; dropping the fraction up front keeps a re-read value equal.
    var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
