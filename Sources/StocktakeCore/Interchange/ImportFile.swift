import Foundation

/// An import file's bytes read as a data set: CSV observations when the name ends in `.csv`, else a JSON data
/// set. The same for the command line and for uploads, so both check files the same way.
public enum ImportFile {
    public static func read(_ data: Data, file: String, enteredBy user: String, at now: Date = Date()) -> LocatedDataSet {
        let defaults = DataSetJSON.EntryDefaults(enteredBy: user, enteredAt: now.wholeSeconds)
        if file.lowercased().hasSuffix(".csv") {
            guard let text = String(data: data, encoding: .utf8) else {
                var result = LocatedDataSet(file: file)
                result.problems = [ImportProblem(file: file, location: .line(1), field: "(file)", value: "(not UTF-8)", expected: "a UTF-8 text file")]
                return result
            }
            return ObservationCSV.read(text, file: file, defaults: defaults)
        }
        return DataSetJSON.read(data, file: file, defaults: defaults)
    }
}

extension Date {
    /// Timestamps are stored to the second; dropping the fraction up front keeps a re-read value equal.
    public var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
