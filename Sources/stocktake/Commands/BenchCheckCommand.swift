import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeReports

struct BenchCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Measure the figure check on a long report (build with -c release).",
        discussion: """
            Each file is repeated until it is --pages pages long (a page being 3,000 characters) and checked --repeats \
            times; the median time, pages per second and the findings are printed, against the goal of a 20-page \
            report in under a second. With --unit and --period the figures are also compared with the store.
            """)

    static let pageLength = 3_000

    @Argument(help: "Texts to check: reports written by `stocktake report`, articles.") var files: [String]
    @Option(help: "The length to check, in pages of 3,000 characters.") var pages = 20
    @Option(help: "How many times each check runs; the median is reported.") var repeats = 5
    @OptionGroup var options: DatabaseOptions
    @Option(help: "The unit whose stored figures the texts report.") var unit: String?
    @Option(help: "The period the texts report.") var period: String?

    func run() async throws {
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
