import Foundation

/// Public review texts written by others, each with every claim its own figures can check and its real slips,
/// found by hand, and slips planted in it: what the figure check is measured on. A quarter of the excerpts, chosen
/// at random once, is kept out of development and measured on only to report.
public struct CheckCorpus: Sendable {
    public let excerpts: [Excerpt]
    public let keptOut: Set<String>

    public struct Excerpt: Sendable {
        public let id: String
        public let language: ReportLanguage
        public let source: String
        /// The excerpt as published, without the file's `source:` line.
        public let text: String
        public let claims: [Claim]
        public let planted: [Plant]
    }

    /// A checkable claim: the figure a finding would mark, located as the `occurrence`-th appearance of
    /// `figure` in the text; `holds` is false for a real slip.
    public struct Claim: Sendable, Codable {
        public let kind: String
        public let figure: String
        public let occurrence: Int
        public let holds: Bool
        public let arithmetic: String
    }

    /// A slip planted for the measurement: `replace`, which the text holds exactly once, becomes `with`.
    public struct Plant: Sendable, Codable {
        public let replace: String
        public let with: String
        public let kind: String
    }

    /// What a truth file holds: the excerpts' claims and plants by identifier, and the kept-out identifiers.
    struct Truth: Codable {
        struct Entry: Codable {
            let id: String
            let language: String
            let source: String
            let claims: [Claim]
            let planted: [Plant]
        }
        let keptOut: [String]
        let excerpts: [Entry]

        enum CodingKeys: String, CodingKey {
            case keptOut = "kept_out"
            case excerpts
        }
    }

    /// A corpus that does not hold together: the file or excerpt, what is wrong and what was expected.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// The corpus from its truth file and a reader of the excerpt files by identifier (`vi/vi-001.txt` for
    /// "vi-001"). Every claim's figure must be in its text as often as its occurrence says, every plant's text
    /// exactly once, each file's `source:` line the truth's source.
    public init(truth data: Data, file: (String) throws -> String) throws {
        let truth: Truth
        do { truth = try JSONDecoder().decode(Truth.self, from: data) } catch {
            throw Problem(description: "truth.json: not the corpus's truth file (\(error))")
        }
        var seen = Set<String>()
        var excerpts: [Excerpt] = []
        for entry in truth.excerpts {
            guard seen.insert(entry.id).inserted else { throw Problem(description: "truth.json: excerpt \(entry.id) is listed twice") }
            guard let language = ReportLanguage(rawValue: entry.language) else {
                throw Problem(description: "truth.json: excerpt \(entry.id) has the language '\(entry.language)'; expected vi, en, es, el, ru or ar")
            }
            let name = "\(entry.language)/\(entry.id).txt"
            let (source, text) = try Self.split(try file(name), name: name)
            guard source == entry.source else {
                throw Problem(description: "\(name): the source line says '\(source)', the truth file '\(entry.source)'")
            }
            for claim in entry.claims where Self.span(of: claim.figure, occurrence: claim.occurrence, in: text) == nil {
                throw Problem(description: "\(name): the claim's figure '\(claim.figure)' does not occur \(claim.occurrence) time(s) in the text")
            }
            for plant in entry.planted where Self.occurrences(of: plant.replace, in: text) != 1 {
                throw Problem(description: "\(name): the planted slip's '\(plant.replace)' occurs \(Self.occurrences(of: plant.replace, in: text)) times; expected exactly once")
            }
            excerpts.append(Excerpt(id: entry.id, language: language, source: entry.source, text: text, claims: entry.claims, planted: entry.planted))
        }
        for id in truth.keptOut where !seen.contains(id) {
            throw Problem(description: "truth.json: the kept-out excerpt \(id) is not in the corpus")
        }
        self.excerpts = excerpts
        self.keptOut = Set(truth.keptOut)
    }

    /// A file's `source: URL` line, then an empty line, then the excerpt.
    static func split(_ file: String, name: String) throws -> (source: String, text: String) {
        let prefix = "source: "
        guard file.hasPrefix(prefix), let lineEnd = file.firstIndex(of: "\n") else {
            throw Problem(description: "\(name): the first line must be 'source: URL'")
        }
        let source = String(file[file.index(file.startIndex, offsetBy: prefix.count)..<lineEnd]).trimmingCharacters(in: .whitespaces)
        let rest = file[file.index(after: lineEnd)...]
        guard rest.hasPrefix("\n") else { throw Problem(description: "\(name): an empty line must follow the source line") }
        return (source, String(rest.dropFirst()))
    }

    /// The scalar offsets of the `occurrence`-th (from 1) appearance of `figure` in `text`.
    static func span(of figure: String, occurrence: Int, in text: String) -> Range<Int>? {
        let starts = self.starts(of: figure, in: text)
        guard occurrence >= 1, occurrence <= starts.count else { return nil }
        return starts[occurrence - 1]..<starts[occurrence - 1] + figure.unicodeScalars.count
    }

    static func occurrences(of string: String, in text: String) -> Int { starts(of: string, in: text).count }

    private static func starts(of needle: String, in text: String) -> [Int] {
        let haystack = Array(text.unicodeScalars), pattern = Array(needle.unicodeScalars)
        guard !pattern.isEmpty, pattern.count <= haystack.count else { return [] }
        return (0...(haystack.count - pattern.count)).filter { haystack[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }
}
