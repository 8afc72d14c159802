import Foundation
import StocktakeReports
import StocktakeTestSupport
import Testing

/// The corpus of public texts holds together, and the measurement on it counts what it says it counts.
struct CheckCorpusTests {
    static func corpus() throws -> CheckCorpus {
        let root = Samples.directory.appendingPathComponent("corpus")
        return try CheckCorpus(truth: try Data(contentsOf: root.appendingPathComponent("truth.json"))) { name in
            try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
        }
    }

    @Test("the corpus: at least 150 excerpts, 60 in Vietnamese and 15 in each other language, each with its source; a quarter kept out")
    func theCorpusHoldsTogether() throws {
        let corpus = try Self.corpus()
        #expect(corpus.excerpts.count >= 150)
        let counts = Dictionary(grouping: corpus.excerpts, by: \.language).mapValues(\.count)
        #expect(counts[.vi, default: 0] >= 60)
        for language in ReportLanguage.allCases where language != .vi { #expect(counts[language, default: 0] >= 15, "\(language)") }
        #expect(corpus.excerpts.allSatisfy { $0.source.hasPrefix("http") && !$0.text.isEmpty })
        for language in ReportLanguage.allCases {
            let all = corpus.excerpts.filter { $0.language == language }
            let kept = all.filter { corpus.keptOut.contains($0.id) }.count
            #expect(kept * 5 >= all.count && kept * 3 <= all.count, "\(language): \(kept) of \(all.count) kept out")
        }
    }

    static let truth = #"""
        {"kept_out": ["en-002"], "excerpts": [
          {"id": "en-001", "language": "en", "source": "https://example.org/1",
           "claims": [{"kind": "share", "figure": "87.63%", "occurrence": 1, "holds": false, "arithmetic": "159/182 = 87.36 %"},
                      {"kind": "share", "figure": "50%", "occurrence": 1, "holds": true, "arithmetic": "1/2"}],
           "planted": [{"replace": "(50%)", "with": "(60%)", "kind": "share"}, {"replace": "1/2 ", "with": "1/3 ", "kind": "share"}]},
          {"id": "en-002", "language": "en", "source": "https://example.org/2",
           "claims": [], "planted": []}
        ]}
        """#

    static let files = [
        "en/en-001.txt": "source: https://example.org/1\n\n159/182 communes (87.63%) meet the new rural standard. 1/2 districts (50%) reported.\n",
        "en/en-002.txt": "source: https://example.org/2\n\nRanked 72nd of 63 provinces in 2024.\n",
    ]

    @Test("a real slip found, a planted slip found and one missed, a false alarm in the kept-out part, each counted where it belongs")
    func theMeasurementCountsEachFindingOnce() throws {
        let corpus = try CheckCorpus(truth: Data(Self.truth.utf8)) { Self.files[$0]! }
        let score = CorpusScore(corpus)
        let development = score.tally(.development, .en)
        #expect(development.excerpts == 1 && development.claims == 2 && development.claimsRead == 2)
        #expect(development.realSlips == 1 && development.realFound == 1 && development.falseAlarms == 0)
        // 50 % → 60 % is refuted by 1/2; 1/2 → 1/3 is found on the changed fraction's share only when it overlaps it,
        // and the share's span is the percentage: a plant away from the figure a finding marks is missed.
        #expect(development.planted == 2 && development.plantedFound == 1)
        #expect(development.precision == 1 && development.recall == 2.0 / 3)
        let keptOut = score.tally(.keptOut, .en)
        #expect(keptOut.excerpts == 1 && keptOut.falseAlarms == 1 && keptOut.precision == 0 && keptOut.recall == nil)
    }

    @Test("a truth file that does not match its texts is refused, naming the file and the figure")
    func aTruthThatDoesNotMatchItsTextIsRefused() {
        let wrong = Self.truth.replacingOccurrences(of: #""figure": "87.63%""#, with: #""figure": "87.36%""#)
        #expect { try CheckCorpus(truth: Data(wrong.utf8)) { Self.files[$0]! } } throws: { error in
            "\(error)".contains("en/en-001.txt") && "\(error)".contains("87.36%")
        }
        let twice = Self.truth.replacingOccurrences(of: #""replace": "(50%)""#, with: #""replace": "%""#)
        #expect(throws: CheckCorpus.Problem.self) { try CheckCorpus(truth: Data(twice.utf8)) { Self.files[$0]! } }
    }
}

/// Text in decomposed Unicode (NFD), as some editors save Vietnamese, is read as the same words as composed
/// text: every corpus excerpt gives the same findings both ways, once through the door every check reads by.
struct DecomposedTextTests {
    @Test func everyCorpusExcerptGivesTheSameFindingsComposedAndDecomposed() throws {
        let corpus = try CheckCorpusTests.corpus()
        var compared = 0, withFindings = 0
        for excerpt in corpus.excerpts {
            let composed = try CheckedText.read(Data(excerpt.text.precomposedStringWithCanonicalMapping.utf8), format: .text)
            let decomposed = try CheckedText.read(Data(excerpt.text.decomposedStringWithCanonicalMapping.utf8), format: .text)
            #expect(decomposed.unicodeScalars.elementsEqual(composed.unicodeScalars), "\(excerpt.id)")
            let a = FigureCheck.check(composed, language: excerpt.language, minimum: .low).findings
            let b = FigureCheck.check(decomposed, language: excerpt.language, minimum: .low).findings
            #expect(a.map { "\($0.kind) \($0.start) \($0.quote)" } == b.map { "\($0.kind) \($0.start) \($0.quote)" }, "\(excerpt.id)")
            compared += 1
            withFindings += a.isEmpty ? 0 : 1
        }
        #expect(compared == corpus.excerpts.count && withFindings >= 20)
    }

    @Test func theVietnameseExamplesAreFoundInDecomposedForm() throws {
        // An impossible day, and a share of communes that does not hold (129/193 is 66.84 %, not 76 %).
        let sentence = "Đến ngày 31/4, toàn tỉnh có 129 xã/193 xã đạt chuẩn nông thôn mới, đạt tỷ lệ 76%."
        let nfd = Data(sentence.decomposedStringWithCanonicalMapping.utf8)
        #expect(String(decoding: nfd, as: UTF8.self).unicodeScalars.count > sentence.unicodeScalars.count)
        let findings = FigureCheck.check(try CheckedText.read(nfd, format: .text), language: .vi).findings
        #expect(Set(findings.map(\.kind)) == [.impossibleDate, .share], "\(findings.map(\.kind))")
    }
}
