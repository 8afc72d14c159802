import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// Entry in bulk: each filled cell goes through the single-figure action; refused cells come back with their
/// input and reason, accepted ones are saved; and the completeness of the units below.
@Suite struct EntryGridTests {
    /// The grid's rows as the page lists them: each row's hidden unit and indicator fields, by unit or indicator.
    static func rows(in html: String) -> [String: Int] {
        var rows: [String: Int] = [:]
        let pattern = #/name="u\.(\d+)" value="([^"]+)"><input type="hidden" name="i\.\d+" value="([^"]+)"/#
        for match in html.matches(of: pattern) {
            rows["\(match.output.2)|\(match.output.3)"] = Int(match.output.1)
        }
        return rows
    }

    /// What a browser posts for the grid: every row's keys, and the cells typed into.
    static func post(_ html: String, unit: String, period: String, indicator: String, cells: [String: [String: String]]) -> [String: String] {
        var fields = ["unit": unit, "period": period, "indicator": indicator, "citation": "district reports"]
        for (key, index) in rows(in: html) {
            let parts = key.split(separator: "|")
            fields["u.\(index)"] = String(parts[0])
            fields["i.\(index)"] = String(parts[1])
            for (name, value) in cells[String(parts[indicator.isEmpty ? 1 : 0])] ?? [:] { fields["\(name).\(index)"] = value }
        }
        return fields
    }

    static func history(_ store: Store, _ unit: String, _ indicator: String) async throws -> [Observation] {
        try await store.history(of: ObservationKey(unit: UnitCode(unchecked: unit), indicator: IndicatorCode(unchecked: indicator), period: .year(2024)))
    }

    @Test func theUnitsBelowOnOneIndicatorSaveCellByCellAndARefusedCellKeepsItsInput() async throws {
        try await WebHarness.runWithDistricts { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let grid = try await browser.get("/entry/grid?unit=BG&period=2024&indicator=district_new_members")
            #expect(grid.status == .ok)
            #expect(Self.rows(in: grid.body).count == 10, "the ten districts and city of Bac Giang")
            #expect(grid.body.contains("<caption>") && grid.body.contains("<td class=\"num\" data-label=\"Current\">318 people <a href="))
            let before = try await Self.history(store, "BG-VY", "district_new_members")
            let page = try await browser.post("/entry/grid", Self.post(grid.body, unit: "BG", period: "2024", indicator: "district_new_members", cells: [
                "BG-CITY": ["v": "320"],                                             // a correction without a reason
                "BG-VY": ["v": "262"],                                               // the same figure from another source
                "BG-HH": ["v": "295", "r": "late admissions counted"],             // a correction with its reason
                "BG-TY": ["v": "12,5"],                                              // not a number
            ]))
            #expect(page.status == .unprocessableContent)
            // The refused cells keep what was typed, marked invalid, the reason beside them; the first has focus.
            #expect(page.body.contains("value=\"320\" aria-label=") && page.body.contains("value=\"12,5\" aria-label=") && page.body.contains("value=\"262\" aria-label="))
            #expect(page.body.components(separatedBy: "aria-invalid=\"true\"").count - 1 == 3)
            #expect(page.body.components(separatedBy: " autofocus").count - 1 == 1)
            #expect(page.body.contains("a plain number such as 20699.5") && page.body.contains("a correction needs a reason"))
            #expect(page.body.contains("Cells saved: 1") && page.body.contains("Cells refused: 3"))
            #expect(page.body.contains("saved · Revision 2"))
            // Stored: the accepted correction alone, as a new revision with its reason; nothing for the others.
            let corrected = try await Self.history(store, "BG-HH", "district_new_members")
            #expect(corrected.map(\.revision) == [1, 2] && corrected.last?.reason == "late admissions counted" && corrected.last?.source.citation == "district reports")
            #expect(try await Self.history(store, "BG-CITY", "district_new_members").count == 1)
            #expect(try await Self.history(store, "BG-TY", "district_new_members").count == 1)
            #expect(try await Self.history(store, "BG-VY", "district_new_members") == before)
        }
    }

    @Test func aUnitsOwnIndicatorsSavedTogetherLeadBackToTheGrid() async throws {
        try await WebHarness.runWithDistricts { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("city")
            let grid = try await browser.get("/entry/grid?unit=BG-CITY&period=2025")
            let saved = try await browser.post("/entry/grid", Self.post(grid.body, unit: "BG-CITY", period: "2025", indicator: "", cells: [
                "district_new_members": ["v": "330"], "district_budget_revenue": ["v": "1700.25"],
            ]))
            #expect(saved.status == .seeOther && saved.location == "/entry/grid?unit=BG-CITY&period=2025&saved=2")
            let after = try await browser.get(saved.location ?? "")
            #expect(after.body.contains("Cells saved: 2") && after.body.contains("<td class=\"num\" data-label=\"Current\">330 people <a href="))
            let stored = try await store.observations(periods: [.year(2025)], units: [UnitCode(unchecked: "BG-CITY")])
            #expect(Set(stored.map(\.figure.plainText)) == ["330", "1700.25"])
            #expect(stored.allSatisfy { $0.enteredBy == "city" && $0.revision == 1 })
            // The same cells again: nothing new to store, and the grid says which were unchanged.
            let again = try await browser.post("/entry/grid", Self.post(after.body, unit: "BG-CITY", period: "2025", indicator: "", cells: [
                "district_new_members": ["v": "330"], "district_budget_revenue": ["v": "1700.25"], "nr_communes": ["v": "x"],
            ]))
            #expect(again.status == .unprocessableContent && again.body.components(separatedBy: "unchanged: the same as the latest revision").count - 1 == 2)
            #expect(try await store.observations(periods: [.year(2025)], units: [UnitCode(unchecked: "BG-CITY")]).count == 2)
        }
    }

    @Test func aCellOutsideTheRemitIsRefusedAtThatCellAndNothingIsWritten() async throws {
        try await WebHarness.runWithDistricts { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("city")
            // The city's editor may not open the province's grid at all.
            #expect(try await browser.get("/entry/grid?unit=BG&period=2024&indicator=district_new_members").status == .forbidden)
            let grid = try await browser.get("/entry/grid?unit=BG-CITY&period=2025")
            var fields = Self.post(grid.body, unit: "BG-CITY", period: "2025", indicator: "", cells: ["district_new_members": ["v": "330"]])
            // A forged row for a neighbouring district, as a hand-made post would add it after the page's rows.
            let forged = Self.rows(in: grid.body).count
            fields["u.\(forged)"] = "BG-VY"
            fields["i.\(forged)"] = "district_new_members"
            fields["v.\(forged)"] = "1"
            // And the city's own cell posted twice: it counts once, as its last copy.
            fields["u.\(forged + 1)"] = "BG-CITY"
            fields["i.\(forged + 1)"] = "district_new_members"
            fields["v.\(forged + 1)"] = "331"
            let refused = try await browser.post("/entry/grid", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Cells refused: 1") && refused.body.contains("Cells saved: 1"))
            // Not a row of this grid, the refused cell is named above it.
            #expect(refused.body.contains("<li>BG-VY district_new_members: "))
            #expect(try await store.observations(periods: [.year(2025)], units: [UnitCode(unchecked: "BG-VY")]).isEmpty)
            #expect(try await store.observations(periods: [.year(2025)], units: [UnitCode(unchecked: "BG-CITY")]).map(\.figure.plainText) == ["331"])
        }
    }

    @Test func completenessListsWhatEachUnitBelowReportedAndWhatIsMissing() async throws {
        try await WebHarness.runWithDistricts { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            // 2024: the province and its ten districts reported every figure they have targets for.
            let full = try await browser.get("/completeness?unit=BG&period=2024").body
            #expect(full.components(separatedBy: "✓ complete").count - 1 == 11)
            // 2025: nothing yet. Each district is expected the two figures it reported for 2024; Yen Dung, merged
            // into the city on 1 January 2025, is no longer listed; the province is expected its 15.
            let empty = try await browser.get("/completeness?unit=BG&period=2025").body
            #expect(!empty.contains("✓ complete") && empty.components(separatedBy: ">0/2<").count - 1 == 9 && empty.contains(">0/15<"))
            #expect(!empty.contains("BG-YD"))
            let csv = try await browser.get("/completeness.csv?unit=BG&period=2025")
            #expect(csv.status == .ok && csv.body.hasPrefix("unit,period,expected,reported,missing,status,approved_by,submitted_at,deadline,timeliness,reopened\n"))
            #expect(csv.body.contains("\nBG-CITY,2025,2,0,district_budget_revenue district_new_members,open,,,,no_deadline,\n"))
            #expect(try await browser.get("/completeness.xlsx?unit=BG&period=2025").body.hasPrefix("PK"))
        }
    }
}
