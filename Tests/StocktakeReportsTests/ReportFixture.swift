import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing
import ZIPFoundation
@testable import StocktakeReports

/// The Bac Giang 2024 sample with the synthetic peers its ranks need, as the demo stores it.
enum ReportFixture {
    static let samples = Samples.directory
    static let asOf = try! CalendarDate(parsing: "2025-01-14")

    static func withSample(_ body: @escaping @Sendable (Store) async throws -> Void) async throws {
        try await TestDatabase.withStore { store async throws in
            let data = try Data(contentsOf: samples.appendingPathComponent("bac-giang-2024.json"))
            try await store.importChecked(ImportFile.read(data, file: "bac-giang-2024.json", enteredBy: "tester"))
            let peers = try PeerGenerator(seed: 1, enteredAt: Date(timeIntervalSince1970: 0)).generate(for: try await store.snapshot(for: .year(2024)), period: .year(2024))
            try await store.importChecked(LocatedDataSet(peers, file: "peers"))
            try await body(store)
        }
    }

    static func report(_ store: Store, _ language: ReportLanguage) async throws -> Report {
        try ReportBuilder.build(try await Actions(store: store).reportInput(unit: "BG", period: .year(2024), asOf: asOf, reader: .console), language: language)
    }

    /// The text of a DOCX's body, read as the figure check reads it.
    static func documentText(_ docx: Data) throws -> String {
        try CheckedText.read(docx, format: .docx)
    }
}

/// The parts of an Office package (DOCX, XLSX), read back with ZIPFoundation.
enum PackageParts {
    static func read(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            parts[entry.path] = String(decoding: content, as: UTF8.self)
        }
        return parts
    }
}
