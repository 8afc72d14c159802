import ArgumentParser
import Foundation
import StocktakeReports

extension BenchCheckCommand {
    /// Precision and recall on a corpus of public texts, per part and language.
    func measure(corpus directory: String) throws {
        let root = URL(fileURLWithPath: directory)
        let corpus: CheckCorpus
        do {
            let truth = try Data(contentsOf: root.appendingPathComponent("truth.json"))
            corpus = try CheckCorpus(truth: truth) { name in
                guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path),
                      let text = String(data: data, encoding: .utf8) else { throw CheckCorpus.Problem(description: "\(name): no such file, or not UTF-8") }
                return text
            }
        } catch let problem as CheckCorpus.Problem {
            throw ValidationError("\(directory): \(problem.description)")
        } catch {
            throw ValidationError("\(directory)/truth.json: cannot read it (\(error.localizedDescription))")
        }
        let listed = CorpusScore(corpus), all = CorpusScore(corpus, minimum: .low)
        print("Figure check on \(directory): \(corpus.excerpts.count) excerpts, \(corpus.keptOut.count) of them kept out of development.")
        print("Found = real + planted slips marked; precision = found / (found + false alarms); recall = found / slips.")
        for (score, title) in [(listed, "Findings listed by default (high and medium confidence)"), (all, "All findings (--all: low confidence too)")] {
            print("\n\(title):")
            var table = TextTable(["Part", "Lang", "Excerpts", "Claims", "Read", "Other", "Real slips", "Found", "Planted", "Found",
                                   "False alarms", "Precision", "Recall"], rightAligned: Set(2...12))
            for part in CorpusScore.Part.allCases {
                for language in ReportLanguage.allCases where score.tally(part, language).excerpts > 0 {
                    table.add(Self.row(part.rawValue, language.rawValue, score.tally(part, language)))
                }
                table.add(Self.row(part.rawValue, "all", score.total(part)))
            }
            print(table.render())
        }
        if misses {
            for (score, title) in [(listed, "default"), (all, "--all")] {
                print("\nDevelopment part, \(title):")
                for miss in score.misses[.development] ?? [] { print("  \(miss.excerpt)  \(miss.kind.rawValue): \(miss.detail)") }
            }
        }
    }

    private static func row(_ part: String, _ language: String, _ t: CorpusScore.Tally) -> [String] {
        func ratio(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0 * 100) } ?? "–" }
        return [part, language] + [t.excerpts, t.claims, t.claimsRead, t.otherClaims, t.realSlips, t.realFound, t.planted, t.plantedFound, t.falseAlarms].map(String.init)
            + [ratio(t.precision), ratio(t.recall)]
    }
}
