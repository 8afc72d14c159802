import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// The dashboard's switchers: what to show, in what order, the year before beside each figure, a trend per row.
@Suite struct DashboardChoiceTests {
    /// The indicator links of the results table, in the order the page lists them.
    static func indicators(in html: String) -> [String] {
        guard let table = html.range(of: "<table class=\"results\">"), let end = html.range(of: "</table>", range: table.upperBound..<html.endIndex) else { return [] }
        return html[table.upperBound..<end.lowerBound].matches(of: #/<a href="/indicators/([a-z0-9_]+)\?/#).map { String($0.output.1) }
    }

    @Test func whatIsShownAndItsOrderAreTheReadersChoice() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let review = try #require(try await store.unitReview(of: UnitCode(unchecked: "BG"), period: .year(2024), asOf: DataVersions.today()))
            let all = Self.indicators(in: try await browser.get("/dashboard?unit=BG&period=2024").body)
            #expect(all == review.results.map(\.indicator.rawValue))
            // With a target: the three indicators with targets, and no other.
            let withTarget = try await browser.get("/dashboard?unit=BG&period=2024&show=target").body
            #expect(Self.indicators(in: withTarget) == review.results.filter { !$0.targets.isEmpty }.map(\.indicator.rawValue))
            #expect(Self.indicators(in: withTarget).count == 3 && withTarget.contains("<option value=\"target\" selected>With a target</option>"))
            // Not met: none in Bac Giang 2024, and the page says that nothing matches rather than that there are no figures.
            let notMet = try await browser.get("/dashboard?unit=BG&period=2024&show=not_met").body
            #expect(Self.indicators(in: notMet).isEmpty && notMet.contains("No indicator matches what is chosen to show."))
            // Sorted by achievement, lowest first, and by change, largest first: the order the one rule gives.
            for order in [ResultSelection.Order.achievement, .change, .rank] {
                let page = try await browser.get("/dashboard?unit=BG&period=2024&sort=\(order.rawValue)").body
                #expect(Self.indicators(in: page) == ResultSelection(order: order).apply(to: review).map(\.indicator.rawValue), "\(order)")
                // Achievement and change reorder this table (every rank here is 1 of 1), so the page cannot pass by ignoring them.
                if order != .rank { #expect(Self.indicators(in: page) != all, "\(order)") }
            }
            let achievements = ResultSelection(show: .target, order: .achievement).apply(to: review).map { $0.targets.compactMap(\.achievement).min()! }
            #expect(achievements == achievements.sorted() && achievements.count == 3)
            // An unknown choice is the default, not an error.
            #expect(try await browser.get("/dashboard?unit=BG&period=2024&show=%3Cx%3E&sort=1").status == .ok)
        }
    }

    @Test func theYearBeforeStandsBesideEachFigureDerivedWhereOnlyAChangeIsStated() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let page = try await browser.get("/dashboard?unit=BG&period=2024&compare=1").body
            #expect(page.contains("<th scope=\"col\">Year before 2023</th>") && page.contains("name=\"compare\" value=\"1\" checked"))
            // GRDP per capita 4,370 USD, up 10.6 %: the year before is 4,370 / 1.106 ≈ 3,951, marked as derived.
            #expect(page.contains("<td class=\"num\">≈ 3,951 USD</td>"), "\(page.components(separatedBy: "grdp_per_capita").dropFirst().first?.prefix(600) ?? "")")
            #expect(page.contains("≈ derived from the change the report states"))
            #expect(!(try await browser.get("/dashboard?unit=BG&period=2024").body.contains("Year before")))
        }
    }

    @Test func eachRowDrawsItsTrendOverTheStoredYears() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            // Two earlier years of Bac Giang's new party members, entered as any editor would.
            for (year, value) in [(2022, "3800"), (2023, "4100")] {
                try await browser.get("/entry?unit=BG&period=\(year)")
                let saved = try await browser.post("/entry", ["unit": "BG", "period": "\(year)", "indicator": "new_party_members", "value": value, "citation": "annual report"])
                #expect(saved.status == .seeOther)
            }
            let page = try await browser.get("/dashboard?unit=BG&period=2024").body
            let row = try #require(page.components(separatedBy: "<tr").first { $0.contains("/indicators/new_party_members?") })
            let svg = try #require(row.firstMatch(of: #/<svg[^>]*class="sparkline"[^>]*><title>([^<]*)</title>/#))
            #expect(svg.output.1.hasPrefix("Trend — New party members admitted: 2022 3,800"))
            #expect(svg.output.1.contains("; 2023 4,100") && svg.output.1.contains("; 2024 "))
            #expect(row.components(separatedBy: "<circle cx=").count - 1 == 3 && !row.contains("class=\"derived\""))
            // A row with one stored year and a stated change: the derived year before is a hollow point.
            let perCapita = try #require(page.components(separatedBy: "<tr").first { $0.contains("/indicators/grdp_per_capita?") })
            #expect(perCapita.contains("<circle class=\"derived\"") && perCapita.contains("2023 ≈ 3,951 USD"))
        }
    }
}
