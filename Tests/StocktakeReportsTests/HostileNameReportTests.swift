import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StocktakeApp
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing
@testable import StocktakeReports

/// The report of a unit whose names are hostile (Samples/hostile-names.json) in every language and format: a
/// name reads as text, never as markup. Each check failed while the renderers escaped by Character.
@Suite struct HostileNameReportTests {
    static func withHostileReports(_ body: @escaping @Sendable ([Report]) async throws -> Void) async throws {
        try await ReportFixture.withSample { store async throws in
            try await HostileNames.importSample(into: store)
            let input = try await Actions(store: store).reportInput(unit: HostileNames.quoteUnit, period: .year(2024), asOf: ReportFixture.asOf, reader: .console)
            try await body(try ReportLanguage.allCases.map { try ReportBuilder.build(input, language: $0) })
        }
    }

    static func texts(_ report: Report) -> [String] {
        [report.title, report.subtitle] + report.notes + report.sections.flatMap { section in
            [section.heading] + section.blocks.flatMap { block -> [String] in
                if case .table(let table) = block { return table.headers + block.sentences.map(\.text) }
                return block.sentences.map(\.text)
            }
        }
    }

    @Test func theHTMLReportEscapesAQuoteOrBracketFollowedByACombiningMark() async throws {
        try await Self.withHostileReports { reports async throws in
            for report in reports {
                // The report does carry the names (else the test could not fail).
                #expect(Self.texts(report).contains { !HostileNames.leaks(in: $0).isEmpty }, "\(report.language)")
                let html = HTMLReport.render(report)
                #expect(HostileNames.leaks(in: html) == [], "\(report.language)")
                #expect(HostileNames.contains(html, HostileNames.quoteHTML), "\(report.language)")
            }
        }
    }

    @Test func theDOCXReportStaysWellFormedWithControlCharactersInNames() async throws {
        try await Self.withHostileReports { reports async throws in
            for report in reports {
                let controls = Self.texts(report).joined().unicodeScalars.filter { !Escape.isXMLCharacter($0) }
                #expect(!controls.isEmpty, "\(report.language): the report should carry a name with control characters")
                let parts = try PackageParts.read(try DOCXReport.render(report))
                #expect(parts.count == 9)
                for (path, xml) in parts {
                    let parser = XMLParser(data: Data(xml.utf8))
                    #expect(parser.parse(), "\(report.language) \(path): \(parser.parserError.map(String.init(describing:)) ?? "")")
                    #expect(HostileNames.leaks(in: xml) == [], "\(report.language) \(path)")
                }
                // The names are still there, escaped, without the characters XML cannot hold.
                let body = try #require(parts["word/document.xml"])
                #expect(HostileNames.contains(body, HostileNames.quoteHTML), "\(report.language)")
                #expect(HostileNames.contains(body, "name | # heading"), "\(report.language)")
            }
        }
    }

    @Test func theMarkdownReportMakesNoHTMLLinksHeadingsOrCellsOutOfNames() async throws {
        try await Self.withHostileReports { reports async throws in
            for report in reports {
                let markdown = MarkdownReport.render(report)
                // Lines as Markdown ends them (LF or CR), by scalar: "\r\n" is one Character and would hide a break.
                let lines = markdown.unicodeScalars.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }
                    .map { String(String.UnicodeScalarView($0)) }
                // No line is started by a name: a break in a name must not open a list or a heading.
                #expect(!lines.contains { $0.hasPrefix("- item") || $0.hasPrefix("1. list") || $0.hasPrefix("# heading") }, "\(report.language)")
                var columns: Int?
                for line in lines {
                    let bare = Self.unescaped(line)
                    for markup: Unicode.Scalar in ["<", "[", "]", "&", "`"] {
                        #expect(!bare.contains(markup), "\(report.language): unescaped \(markup) in \(line.prefix(200))")
                    }
                    // Every row of a table has as many cells as its header.
                    if line.hasPrefix("|") {
                        let cells = bare.filter { $0 == "|" }.count
                        if let columns { #expect(cells == columns, "\(report.language): \(line.prefix(200))") } else { columns = cells }
                    } else {
                        columns = nil
                    }
                }
                #expect(HostileNames.contains(markdown, HostileNames.quoteText), "\(report.language)")
                #expect(HostileNames.contains(markdown, HostileNames.scriptMarkdown), "\(report.language)")
                #expect(HostileNames.contains(markdown, "\\[x\\](javascript:alert(1))"), "\(report.language)")
            }
        }
    }

    /// The line's characters that Markdown reads as themselves or as markup: those after a backslash are dropped.
    static func unescaped(_ line: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = [], escaped = false
        for scalar in line.unicodeScalars {
            if escaped { escaped = false; continue }
            if scalar == "\\" { escaped = true; continue }
            out.append(scalar)
        }
        return out
    }
}
