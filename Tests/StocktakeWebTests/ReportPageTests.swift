import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// The summary report from the web application: linked from the dashboard, served in each language and format.
@Suite struct ReportPageTests {
    @Test func theDashboardLinksTheReportInEveryLanguageAndFormat() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            #expect(try await browser.get("/reports?unit=BG&period=2024&lang=vi&format=html").status == .seeOther)  // signed out
            _ = try await browser.signIn("viewer")
            let dashboard = try await browser.get("/dashboard?unit=BG&period=2024").body
            for lang in ["vi", "en", "es", "el", "ru", "ar"] {
                for format in ["html", "md", "docx"] {
                    #expect(dashboard.contains("/reports?unit=BG&amp;period=2024&amp;lang=\(lang)&amp;format=\(format)"), "\(lang) \(format)")
                }
            }
            let arabic = try await browser.get("/reports?unit=BG&period=2024&lang=ar&format=html")
            #expect(arabic.status == .ok && arabic.body.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(arabic.body.contains("٢٠٬٦٩٩٫٥"))
            #expect(try await browser.get("/reports?unit=BG&period=2024&lang=ar&format=html&digits=latin").body.contains("20,699.5"))
            let markdown = try await browser.get("/reports?unit=BG&period=2024&lang=ru&format=md")
            #expect(markdown.status == .ok && markdown.body.contains("20\u{a0}699,5"))

            let docx = try await client.execute(uri: "/reports?unit=BG&period=2024&lang=el&format=docx", method: .get,
                headers: [.cookie: browser.cookieHeader]) { $0 }
            #expect(docx.status == .ok && docx.headers[.contentDisposition] == "attachment; filename=\"stocktake-BG-2024-el.docx\"")
            #expect(Array(Data(buffer: docx.body).prefix(2)) == [0x50, 0x4B])  // a ZIP: "PK"

            #expect(try await browser.get("/reports?unit=BG&period=2024&lang=de&format=html").status == .badRequest)
            #expect(try await browser.get("/reports?unit=BG&period=2024&lang=vi&format=pdf").status == .badRequest)
            #expect(try await browser.get("/reports?unit=XX&period=2024&lang=vi&format=html").status == .notFound)
            #expect(try await browser.get("/reports?unit=BG&period=2024Q1&lang=vi&format=html").status == .notFound)
        }
    }
}
