import ArgumentParser
import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeReports

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find the figures in a review text that contradict their own arithmetic or the stored data.",
        discussion: """
            Reads plain text, Markdown, HTML or DOCX in Vietnamese, English, Spanish, Greek, Russian or Arabic. \
            Checks shares against their x/y, achievement and growth rates against the values printed with them, parts \
            against their whole, ranks against the number of peers and dates against the calendar, each at the \
            precision it was printed with. With --unit and --period, figures that name a stored indicator are compared \
            with the store. Lists the findings of high and medium confidence; --all lists the guesses of low confidence \
            too. Exits with 1 when there are findings listed.
            """)

    @Argument(help: "The text to check (.txt, .md, .html or .docx).") var file: String
    @Option(help: "auto, vi, en, es, el, ru or ar.") var lang: String = "auto"
    @OptionGroup var options: DatabaseOptions
    @Option(help: "The unit whose stored figures the text reports, e.g. BG.") var unit: String?
    @Option(help: "The period the text reports, e.g. 2024.") var period: String?
    @Option(help: "text or json.") var format: CheckFormat = .text
    @Flag(help: "List the findings of low confidence too: guesses worth a look, not an action.") var all = false

    func run() async throws {
        let language: ReportLanguage?
        if lang == "auto" { language = nil } else {
            guard let chosen = ReportLanguage(rawValue: lang) else { throw ValidationError("--lang '\(lang)': expected auto, vi, en, es, el, ru or ar") }
            language = chosen
        }
        let text = try Self.text(of: file)
        let result = FigureCheck.check(text, language: language, stored: try await Self.stored(options, unit: unit, period: period),
                                       minimum: .listed(all: all))
            .listing(atMost: CheckedText.Limits.standard.listedFindings)
        switch format {
        case .text: print(result.text(name: file), terminator: "")
        case .json: FileHandle.standardOutput.write(try result.json() + Data("\n".utf8))
        }
        if !result.findings.isEmpty { throw ExitCode(1) }
    }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension CheckCommand {
    /// A file's text as the check reads it (plain, Markdown, HTML or DOCX); a file that cannot be read is named.
    static func text(of file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read '\(file)': no such file, or it is not readable")
        }
        do { return try CheckedText.read(data, format: .of(name: file, data: data), name: file) } catch let error as CheckedText.ReadError {
            throw ValidationError(error.description)
        }
    }

    /// The stored figures to compare with: a unit and a period together, or neither.
    static func stored(_ options: DatabaseOptions, unit: String?, period: String?) async throws -> StoredFigures? {
        guard (unit == nil) == (period == nil) else { throw ValidationError("--unit and --period go together: give both to compare with the store, or neither") }
        guard let unit, let period else { return nil }
        let parsed = try parsePeriod(period)
        return try await options.withStore { store in
            do { return try await Actions(store: store).storedFigures(unit: unit, period: parsed) } catch let error as ReportInput.InputError {
                throw ValidationError(error.description)
            }
        }
    }
}
