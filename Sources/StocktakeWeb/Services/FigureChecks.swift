import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeReports
import StocktakeStore

/// The figure check as the pages and the API run it: a submitted text or file read within the limits, checked
/// under the gate, compared with the store when a unit and a period are given.
enum FigureChecks {
    /// Reads a submitted text or file within the check's limits and checks it, under the gate that bounds how
    /// many checks run at once; the findings listed are bounded too. Page and API both come through here.
    /// High and medium confidence are listed unless `minimum` says otherwise (the guesses of low confidence too).
    static func run(_ data: Data, name: String, format: CheckedText.Format, language: ReportLanguage?, stored: StoredFigures?,
                    minimum: FigureFinding.Confidence = .medium, gate: CheckGate,
                    limits: CheckedText.Limits = .standard) async throws -> (text: String, result: CheckResult) {
        try await gate.run {
            let text = try CheckedText.read(data, format: format, name: name, limits: limits)
            return (text, FigureCheck.check(text, language: language, stored: stored, minimum: minimum).listing(atMost: limits.listedFindings))
        }
    }

    /// Too large is 413; anything else unreadable is 422.
    static func status(of error: CheckedText.ReadError) -> HTTPResponse.Status {
        if case .tooLarge = error { return .contentTooLarge }
        return .unprocessableContent
    }

    /// The stored figures to compare with, when a unit and a period are given; both or neither.
    static func stored(unit: String, period: String, store: Store) async throws -> StoredFigures? {
        guard !unit.isEmpty || !period.isEmpty else { return nil }
        guard !unit.isEmpty, !period.isEmpty else { throw HTTPError(.badRequest, message: "Give both a unit and a period to compare with the store, or neither.") }
        do {
            return try await Actions(store: store).storedFigures(unit: unit, period: try Period.requested(period))
        } catch let error as ReportInput.InputError {
            throw HTTPError(.notFound, message: error.description)
        }
    }
}
