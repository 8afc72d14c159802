import Foundation
import Hummingbird
import StocktakeCore
import StocktakeReports
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// Every page, as a signed-in person sees it, over real HTTP.
@Suite struct PageTests {
    @Test func aVisitorWhoIsNotSignedInIsSentToTheSignInPage() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            for path in ["/dashboard", "/units/BG", "/indicators/grdp_growth", "/documents", "/entry", "/import", "/audit", "/history?indicator=grdp_growth"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location?.hasPrefix("/login?next=") == true, "\(path)")
            }
            #expect(try await browser.get("/login").body.contains("name=\"password\""))
        }
    }

    @Test func theDashboardShowsTheSampleFiguresInTheReadersLanguage() async throws {
        try await WebHarness.run { client, _ async throws in
            let vietnamese = Browser(client)
            #expect(try await vietnamese.signIn("bacgiang").status == .seeOther)
            let page = try await vietnamese.get("/dashboard?unit=BG&period=2024")
            #expect(page.status == .ok)
            #expect(page.body.contains("<html lang=\"vi\""))
            #expect(page.body.contains("13,85%"))  // GRDP growth, seed 002
            #expect(page.body.contains("20.699,5 tỷ đồng"))  // budget revenue
            #expect(page.body.contains("159/182 (87,36%)"))  // communes meeting the new rural standard
            #expect(page.body.contains("132,20%") && page.body.contains("128,80%"))  // excess over both estimates
            #expect(page.body.contains("class=\"status exceeded\">vượt<"))  // status by colour and by word

            let english = Browser(client)
            _ = try await english.signIn("admin")
            let en = try await english.get("/dashboard?unit=BG&period=2024")
            #expect(en.body.contains("<html lang=\"en\""))
            #expect(en.body.contains("13.85%") && en.body.contains("20,699.5 billion VND") && en.body.contains("159/182 (87.36%)"))
            #expect(en.body.contains(">exceeded<"))
            // The language can be switched, and the choice sticks.
            _ = try await english.get("/language/vi")
            #expect(try await english.get("/dashboard?unit=BG&period=2024").body.contains("13,85%"))
        }
    }

    /// The pages speak the six languages of the reports, from the same catalogs; Arabic right to left, with its
    /// digits; the figures' words and the levels of the tree in the page's language too.
    @Test("the dashboard summarises first: targets by status, key tasks done and overdue, findings")
    func theDashboardSummarisesFirst() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            _ = try await browser.get("/language/en")
            let page = try await browser.get("/dashboard?unit=BG&period=2024").body
            // Bac Giang 2024: both budget estimates and the services plan exceeded, the trade plan met (seeds 001-006).
            for card in ["<li class=\"card exceeded\"><strong>3</strong> <span>exceeded</span></li>",
                         "<li class=\"card met\"><strong>1</strong> <span>met</span></li>",
                         "<li class=\"card not_met\"><strong>0</strong> <span>not met</span></li>",
                         "<li class=\"card\"><strong>3/3</strong>"] {
                #expect(page.contains(card), "\(card)")
            }
            let cards = try #require(page.range(of: "<ul class=\"cards\">")), table = try #require(page.range(of: "<table class=\"results\">"))
            #expect(cards.lowerBound < table.lowerBound)
            // The table downloads as CSV, exact figures and codes, as `stocktake evaluate --format csv` writes it.
            #expect(page.contains("<a href=\"/dashboard.csv?unit=BG&amp;period=2024\" download>CSV</a>"))
            let csv = try await browser.get("/dashboard.csv?unit=BG&period=2024")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"BG-2024.csv\"")
            #expect(csv.body.hasPrefix(EvaluationTable.columns.joined(separator: ",") + "\n") && csv.body.contains("\nBG,budget_revenue,20699.5,,BG-2024-budget-central,at_least,"))
            // And as an Excel workbook of the same cells, numbers as numbers.
            #expect(page.contains("<a href=\"/dashboard.xlsx?unit=BG&amp;period=2024\" download>XLSX</a>"))
            let xlsx = try await browser.get("/dashboard.xlsx?unit=BG&period=2024")
            #expect(xlsx.status == .ok && xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(xlsx.headers[.contentDisposition] == "attachment; filename=\"BG-2024.xlsx\"")
            #expect(xlsx.body.hasPrefix("PK"))
        }
    }

    @Test("a ceiling on the dashboard says how far over it the figure is, in the reader's language, not 133.33 %")
    func aCeilingIsSaidInWordsOnTheDashboard() async throws {
        try await WebHarness.run { client, store async throws in
            let ceiling = """
                {"format": "stocktake/1", "targets": [{"code": "BG-2024-trade-ceiling-test", "unit": "BG", "indicator": "trade_value",
                 "period": "2024", "document": "BG-PLAN-2024", "bound": "at_most", "value": "45"}]}
                """
            try await store.importChecked(ImportFile.read(Data(ceiling.utf8), file: "ceiling.json", enteredBy: "tester"))
            let browser = Browser(client)
            _ = try await browser.signIn("bacgiang")
            let vietnamese = try await browser.get("/dashboard?unit=BG&period=2024").body
            #expect(vietnamese.contains("cao hơn mức trần 33,33%") && !vietnamese.contains("133,33%"))
            _ = try await browser.get("/language/en")
            let english = try await browser.get("/dashboard?unit=BG&period=2024").body
            #expect(english.contains("33.33% over the ceiling"))
        }
    }

    @Test func thePagesSwitchAmongSixLanguagesAndArabicReadsRightToLeft() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            for language in ReportLanguage.allCases {
                let words = try MessageCatalog.load(language).pages
                _ = try await browser.get("/language/\(language.rawValue)")
                let page = try await browser.get("/dashboard?unit=BG&period=2024")
                #expect(page.status == .ok)
                #expect(page.body.contains("<html lang=\"\(language.rawValue)\" dir=\"\(language == .ar ? "rtl" : "ltr")\""), "\(language)")
                for key in ["dashboard", "signOut", "keyTasks", "figureExceeded"] {
                    let word = try #require(words[key])
                    #expect(page.body.contains(Escape.html(word)), "\(language) \(key): \(word)")
                }
                let unit = try await browser.get("/units/BG?period=2024")
                #expect(unit.body.contains("<small>\(Escape.html(try #require(words["levelProvince"]))) · "), "\(language)")
            }
            // Arabic prints Arabic-Indic digits: GRDP growth 13.85 %.
            _ = try await browser.get("/language/ar")
            #expect(try await browser.get("/dashboard?unit=BG&period=2024").body.contains("١٣٫٨٥"))
            // A refused action speaks the page's language too.
            let editor = Browser(client)
            _ = try await editor.signIn("yendung")
            _ = try await editor.get("/language/es")
            _ = try await editor.get("/ratings?unit=BG-YD&period=2024")
            let refused = try await editor.post("/ratings", ["body": "BG", "period": "2024", "unit": "BG-CITY", "grade": "good"])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("No puede hacer esto para BG: está fuera de su ámbito."), "\(refused.body)")
            // So does a page for something that is not there, and a form whose token went stale.
            let vietnamese = Browser(client)
            _ = try await vietnamese.signIn("bacgiang")
            let missing = try await vietnamese.get("/dashboard?unit=NOWHERE&period=2024")
            #expect(missing.status == .notFound && missing.body.contains("Không tìm thấy: NOWHERE."), "\(missing.body)")
            let stale = try await vietnamese.post("/ratings", ["body": "BG", "period": "2024", "unit": "BG-CITY", "_csrf": "stale"])
            #expect(stale.status == .forbidden && stale.body.contains("Mã bảo mật của biểu mẫu bị thiếu hoặc đã hết hạn."), "\(stale.body)")
        }
    }

    @Test func everyPageRenders() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let pages: [(String, String)] = [
                ("/dashboard", "Viet Nam"), ("/units/BG?period=2024", "Yen Dung"), ("/units/BG?period=2024&indicator=grdp_growth", "Bac Giang city"),
                ("/indicators/grdp_growth?unit=BG&period=2024", "<svg"), ("/documents", "381-NQ/TU"),
                ("/documents/381-NQ-TU?period=2024", "381-NQ/TU"), ("/entry?unit=BG&period=2024", "name=\"value\""),
                ("/history?unit=BG&period=2024&indicator=grdp_growth", "13.85%"), ("/import", "type=\"file\""), ("/audit", "<table"),
                ("/units", "Viet Nam"),
            ]
            for (path, expected) in pages {
                let page = try await browser.get(path)
                #expect(page.status == .ok || page.status == .seeOther, "\(path): \(page.status)")
                let body = page.status == .seeOther ? try await browser.get(page.location ?? "/").body : page.body
                #expect(body.contains(expected), "\(path) should show \(expected)")
            }
            #expect(try await browser.get("/indicators/nonexistent?unit=BG").status == .notFound)
            #expect(try await browser.get("/dashboard?unit=XX").status == .notFound)
            #expect(try await browser.get("/dashboard?period=20x4").status == .badRequest)
        }
    }

    @Test func theIndicatorPageDrawsAChartAndRanksWithTheRollupBesideTheOwnFigure() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let page = try await browser.get("/indicators/nr_communes?unit=BG&period=2024").body
            #expect(page.contains("<svg") && page.contains("class=\"point own\"") && page.contains("class=\"axis\""))
            #expect(page.contains("87.36%"))
            #expect(page.contains("class=\"results ranking\""))
            #expect(page.contains("class=\"num own\">159/182 (87.36%)"))
        }
    }

    @Test func theMenuMarksThePageItIsOnAndEveryTableHasACaption() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            for (path, current) in [("/dashboard?unit=BG&period=2024", "/dashboard"), ("/entry/grid?unit=BG&period=2024", "/entry"), ("/audit", "/audit")] {
                let page = try await browser.get(path).body
                #expect(page.contains("<a href=\"\(current)\" aria-current=\"page\">"), "\(path)")
                #expect(page.components(separatedBy: "aria-current=").count - 1 == 1, "\(path)")
            }
            for path in ["/dashboard?unit=BG&period=2024", "/indicators/nr_communes?unit=BG&period=2024", "/audit", "/documents", "/ratings?unit=BG&period=2024",
                         "/history?unit=BG&period=2024&indicator=grdp_growth", "/entry?unit=BG&period=2024", "/completeness?unit=BG&period=2024"] {
                let page = try await browser.get(path).body
                let tables = page.components(separatedBy: "<table").count - 1
                #expect(tables > 0 && page.components(separatedBy: "<caption").count - 1 == tables, "\(path): \(tables) tables")
            }
        }
    }

    @Test func theTreeShowsMergedUnitsWithTheirSuccessor() async throws {
        try await WebHarness.run { client, _ async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let page = try await browser.get("/units/BG?period=2024").body
            #expect(page.contains("merged into <a href=\"/units/BG-CITY"))
        }
    }
}
