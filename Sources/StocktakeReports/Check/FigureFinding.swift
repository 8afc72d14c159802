import Foundation

/// One figure that contradicts its own arithmetic or the stored data: where it is, what the text claims and
/// what the arithmetic or the store says instead.
public struct FigureFinding: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A percentage printed beside its x/y (or "x of y") that is not x/y.
        case share
        /// "reaching P % of the target" or "exceeding it by P %" against the actual and target printed with it.
        case achievement
        /// A growth rate against the two values printed with it.
        case growth
        /// A part larger than its stated whole ("192/182 communes", "2.04 billion, of which 3.1 billion").
        case partExceedsWhole = "part_exceeds_whole"
        /// Listed parts that do not add up to the total they break down.
        case partsSum = "parts_sum"
        /// A rank beyond the number of peers ranked ("70th of 63").
        case rankBeyondPeers = "rank_beyond_peers"
        /// A day that no calendar has ("31 June", "29/02/2023").
        case impossibleDate = "impossible_date"
        /// A difference between two percentages against the two ("9,46 %, 0,66 points above the plan's 8,80 %").
        case difference
        /// A number of years against the year range printed with it ("5 consecutive years (2020-2024)").
        case yearCount = "year_count"
        /// A figure naming a stored indicator that differs from the stored value at its printed precision.
        case storedValue = "stored_value"
    }

    /// High: the roles of the figures are fixed by the words between them. Medium: they are inferred from the
    /// words around them (which figure is the target, which the earlier value). Low: a guess worth a look but not
    /// an action (a percentage two figures of the sentence nearly give, a figure in another language's format);
    /// listed only when asked for.
    public enum Confidence: String, Sendable, Codable, Comparable, CaseIterable {
        case high, medium, low

        public static func < (a: Confidence, b: Confidence) -> Bool { a.order < b.order }
        /// The least confidence listed: high and medium, what is precise enough to act on; with `all`, the guesses
        /// of low confidence too. Every door (CLI, page, API) asks here.
        public static func listed(all: Bool) -> Confidence { all ? .low : .medium }
        private var order: Int { switch self { case .low: 0; case .medium: 1; case .high: 2 } }
    }

    public let kind: Kind
    /// Offsets in Unicode scalars of the checked text, end exclusive, with the line and column they start at.
    public let start: Int
    public let end: Int
    public let line: Int
    public let column: Int
    /// The text of the span, as written.
    public let quote: String
    /// The claim as read: "87.63 % as the share of 159/182".
    public let claim: String
    /// What the arithmetic or the store says instead: "159/182 = 87.36 %".
    public let expected: String
    public let confidence: Confidence
}

/// What a check found, with the language it read the text in.
public struct CheckResult: Sendable, Codable {
    public let language: ReportLanguage
    /// How many figures were read, and how many sentences.
    public let figures: Int
    public let sentences: Int
    public let findings: [FigureFinding]
    /// Findings found but not listed, past the number an answer lists (``listing(atMost:)``).
    public let unlisted: Int

    init(language: ReportLanguage, figures: Int, sentences: Int, findings: [FigureFinding], unlisted: Int = 0) {
        self.language = language
        self.figures = figures
        self.sentences = sentences
        self.findings = findings
        self.unlisted = unlisted
    }

    /// The first `limit` findings, with the count of the rest, so that a text full of slips gives an answer of
    /// bounded size.
    public func listing(atMost limit: Int) -> CheckResult {
        guard findings.count > limit else { return self }
        return CheckResult(language: language, figures: figures, sentences: sentences, findings: Array(findings.prefix(limit)),
                           unlisted: unlisted + findings.count - limit)
    }
}

extension ReportLanguage: Codable {}

extension CheckResult {
    /// The findings as lines a person reads: where, the quoted text, the claim and what holds instead.
    public func text(name: String) -> String {
        let total = findings.count + unlisted
        var lines = ["\(name): \(total) finding\(total == 1 ? "" : "s") in \(figures) figures of \(sentences) sentences (language: \(language.rawValue))."]
        for finding in findings {
            lines.append("\(name):\(finding.line):\(finding.column): \(finding.kind.rawValue) (\(finding.confidence.rawValue) confidence) «\(finding.quote)»")
            lines.append("    read: \(finding.claim)")
            lines.append("    but:  \(finding.expected)")
        }
        if unlisted > 0 { lines.append("\(name): \(unlisted) more finding\(unlisted == 1 ? "" : "s") not listed.") }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
