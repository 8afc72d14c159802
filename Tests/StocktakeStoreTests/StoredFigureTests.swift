import Foundation
import SQLKit
import Testing
@testable import StocktakeCore
@testable import StocktakeStore
import StocktakeTestSupport

/// The store never holds a figure it cannot read, and one row it cannot read (written with raw SQL, outside
/// Stocktake) does not take a read down: it is skipped and listed. On the engine the suite runs on.
@Suite struct StoredFigureTests {
    static let long = "12345678901234567890123456789012345"
    static let key = ObservationKey(unit: UnitCode(unchecked: "BG"), indicator: IndicatorCode(unchecked: "grdp_size"), period: .year(2024))

    @Test func aThirtyFiveDigitRowWrittenWithRawSQLIsSkippedListedAndTakesNothingDown() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            let before = try await store.dataSet()
            // One bad correction of an evaluated figure, and one bad figure a year earlier (read as history).
            try await store.sql.raw("""
                INSERT INTO observations (unit_code, indicator_code, period, revision, value, source_kind, citation, entered_by, entered_at, reason) \
                VALUES ('BG', 'grdp_size', '2024', 2, '\(unsafeRaw: Self.long)', 'entry', 'c', 't', '2025-01-14T08:00:00Z', 'r')
                """).run()
            try await store.sql.raw("""
                INSERT INTO observations (unit_code, indicator_code, period, revision, value, source_kind, citation, entered_by, entered_at) \
                VALUES ('BG', 'grdp_size', '2023', 1, '\(unsafeRaw: Self.long)', 'entry', 'c', 't', '2025-01-14T08:00:00Z')
                """).run()
            let evaluator = try await store.evaluator(for: .year(2024))
            let evaluation = evaluator.evaluate(period: .year(2024), asOf: try CalendarDate(year: 2025, month: 1, day: 14))
            #expect(evaluation.results[Self.key]?.own?.revision == 1, "the readable revision counts")
            let exported = try await store.dataSet()
            #expect(exported.observations.count == before.observations.count)
            #expect(!DataSetJSON.write(exported).isEmpty)
            let unreadable = try await store.unreadableObservations()
            #expect(unreadable.map(\.key) == ["BG/grdp_size/2023", "BG/grdp_size/2024"])
            #expect(unreadable.allSatisfy { $0.problem.contains(String(Self.long.prefix(20))) })
        }
    }

    @Test func theStoreRefusesToWriteAFigureItCouldNotReadBack() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            let counts = try await store.rowCounts()
            var plan = ImportPlan()
            plan.dataSet.observations = [Observation(
                key: ObservationKey(unit: Self.key.unit, indicator: Self.key.indicator, period: .year(2023)),
                figure: .value(Decimal(string: "1234567890123456789012")!), source: .init(kind: .entry, citation: "c"),
                enteredBy: "t", enteredAt: StoreTests.defaults.enteredAt)]
            await #expect(throws: StoreError.self) { try await store.apply(plan) }
            #expect(try await store.rowCounts() == counts)
            #expect(try await store.unreadableObservations().isEmpty)
        }
    }

    @Test func aCSVExportOfTheSampleImportsBackIntoTheSameDatabaseAsUnchanged() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            let stored = try await store.dataSet().observations
            #expect(stored.contains { !$0.claims.isEmpty }, "the sample states comparisons and ranks")
            let csv = ObservationCSV.write(stored)
            let plan = try await store.importChecked(ImportFile.read(Data(csv.utf8), file: "export.csv", enteredBy: "someone else"))
            #expect(plan.dataSet.observations.isEmpty && plan.unchanged == stored.count)
            // Without a revision column, an unchanged row is skipped too: it asks for no reason.
            let short = "unit,indicator,period,value,denominator,source_kind,source\n" + stored.map { o in
                var value = ""
                var denominator = ""
                switch o.figure {
                case .value(let v): value = v.exactText
                case .share(let x, let y): (value, denominator) = (x.exactText, y.exactText)
                }
                return [o.key.unit.rawValue, o.key.indicator.rawValue, o.key.period.description, value, denominator, o.source.kind.rawValue,
                        ObservationCSV.quote(o.source.citation)].joined(separator: ",")
            }.joined(separator: "\n")
            let again = try await store.importChecked(ImportFile.read(Data(short.utf8), file: "short.csv", enteredBy: "someone else"))
            #expect(again.dataSet.observations.isEmpty && again.unchanged == stored.count)
            #expect(try await store.dataSet().observations == stored)
        }
    }
}
