import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing
@testable import StocktakeWeb

/// Pages showing names from Samples/hostile-names.json, served over HTTP: every name arrives escaped, so no `"`,
/// `<` or `&` of a name reaches the browser as markup, even followed by a combining mark (U+0301), which the
/// Character-by-Character escaping of the templates and the chart let through.
@Suite struct HostileNamePageTests {
    static let pages = [
        "/dashboard?unit=HX-QUOTE&period=2024",
        "/units/HX-QUOTE?period=2024",
        "/indicators/hx_quote?unit=HX-QUOTE&period=2024",
        "/indicators/hx_script?unit=HX-SCRIPT&period=2024",
        "/indicators/grdp_growth?unit=BG&period=2024",
        "/documents",
        "/documents/HX-DOC",
        "/entry?unit=HX-QUOTE&period=2024",
        "/history?unit=HX-QUOTE&period=2024&indicator=hx_quote",
    ] + ["vi", "en", "es", "el", "ru", "ar"].map { "/reports?unit=HX-QUOTE&period=2024&lang=\($0)&format=html" }

    @Test func everyPageEscapesHostileNamesByScalar() async throws {
        try await WebHarness.run { client, store async throws in
            try await HostileNames.importSample(into: store)
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            for path in Self.pages {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(HostileNames.leaks(in: page.body) == [], "\(path)")
                // The page does show a hostile name, escaped (else the test could not fail).
                #expect(HostileNames.rawMarkers.contains { HostileNames.contains(page.body, Escape.html($0)) }, "\(path)")
            }
        }
    }

    @Test func aQuoteFollowedByACombiningMarkStaysInsideChartsAndAttributes() async throws {
        try await WebHarness.run { client, store async throws in
            try await HostileNames.importSample(into: store)
            let browser = Browser(client)
            _ = try await browser.signIn("viewer")
            let page = try await browser.get("/indicators/hx_quote?unit=HX-QUOTE&period=2024").body
            let start = try #require(page.range(of: "<svg"))
            let end = try #require(page.range(of: "</svg>"))
            let svg = String(page[start.lowerBound..<end.upperBound])
            #expect(HostileNames.contains(svg, HostileNames.quoteSVGTitle))
            #expect(HostileNames.leaks(in: svg) == [])
            // The dashboard's trend line names the indicator in its title.
            let dashboard = try await browser.get("/dashboard?unit=HX-QUOTE&period=2024").body
            let line = try #require(dashboard.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\""))
            let sparkline = String(dashboard[line.lowerBound..<(try #require(dashboard.range(of: "</svg>", range: line.upperBound..<dashboard.endIndex))).upperBound])
            #expect(HostileNames.contains(sparkline, HostileNames.quoteSparklineTitle))
            #expect(HostileNames.leaks(in: sparkline) == [])
            // The entry grid names it inside an attribute, each input's label.
            let editor = Browser(client)
            _ = try await editor.signIn("admin")
            let grid = try await editor.get("/entry/grid?unit=HX-QUOTE&period=2024").body
            #expect(HostileNames.contains(grid, HostileNames.quoteGridLabel))
            #expect(HostileNames.leaks(in: grid) == [])
        }
    }

    /// Mustache starts every template, partials too, with its own Character-by-Character escaping: a template
    /// that does not name the scalar escape on its first line would bring the hole back.
    @Test func everyTemplateSelectsTheScalarEscape() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/StocktakeWeb/Resources/templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count > 10)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix(ScalarHTMLContent.pragma + "\n"), "\(name)")
        }
    }
}
