import Foundation
import StocktakeCore
import StocktakeStore

/// The sample data every test reads: one path to it, and the review as the demo loads it.
public enum Samples {
    /// The repository's `Samples` folder.
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples").standardized

    public static var path: String { directory.path }

    public static func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    /// The province and its districts as one data set, and the review file (rules, earlier ratings, conferences):
    /// what the demo imports, written without an acting account, as a database is set up.
    public static func importReview(into store: Store) async throws {
        var data = ImportFile.read(try Self.data("bac-giang-2024.json"), file: "bac-giang-2024.json", enteredBy: "setup")
        data.append(ImportFile.read(try Self.data("bac-giang-districts-2024.json"), file: "bac-giang-districts-2024.json", enteredBy: "setup"))
        try await store.importChecked(data)
        try await store.importReview(ReviewJSON.read(try Self.data("bac-giang-review-2024.json"), file: "bac-giang-review-2024.json"), by: "setup")
    }
}
