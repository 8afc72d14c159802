import Foundation
import Hummingbird
import SQLKit
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// What an editor could once do through the pages with a crafted file: store a figure no page could read, enter
/// figures in another's name, or make the server work for half a minute on a CSV header.
@Suite struct HostileImportTests {
    static let long = "12345678901234567890123456789012345"

    static func json(value: String, extra: String = "") -> String {
        """
        {"format": "stocktake/1", "observations": [{"unit": "BG-CITY", "indicator": "new_party_members", "period": "2019", "value": \(value),
         "source": {"kind": "report", "citation": "district report"}\(extra)}]}
        """
    }

    @Test func aThirtyFiveDigitJSONNumberIsRefusedAndThePagesStayUp() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("city")
            try await browser.get("/import")
            let before = try await store.rowCounts()
            let refused = try await browser.upload("/import", filename: "big.json", content: Self.json(value: Self.long))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains(Self.long) && refused.body.contains("at most 18 digits before the point"))
            #expect(try await store.rowCounts() == before)
            // The entry form reads figures by the same rule.
            try await browser.get("/entry?unit=BG-CITY&period=2019")
            let entry = try await browser.post("/entry", ["unit": "BG-CITY", "period": "2019", "indicator": "new_party_members", "value": Self.long])
            #expect(entry.status == .unprocessableContent && entry.body.contains("at most 18 digits before the point"))
            #expect(try await store.rowCounts() == before)
            #expect(try await browser.get("/dashboard?unit=BG&period=2024").status == .ok)
        }
    }

    @Test func aRowNoProgramCouldReadDoesNotTakeThePagesDown() async throws {
        try await WebHarness.run { client, store async throws in
            try await store.sql.raw("""
                INSERT INTO observations (unit_code, indicator_code, period, revision, value, source_kind, citation, entered_by, entered_at) \
                VALUES ('BG', 'grdp_size', '2023', 1, '\(unsafeRaw: Self.long)', 'entry', 'c', 't', '2025-01-14T08:00:00Z')
                """).run()
            let browser = Browser(client)
            _ = try await browser.signIn("viewer")
            for path in ["/dashboard?unit=BG&period=2024", "/units/BG?period=2024", "/indicators/grdp_size", "/api/v1/evaluations/BG?period=2024"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
        }
    }

    @Test func anImportedFigureIsEnteredByTheImporterNowWhateverTheFileSays() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("city")
            try await browser.get("/import")
            let started = Date().addingTimeInterval(-5)
            let spoofed = Self.json(value: "\"300\"", extra: #", "entered_by": "admin", "entered_at": "2001-01-01T00:00:00Z""#)
            #expect(try await browser.upload("/import", filename: "spoofed.json", content: spoofed).status == .ok)
            let stored = try await store.history(of: ObservationKey(unit: UnitCode(unchecked: "BG-CITY"), indicator: IndicatorCode(unchecked: "new_party_members"), period: .year(2019)))
            #expect(stored.map(\.enteredBy) == ["city"])
            #expect(stored.allSatisfy { $0.enteredAt >= started.wholeSeconds })
        }
    }

    @Test func aCSVOfTwoHundredThousandColumnsIsRefusedWithAShortPage() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("city")
            try await browser.get("/import")
            let header = (0..<200_000).map { "c\($0)" }.joined(separator: ",")
            let page = try await browser.upload("/import", filename: "wide.csv", content: header + "\n")
            #expect(page.status == .unprocessableContent)
            #expect(page.body.utf8.count < 100_000)
            #expect(page.body.contains("at most 64 columns"))
        }
    }
}
