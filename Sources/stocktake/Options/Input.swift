import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

/// Reading import files from disk; ``ImportFile`` reads their content.
enum Input {
    static func read(_ path: String, by user: String) throws -> LocatedDataSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read '\(path)': no such file, or it is not readable")
        }
        return ImportFile.read(data, file: path, enteredBy: user)
    }

    /// Whether a file is a review file, by its `format` field.
    static func isReview(_ path: String) throws -> Bool {
        guard path.lowercased().hasSuffix(".json") else { return false }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read '\(path)': no such file, or it is not readable")
        }
        return ReviewJSON.isReview(data)
    }

    static func readReview(_ path: String) throws -> LocatedReview {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read '\(path)': no such file, or it is not readable")
        }
        return ReviewJSON.read(data, file: path)
    }

    static var currentUser: String {
        ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "stocktake"
    }
}
