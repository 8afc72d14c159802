import ArgumentParser
import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeReports
import StocktakeStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a unit's summary report of a year in Vietnamese, English, Spanish, Greek, Russian or Arabic, as HTML, Markdown or DOCX.",
        discussion: "Every figure comes from the stored data and is formatted for the language. Arabic prints Arabic-Indic digits unless --latin-digits is given.")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "The unit's code, e.g. BG.") var unit: String
    @OptionGroup var periodOptions: PeriodOptions
    @Option(help: "vi, en, es, el, ru or ar.") var lang: ReportLanguage = .vi
    @Option(help: "html, md or docx.") var format: ReportFormat = .html
    @Option(help: "The file to write; standard output when omitted (not for docx).") var out: String?
    @Flag(help: "Latin digits in Arabic.") var latinDigits = false
    @Flag(help: "Only the figures approved by at least the body above; the report says how many it left out.") var approvedOnly = false

    func run() async throws {
        let (period, asOf) = try periodOptions.resolved()
        guard format != .docx || out != nil else { throw ValidationError("--format docx needs --out FILE") }
        let report = try await options.withStore { store in
            do {
                return try ReportBuilder.build(try await Actions(store: store).reportInput(unit: unit, period: period, asOf: asOf, reader: .console, approvedOnly: approvedOnly), language: lang, latinDigits: latinDigits)
            } catch let error as ReportInput.InputError {
                throw ValidationError(error.description)
            }
        }
        let data = try format.render(report)
        if let out {
            try data.write(to: URL(fileURLWithPath: out))
            print("Wrote \(out): \(report.title) (\(lang.rawValue), \(format.rawValue), \(report.facts.count) figures).")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, md, docx

    func render(_ report: Report) throws -> Data {
        switch self {
        case .html: Data(HTMLReport.render(report).utf8)
        case .md: Data(MarkdownReport.render(report).utf8)
        case .docx: try DOCXReport.render(report)
        }
    }
}

extension ReportLanguage: ExpressibleByArgument {}
