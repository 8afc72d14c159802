import Foundation
import Hummingbird
import StocktakeCore
import Testing
@testable import StocktakeWeb

/// The charts explain themselves: a legend of what is drawn, the measure on the axis, roll-ups drawn where a
/// unit has no figure of its own, the units below as bars, and a title and description a screen reader gives.
@Suite struct ChartTests {
    @Test func aUnitWithOnlyARollupHasItDrawnAndNamedInTheLegend() async throws {
        try await WebHarness.runWithDistricts { client, _ async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let page = try await browser.get("/indicators/district_budget_revenue?unit=BG&period=2024").body
            let chart = try #require(page.firstMatch(of: #/<svg[^>]*aria-labelledby="history-title history-desc".*?</svg>/#.dotMatchesNewlines()))
            let svg = String(chart.output)
            // The province has no own figure: the roll-up of its districts (9,964.3 billion VND of 10) is the point.
            #expect(svg.contains("<circle class=\"point rollup\"") && !svg.contains("<circle class=\"point own\""))
            #expect(svg.contains("<g class=\"legend\">") && svg.contains(">Sum of the children</text>"))
            #expect(svg.contains("<text class=\"axis unit\"") && svg.contains(">billion VND</text>"))
            #expect(svg.contains("<desc id=\"history-desc\">2024: ") && svg.contains(" (Sum of the children)</desc>"))
        }
    }

    @Test func theUnitsBelowAreBarsBestFirstWithTheirFiguresAndADownload() async throws {
        try await WebHarness.runWithDistricts { client, _ async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let page = try await browser.get("/indicators/district_new_members?unit=BG&period=2024").body
            let chart = try #require(page.firstMatch(of: #/<svg[^>]*class="chart bars".*?</svg>/#.dotMatchesNewlines()))
            let svg = String(chart.output)
            #expect(svg.components(separatedBy: "<rect class=\"bar\"").count - 1 == 10)
            // Best first: more new members is better, so the largest figure leads; the description says each.
            let description = try #require(svg.firstMatch(of: #/<desc id="below-desc">([^<]*)</desc>/#)).output.1
            let figures = description.split(separator: ";").map { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces).split(separator: " ")[0].replacingOccurrences(of: ",", with: ""))! }
            #expect(figures.count == 10 && figures == figures.sorted(by: >) && figures.contains(318))
            let csv = try await browser.get("/indicators/district_new_members/below.csv?unit=BG&period=2024")
            #expect(csv.status == .ok && csv.body.hasPrefix("unit,indicator,period,value,denominator,rollup\n"))
            #expect(csv.body.contains("\nBG-CITY,district_new_members,2024,318,,false\n"))
            #expect(csv.body.split(separator: "\n").count == 11)
            // The ranking of the unit's level downloads too: position of peers, the unit, exact figures.
            let ranking = try await browser.get("/indicators/district_new_members/ranking.csv?unit=BG-CITY&period=2024")
            #expect(ranking.status == .ok && ranking.body.hasPrefix("position,of,unit,indicator,period,value,denominator,synthetic\n"))
            // The districts' figures are illustrative (source kind "synthetic"), and say so.
            #expect(ranking.body.contains("\n1,10,BG-CITY,district_new_members,2024,318,,true\n"))
            #expect(try await browser.get("/indicators/district_new_members/ranking.xlsx?unit=BG-CITY&period=2024").body.hasPrefix("PK"))
            // A unit without units below says so instead of drawing nothing.
            #expect(try await browser.get("/indicators/district_new_members?unit=BG-CITY&period=2024").body.contains("No figures for this unit and period."))
        }
    }

    @Test func theLegendListsOnlyWhatIsDrawnAndTheDescriptionEveryPoint() {
        let format = UIText.forLanguage("en").format
        let chart = HistoryChart(
            id: "h", title: "Budget", measure: "billion VND",
            points: [.init(label: "2023", value: 10, text: "10", kind: .derived), .init(label: "2024", value: 12, text: "12", kind: .own)],
            targets: [.init(label: "2024", value: 11, text: "≥ 11")],
            words: .init(own: "Own figure", rollup: "Sum of the children", derived: "derived", target: "Target"), format: format)
        #expect(chart.description == "2023: 10 (derived); 2024: 12; Target 2024: ≥ 11")
        #expect(chart.svg.contains(">Own figure</text>") && chart.svg.contains(">derived</text>") && chart.svg.contains(">Target</text>"))
        #expect(!chart.svg.contains("Sum of the children"))
        // The axis covers the figures and the target together.
        let ticks = HistoryChart.ticks(low: 10, high: 12)
        #expect(ticks.first! <= 10 && ticks.last! >= 12)
    }
}
