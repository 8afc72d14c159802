import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeReports

/// Every report Stocktake writes of the sample checks clean, against its own arithmetic and against the store;
/// one printed figure changed in it is found.
struct FigureCheckRoundTripTests {
    /// The report's three renderings as the check reads them.
    static func texts(_ report: Report) throws -> [(format: CheckedText.Format, text: String)] {
        let docx = try DOCXReport.render(report)
        return [
            (.html, try CheckedText.read(Data(HTMLReport.render(report).utf8), format: .html)),
            (.markdown, MarkdownReport.render(report)),
            (.docx, try CheckedText.read(docx, format: .docx)),
        ]
    }

    /// The text without the bidirectional marks ICU puts around Arabic figures, which a quote need not include.
    static func unmarked(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !["\u{200E}", "\u{200F}", "\u{061C}"].contains($0) }))
    }

    @Test("the sample's reports in six languages (Arabic with both digit systems), in HTML, Markdown and DOCX, check clean; one changed figure is found")
    func roundTrip() async throws {
        try await ReportFixture.withSample { store async throws in
            let stored = try await Actions(store: store).storedFigures(unit: "BG", period: .year(2024))
            #expect(stored.entries.count >= 10)
            let input = try await Actions(store: store).reportInput(unit: "BG", period: .year(2024), asOf: ReportFixture.asOf, reader: .console)
            for (language, latinDigits) in ReportLanguage.allCases.map({ ($0, false) }) + [(.ar, true)] {
                let report = try ReportBuilder.build(input, language: language, latinDigits: latinDigits)
                let format = FigureFormatter(language: language.rawValue, locale: language.locale(latinDigits: latinDigits))
                for (kind, text) in try Self.texts(report) {
                    let name = "\(language)\(latinDigits ? " (Latin digits)" : "") \(kind)"
                    let alone = FigureCheck.check(text)
                    #expect(alone.language == language, "\(name): read as \(alone.language)")
                    #expect(alone.figures >= 60, "\(name): only \(alone.figures) figures read")
                    #expect(alone.findings.isEmpty, "\(name): \(alone.findings)")
                    #expect(FigureCheck.check(text, stored: stored).findings.isEmpty, "\(name) against the store: \(FigureCheck.check(text, stored: stored).findings)")

                    // The share of communes meeting the standard, printed wrong: its own x/y refutes it.
                    let share = format.percent(Decimal(159) * 100 / 182), wrongShare = format.percent(Decimal(string: "87.63")!)
                    #expect(text.contains(share), "\(name): \(share) not printed")
                    let shareSlip = FigureCheck.check(text.replacingOccurrences(of: share, with: wrongShare)).findings
                    #expect(shareSlip.map(\.kind) == [.share] && shareSlip.first.map { Self.unmarked($0.quote) } == Self.unmarked(wrongShare), "\(name): \(shareSlip)")

                    // The members admitted, one more than stored: only the store refutes it.
                    let members = format.number(2938, decimals: 0), wrongMembers = format.number(2939, decimals: 0)
                    #expect(text.contains(members), "\(name): \(members) not printed")
                    let changed = text.replacingOccurrences(of: members, with: wrongMembers)
                    #expect(FigureCheck.check(changed).findings.isEmpty)
                    let memberSlip = FigureCheck.check(changed, stored: stored).findings
                    #expect(memberSlip.map(\.kind) == [.storedValue] && memberSlip.first?.quote == wrongMembers, "\(name): \(memberSlip)")
                }
            }
        }
    }

    @Test("every unit's report of the sample checks clean against its own stored figures, in every language")
    func everyUnit() async throws {
        try await ReportFixture.withSample { store async throws in
            let units = try await store.units().map(\.code.rawValue)
            #expect(units.contains("VN") && units.contains("BG"))
            for unit in units {
                guard let input = try? await Actions(store: store).reportInput(unit: unit, period: .year(2024), asOf: ReportFixture.asOf, reader: .console) else { continue }
                let stored = try await Actions(store: store).storedFigures(unit: unit, period: .year(2024))
                for language in ReportLanguage.allCases {
                    let text = MarkdownReport.render(try ReportBuilder.build(input, language: language))
                    let findings = FigureCheck.check(text, language: language, stored: stored).findings
                    #expect(findings.isEmpty, "\(unit) \(language): \(findings)")
                }
            }
        }
    }
}
