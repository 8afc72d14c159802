import Foundation
import StocktakeCore
import Testing
import ZIPFoundation
@testable import StocktakeReports

/// Generated inputs for the figure reader and the text extraction, from a fixed seed so that a failure repeats:
/// texts in each language built from the pieces figures are made of (digits of three systems, separators,
/// scale and rank words, dates, marks that print nothing), markup built from tag pieces, and DOCX files with
/// bytes changed. Each run checks what must hold for every input, not only that nothing crashes. The libFuzzer
/// targets in Fuzz/ do the same for the core's parsers; these need the reports module, which a fuzzer build
/// would rebuild with all its dependencies.
@Suite struct CheckPropertyTests {
    static let articles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples/articles")

    static let pieces: [String] = [
        "0", "1", "2", "5", "9", "12", "63", "72", "159", "182", "2024", "2023", "1.5", "87.36", "20,699.5", "6,5", "1 234", "1\u{00A0}234",
        "٠", "١", "٥", "٩", "٫", "٬", "۰", "۵", "۹", ".", ",", " ", " ", "\u{00A0}", "\u{202F}", "%", " %", "٪", "/", "-", "–", "+", "≈", "~",
        "(", ")", "\n", "\t", ". ", "! ", "? ", "؟ ", "…", "\u{200F}", "\u{061C}", "\u{2066}", "\u{0301}", "\u{200D}", "é", "A", "x", "🇻🇳",
        "of", "out of", "de", "из", "από", "من", "trên", "billion", "million", "tỷ", "triệu", "mil millones", "млрд", "δισ.", "مليار",
        "ranked", "th", "nd", "st", "η", "-е", ".º", "thứ", "المرتبة", "year", "years", "năm", "años", "лет", "χρόνια", "سنوات",
        "growth", "increased by", "tăng", "aumentó", "вырос", "αύξηση", "ارتفع", "reaching", "target", "of which", "trong đó",
        "31 June", "29/02/2023", "2020-2024", "2020–2024", "January", "tháng", "consecutive", "liên tục", "communes", "xã",
    ]

    static func text(_ random: inout SeededGenerator, seeds: [[Unicode.Scalar]]) -> String {
        var text = ""
        for _ in 0..<random.int(in: 1...120) {
            switch random.int(in: 0...9) {
            case 0:  // a slice of a sample article
                let seed = seeds[random.int(in: 0...(seeds.count - 1))]
                let start = random.int(in: 0...(seed.count - 1))
                var view = String.UnicodeScalarView()
                view.append(contentsOf: seed[start..<min(seed.count, start + random.int(in: 1...200))])
                text += String(view)
            case 1:  // any scalar
                text.unicodeScalars.append(Unicode.Scalar(UInt32(random.int(in: 0...0x2FFF))) ?? "?")
            default:
                text += pieces[random.int(in: 0...(pieces.count - 1))]
            }
        }
        return text
    }

    @Test func findingsLieInsideTheTextInOrderAndQuoteIt() throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: Self.articles.path).sorted().map {
            Array(try String(contentsOf: Self.articles.appendingPathComponent($0), encoding: .utf8).unicodeScalars)
        }
        var random = SeededGenerator(seed: 14)
        var findings = 0
        for round in 0..<400 {
            let text = Self.text(&random, seeds: seeds)
            let scalars = Array(text.unicodeScalars)
            let language = round % 7 == 6 ? nil : ReportLanguage.allCases[round % 7]
            let check = FigureCheck(language: language ?? LanguageDetector.detect(text))
            var previous = 0
            for figure in check.figures(in: text) {
                #expect(figure.span.lowerBound >= previous && figure.span.upperBound <= scalars.count && !figure.span.isEmpty,
                        "figure at \(figure.span) after \(previous) in \(text.debugDescription)")
                previous = figure.span.upperBound
            }
            let result = FigureCheck.check(text, language: language)
            let lines = ScalarText(text)
            var start = 0
            for finding in result.findings {
                findings += 1
                #expect(finding.start >= start && finding.start < finding.end && finding.end <= scalars.count, "\(finding) in \(text.debugDescription)")
                guard finding.start < finding.end, finding.end <= scalars.count else { continue }
                #expect(finding.quote == lines.string(finding.start..<finding.end), "\(finding) in \(text.debugDescription)")
                let position = lines.position(of: finding.start)
                #expect(position.line == finding.line && position.column == finding.column, "\(finding) in \(text.debugDescription)")
                start = finding.start
            }
            #expect(FigureCheck.check(text, language: language).findings == result.findings)
            #expect(throws: Never.self) { try result.json() }
        }
        #expect(findings > 0)  // the generator reaches the claims, not only the reader
    }

    static let tagPieces = [
        "<", ">", "/", "</", "/>", " ", "\n", "=\"x\"", "script", "SCRIPT", "style", "head", "header", "p", "td", "th", "tr", "br", "table",
        "w:p", "w:t", "w:tc", "w:tab", "w:br", "w:instrText", "&amp;", "&lt;", "&#x41;", "&#1;", "&#xFFFFFFFF;", "&", ";", "a", "1", "é", "🇻🇳",
    ]

    @Test func markupIsReadInOnePassAndNeverGrows() throws {
        var random = SeededGenerator(seed: 15)
        for round in 0..<2_000 {
            var markup = ""
            for _ in 0..<random.int(in: 0...300) { markup += Self.tagPieces[random.int(in: 0...(Self.tagPieces.count - 1))] }
            let bytes = Array(markup.utf8)
            let dialect: MarkupText.Dialect = round % 2 == 0 ? .html : .wordML
            let (text, steps) = try MarkupText.extract(bytes, dialect: dialect, limit: .max)
            #expect(steps <= 40 * (bytes.count + 1), "\(steps) steps for \(markup.debugDescription)")
            #expect(text.utf8.count <= bytes.count + 1, "\(markup.debugDescription)")
            if !markup.contains("<") { #expect(text == markup) }
            #expect(CheckedText.decodeEntities(text).utf8.count <= text.utf8.count)
        }
    }

    @Test func aDOCXWithBytesChangedIsReadOrRefusedWithAReason() throws {
        let xml = "<w:document><w:body><w:p><w:r><w:t>159/182 communes (87.36%)</w:t></w:r></w:p><w:p><w:r><w:t>GRDP ranked 1st of 63.</w:t></w:r></w:p></w:body></w:document>"
        let docx = try CheckedTextLimitTests.docx(repeating: xml, size: xml.utf8.count)
        #expect(try CheckedText.read(docx, format: .docx) == "159/182 communes (87.36%)\nGRDP ranked 1st of 63.\n")
        var random = SeededGenerator(seed: 16)
        var read = 0, refused = 0
        for _ in 0..<1_500 {
            var bytes = [UInt8](docx)
            for _ in 0..<random.int(in: 1...4) {
                switch random.int(in: 0...3) {
                case 0: bytes[random.int(in: 0...(bytes.count - 1))] = UInt8(random.int(in: 0...255))
                case 1: bytes[random.int(in: 0...(bytes.count - 1))] ^= UInt8(1 << random.int(in: 0...7))
                case 2: bytes.removeLast(random.int(in: 0...(bytes.count / 2)))
                default: bytes[random.int(in: 0...(bytes.count - 1))] = [0x00, 0xFF, 0x7F, 0x80][random.int(in: 0...3)]
                }
                if bytes.isEmpty { bytes = [0] }
            }
            do {
                _ = try CheckedText.read(Data(bytes), format: .docx, name: "changed.docx")
                read += 1
            } catch let error as CheckedText.ReadError {
                refused += 1
                #expect(error.description.hasPrefix("changed.docx: "))
            }
        }
        #expect(read > 0 && refused > 0)
    }
}
