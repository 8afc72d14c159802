import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StocktakeApp
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeReports

/// The Bac Giang 2024 report in six languages: the seeds' figures formatted for each, right to left in Arabic,
/// and the same in HTML, Markdown and DOCX.
@Suite struct ReportTests {
    func d(_ text: String) -> Decimal { try! Decimal(exactly: text) }

    /// Budget revenue has two targets (the central estimate and the council's): one sentence names it and its
    /// figure once, with both results, in every language; no two sentences in a row start with the same words.
    @Test(arguments: ReportLanguage.allCases)
    func severalTargetsOfOneIndicatorAreOneSentenceItsSubjectSaidOnce(language: ReportLanguage) async throws {
        try await ReportFixture.withSample { store async throws in
            let report = try await ReportFixture.report(store, language)
            let format = FigureFormatter(language: language.rawValue, locale: language.locale())
            let sentences = try #require(report.sections.first { $0.id == "results" }).blocks.flatMap { block -> [Sentence] in
                if case .paragraph(let sentences) = block { sentences } else { [] }
            }
            let revenue = format.number(d("20699.5"), decimals: 1)
            let budget = sentences.filter { $0.text.contains(revenue) }
            #expect(budget.count == 1, "\(language): \(budget.map(\.text))")
            #expect(budget.first.map { $0.text.contains(format.percent(d("32.2"))) && $0.text.contains(format.percent(d("28.8"))) } == true)
            #expect(budget.first.map { $0.text.components(separatedBy: revenue).count - 1 } == 1)
            for (a, b) in zip(sentences, sentences.dropFirst()) {
                #expect(a.text.prefix(24) != b.text.prefix(24), "\(language): «\(a.text)» then «\(b.text)»")
            }
        }
    }

    @Test(arguments: ReportLanguage.allCases)
    func theSampleReportGivesTheSeedsFiguresInTheLanguagesFormat(language: ReportLanguage) async throws {
        try await ReportFixture.withSample { store async throws in
            let report = try await ReportFixture.report(store, language)
            let format = FigureFormatter(language: language.rawValue, locale: language.locale())
            let catalog = try MessageCatalog.load(language)
            let html = HTMLReport.render(report)
            let markdown = MarkdownReport.render(report)
            let docx = try ReportFixture.documentText(try DOCXReport.render(report))
            let expected = [
                format.percent(d("13.85")),  // GRDP growth
                try catalog.text("place", ["n": format.number(1, decimals: 0)], count: 1),  // first …
                format.number(63, decimals: 0),  // … of 63 provinces
                format.number(d("20699.5"), decimals: 1),  // budget revenue
                format.percent(d("32.2")), format.percent(d("28.8")),  // its excess over the two estimates
                "\(format.number(159, decimals: 0))/\(format.number(182, decimals: 0)) (\(format.percent(Decimal(159) * 100 / 182)))",
            ]
            for text in expected {
                #expect(html.contains(Escape.html(text)), "\(language): \(text) not in the HTML")
                #expect(markdown.contains(text), "\(language): \(text) not in the Markdown")
                #expect(docx.contains(text), "\(language): \(text) not in the DOCX")
            }
            // The growth rate and its rank are one sentence of the rankings.
            let ranking = try #require(report.sections.first { $0.id == "rankings" }?.blocks.flatMap(\.sentences).first {
                $0.facts.contains { $0.quantity == .rank(ObservationKey(unit: UnitCode(unchecked: "BG"), indicator: IndicatorCode(unchecked: "grdp_growth"), period: .year(2024)), .level) }
            })
            #expect(ranking.facts.map(\.value) == [1, 63])
        }
    }

    @Test func eachLanguageWritesItsOwnDigitsAndSeparators() async throws {
        try await ReportFixture.withSample { store async throws in
            let expected: [ReportLanguage: [String]] = [
                // Days in full, Vietnamese as its documents write them: a key task's deadline.
                .vi: ["13,85%", "20.699,5 tỷ đồng", "159/182 (87,36%)", "(thời hạn ngày 31 tháng 12 năm 2024)"],
                .en: ["13.85%", "20,699.5 billion VND", "159/182 (87.36%)", "(deadline December 31, 2024)"],
                .es: ["13,85\u{a0}%", "20.699,5", "159/182 (87,36\u{a0}%)"],
                .el: ["13,85%", "20.699,5", "159/182 (87,36%)"],
                .ru: ["13,85\u{a0}%", "20\u{a0}699,5", "159/182 (87,36\u{a0}%)"],
                .ar: ["١٣٫٨٥", "٢٠٬٦٩٩٫٥", "١٥٩/١٨٢"],
            ]
            for (language, texts) in expected {
                let markdown = MarkdownReport.render(try await ReportFixture.report(store, language))
                for text in texts { #expect(markdown.contains(text), "\(language): \(text)") }
            }
            let latin = try ReportBuilder.build(try await Actions(store: store).reportInput(unit: "BG", period: .year(2024), asOf: ReportFixture.asOf, reader: .console), language: .ar, latinDigits: true)
            let text = MarkdownReport.render(latin)
            #expect(text.contains("20,699.5") && !text.contains("٢٠٬٦٩٩٫٥"))
        }
    }

    @Test func arabicIsRightToLeftInHTMLAndDOCX() async throws {
        try await ReportFixture.withSample { store async throws in
            let arabic = try await ReportFixture.report(store, .ar)
            let html = HTMLReport.render(arabic)
            #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
            let parts = try PackageParts.read(try DOCXReport.render(arabic))
            let body = try #require(parts["word/document.xml"])
            #expect(body.contains("<w:bidi/>") && body.contains("<w:rtl/>") && body.contains("<w:bidiVisual/>"))
            #expect(parts["word/styles.xml"]?.contains("w:bidi=\"ar-SA\"") == true)
            #expect(parts["word/footer1.xml"]?.contains(" PAGE ") == true)
            let english = try await ReportFixture.report(store, .en)
            #expect(HTMLReport.render(english).contains("<html lang=\"en\" dir=\"ltr\">"))
            #expect(!(try PackageParts.read(try DOCXReport.render(english))["word/document.xml"] ?? "").contains("<w:bidi/>"))
            // Every part is well-formed XML.
            for (path, xml) in parts where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
                #expect(XMLParser(data: Data(xml.utf8)).parse(), "\(path) is not well-formed")
            }
        }
    }

    @Test func aNameMissingInTheLanguageFallsBackAndTheReportSaysSo() async throws {
        try await ReportFixture.withSample { store async throws in
            let input = try await Actions(store: store).reportInput(unit: "BG", period: .year(2024), asOf: ReportFixture.asOf, reader: .console)
            let builder = ReportBuilder(input: input, catalog: try MessageCatalog.load(.ru), format: FigureFormatter(language: "ru"), language: .ru)
            #expect(builder.name(LocalizedText(["vi": "Tỉnh", "en": "Province"])) == "Province")
            #expect(builder.name(LocalizedText(["vi": "Tỉnh", "ru": "Провинция"])) == "Провинция")
            let report = try builder.report()
            #expect(report.notes.contains { $0.contains("английск") })
        }
    }
}
