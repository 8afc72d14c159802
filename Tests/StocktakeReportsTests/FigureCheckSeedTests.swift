import Foundation
import Testing
@testable import StocktakeReports

/// The three press articles of the sample (Samples/articles). None of their figures contradicts another: every
/// claim the check can read in them holds, and the tests say which ones those are. A figure the check did not
/// read cannot be vouched for, so the tests also assert what was read.
struct FigureCheckSeedTests {
    static let articles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples/articles")

    static func article(_ name: String) throws -> String {
        try String(contentsOf: articles.appendingPathComponent(name), encoding: .utf8)
    }

    /// The values read, as exact text with their kind, for comparison with what the article prints.
    static func read(_ text: String, _ language: ReportLanguage) -> [String] {
        FigureCheck(language: language).figures(in: text).map { figure in
            switch figure.kind {
            case .number: "\(figure.value)" + (figure.isYear ? " year" : "")
            case .percent: "\(figure.printed)%"
            case .fraction(let y): "\(figure.printed)/\(y)"
            case .ordinal: "#\(figure.printed)"
            case .date(let year, let month, let day, _): "\(year.map(String.init) ?? "?")-\(month)-\(day)"
            case .yearRange(let from, let to): "\(from)…\(to)"
            }
        }
    }

    @Test("Bac Giang 2024 (Greek): no finding; its figures read as printed, its one checkable year count holds")
    func bacGiang() throws {
        let text = try Self.article("bac-giang-2024-el.txt")
        let result = FigureCheck.check(text)
        #expect(result.language == .el)
        #expect(result.findings.isEmpty, "\(result.findings)")
        let read = Self.read(text, .el)
        // GRDP growth, size and rank, per capita and its growth, investment, budget revenue and the two
        // comparisons, services and the plan, import-export, new rural communes, members, village heads.
        for figure in [
            "13.85%", "207000000000000", "#12", "4370", "10.6%", "#4", "2040000000", "#10", "20699500000000", "32.2%",
            "28.8%", "11.6%", "63510000000000", "7.6%", "60000000000", "14.5%", "100%", "7/10", "159/182", "70", "19",
            "2938", "94.7%", "34",
        ] {
            #expect(read.contains(figure), "\(figure) not read from the article")
        }
        // Dates and terms: the conference, resolutions 381-NQ/TU, 18-NQ/TW, 26-CT/TU and dispatch 3634-CV/TU.
        for day in ["?-1-14", "2024-12-6", "2017-10-25", "2023-6-2", "2024-12-24"] { #expect(read.contains(day), "\(day)") }
        #expect(read.contains("2025…2030") && read.contains("2020…2025") && read.contains("2020…2024"))
        // Document numbers are references, not figures: 381, 18, 26, 40, 3634 are never read as amounts.
        for number in ["381", "18", "26", "40", "3634"] { #expect(!read.contains(number), "\(number) read as a figure") }

        // The claims it makes that the check can test, and why they hold:
        // "5 συνεχόμενα έτη (2020-2024)": 2020 to 2024 is five years, both ends counted.
        let fiveYears = "για 5 συνεχόμενα έτη (2020-2024)"
        #expect(text.contains(fiveYears))
        #expect(FigureCheck.check(text.replacingOccurrences(of: fiveYears, with: "για 6 συνεχόμενα έτη (2020-2024)")).findings.map(\.kind) == [.yearCount])
        // "159/182 κοινότητες": a part within its whole; printed as 192/182 it would not be.
        #expect(FigureCheck.check(text.replacingOccurrences(of: "159/182", with: "192/182")).findings.map(\.kind) == [.partExceedsWhole])
        // "12η στη χώρα", "4ος", "10η": ranks without a stated number of peers; within 63 provinces, nothing to refute.
        // "υπερβαίνοντας το 32,2% της εκτίμησης" and "κατά 7,6%": the estimate and the plan are not printed, so
        // the rates cannot be refuted from the text (the sample derives the bases from them instead).
        // "αύξηση 10,6% σε σύγκριση με το 2023": the 2023 figure is not printed.
    }

    @Test("Ninh Binh 2023 (English): no finding; only dates, terms and ordinals to read")
    func ninhBinh() throws {
        let text = try Self.article("ninh-binh-2023-en.txt")
        let result = FigureCheck.check(text)
        #expect(result.language == .en)
        #expect(result.findings.isEmpty, "\(result.findings)")
        let read = Self.read(text, .en)
        #expect(read.contains("?-1-17"))
        #expect(read.contains("2020…2025") && read.contains("2021…2025"))
        #expect(read.contains("#13"))
        // "the 5-year socio-economic development plan for the 2021-2025 period" holds (five years); "5-year" is
        // written as a compound adjective, which the check reads as a word, not as a count.
    }

    @Test("Thai Binh 2023 (Spanish): no finding; a count of comments, dates and terms")
    func thaiBinh() throws {
        let text = try Self.article("thai-binh-2023-es.txt")
        let result = FigureCheck.check(text)
        #expect(result.language == .es)
        #expect(result.findings.isEmpty, "\(result.findings)")
        let read = Self.read(text, .es)
        #expect(read.contains("?-1-17"))
        #expect(read.contains("15"))
        #expect(read.contains("2020…2025"))
    }
}
