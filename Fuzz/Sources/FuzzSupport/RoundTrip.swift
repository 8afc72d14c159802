import Foundation
import StocktakeCore

/// What a read data set holds, in a stable order, for comparing a set with itself written and read again. An
/// observation whose file leaves its revision to the store is taken as the first.
public func records(_ set: LocatedDataSet) -> DataSet {
    DataSet(
        units: set.units.map(\.value), documents: set.documents.map(\.value), indicators: set.indicators.map(\.value),
        targets: set.targets.map(\.value), tasks: set.tasks.map(\.value),
        observations: set.observations.map { pending in
            var observation = pending.value.observation
            observation.revision = pending.value.revision ?? 1
            return observation
        }
    ).normalized
}

public let defaults = DataSetJSON.EntryDefaults(enteredBy: "fuzz", enteredAt: Date(timeIntervalSince1970: 1_700_000_000))

/// Every problem names the file read, and a set without problems writes as JSON that reads back to the same records.
public func checkRead(_ set: LocatedDataSet, file: String, input: [UInt8]) {
    for problem in set.problems {
        invariant(problem.file == file, "a problem names '\(problem.file)', not the file read: \(problem)", input: input)
    }
    guard set.problems.isEmpty else { return }
    let written = DataSetJSON.write(records(set))
    let again = DataSetJSON.read(written, file: "again.json", defaults: defaults)
    invariant(again.problems.isEmpty, "the records read, written as JSON, do not read back: \(again.problems.prefix(3))", input: input)
    invariant(records(again) == records(set), "the records read, written as JSON and read back, differ", input: input)
}
