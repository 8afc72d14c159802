import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeReports

/// A report is written from its unit's evaluation and its subtree's findings read from the store, not from a
/// whole period's evaluation: what it reads must be that evaluation's part, for every unit.
@Suite struct ReportInputTests {
    @Test func theInputOfEveryUnitsReportIsTheWholeEvaluationsPart() async throws {
        try await ReportFixture.withSample { store in
            let evaluator = try await store.evaluator(for: .year(2024))
            let evaluation = evaluator.evaluate(period: .year(2024), asOf: ReportFixture.asOf)
            var findings = 0
            for unit in evaluator.tree.units.values.sorted(by: { $0.code < $1.code }) {
                let input = try await Actions(store: store).reportInput(unit: unit.code.rawValue, period: .year(2024), asOf: ReportFixture.asOf, reader: .console)
                #expect(evaluation.differences(from: input.review) == [])
                let expected = evaluation.findings(for: Set(evaluator.tree.subtree(of: unit.code)))
                #expect(Set(input.findings) == Set(expected), "\(unit.code)")
                #expect(Set(input.named.keys).isSuperset(of: expected.map(\.unit)), "\(unit.code): every unit a finding names is named")
                findings += expected.count
            }
            #expect(findings > 0, "the sample has findings to compare")
            await #expect(throws: ReportInput.InputError.self) {
                try await Actions(store: store).reportInput(unit: "NOWHERE", period: .year(2024), asOf: ReportFixture.asOf, reader: .console)
            }
        }
    }
}
