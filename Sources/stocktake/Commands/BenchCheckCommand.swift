import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeReports

struct BenchCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Measure the figure check: its speed on a long report (build with -c release), or how right it is on a corpus.",
        discussion: """
            Each file is repeated until it is --pages pages long (a page being 3,000 characters) and checked --repeats \
            times; the median time, pages per second and the findings are printed, against the goal of a 20-page \
            report in under a second. With --unit and --period the figures are also compared with the store.

            With --corpus DIR (Samples/corpus), the check reads every excerpt of the corpus and every copy with a \
            planted slip, and prints per part (development, kept out) and language: the claims of the truth file it \
            read, the real and planted slips it found and missed, its false alarms, precision and recall, for the \
            findings listed by default and for all of them (--all's). --misses lists the development part's false \
            alarms and missed slips. Exits with 1 when the corpus does not hold together.
            """)

    static let pageLength = 3_000

    @Argument(help: "Texts to check: reports written by `stocktake report`, articles.") var files: [String] = []
    @Option(help: "A corpus directory with truth.json and one folder of excerpts per language, to measure precision and recall.") var corpus: String?
    @Flag(help: "With --corpus: list the development part's false alarms and missed slips.") var misses = false
    @Option(help: "The length to check, in pages of 3,000 characters.") var pages = 20
    @Option(help: "How many times each check runs; the median is reported.") var repeats = 5
    @OptionGroup var options: DatabaseOptions
    @Option(help: "The unit whose stored figures the texts report.") var unit: String?
    @Option(help: "The period the texts report.") var period: String?

    func validate() throws {
        guard (corpus == nil) != files.isEmpty else { throw ValidationError("give either texts to time or --corpus DIR, not both") }
        guard (1...1_000).contains(pages) else { throw ValidationError("--pages \(pages): expected 1 to 1,000") }
        guard (1...1_000).contains(repeats) else { throw ValidationError("--repeats \(repeats): expected 1 to 1,000") }
    }

    func run() async throws {
        if let corpus { return try measure(corpus: corpus) }
        let stored = try await CheckCommand.stored(options, unit: unit, period: period)
        print("Figure check of \(pages) pages (\(pages * Self.pageLength) characters) per text, median of \(repeats) runs\(stored == nil ? "" : ", with the stored figures of \(unit!) \(period!)"):")
        for file in files {
            let single = try CheckCommand.text(of: file)
            guard !single.isEmpty else { throw ValidationError("'\(file)' has no text") }
            let copies = (pages * Self.pageLength + single.count - 1) / single.count
            let text = Array(repeating: single, count: copies).joined(separator: "\n")
            var result: CheckResult?
            let seconds = try await BenchCommand.measure(repeats) { result = FigureCheck.check(text, stored: stored) }
            let length = Double(text.count) / Double(Self.pageLength)
            let perTwenty = seconds / length * 20
            print(String(format: "  %@  %@  %6.1f pages  %8.3f s  %8.1f pages/s  %6d figures  %4d findings  20 pages in %.3f s (goal < 1 s: %@)",
                         URL(fileURLWithPath: file).lastPathComponent, result?.language.rawValue ?? "?", length, seconds, length / seconds,
                         result?.figures ?? 0, result?.findings.count ?? 0, perTwenty, perTwenty < 1 ? "met" : "missed"))
        }
    }
}
