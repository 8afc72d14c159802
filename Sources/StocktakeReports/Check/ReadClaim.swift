/// A claim the check read in a text: its kind, the figures it puts to the test, how surely the words fix their
/// roles, and the finding when the arithmetic refutes it. A claim that holds has no finding.
public struct ReadClaim: Sendable, Equatable {
    public let kind: FigureFinding.Kind
    /// Offsets in Unicode scalars of the text, end exclusive: the span a finding would mark.
    public let span: Range<Int>
    public let confidence: FigureFinding.Confidence
    public let finding: FigureFinding?

    init(kind: FigureFinding.Kind, span: Range<Int>, confidence: FigureFinding.Confidence, finding: FigureFinding?) {
        self.kind = kind
        self.span = span
        self.confidence = confidence
        self.finding = finding
    }

    init(_ finding: FigureFinding) {
        self.init(kind: finding.kind, span: finding.start..<finding.end, confidence: finding.confidence, finding: finding)
    }
}

/// Every claim the check read in a text, and the result it gives at a confidence.
public struct CheckReading: Sendable {
    public let language: ReportLanguage
    public let figures: Int
    public let sentences: Int
    public let claims: [ReadClaim]

    /// The findings of the claims read at `minimum` confidence or above, in the text's order.
    public func result(minimum: FigureFinding.Confidence = .medium) -> CheckResult {
        let findings = claims.compactMap(\.finding).filter { $0.confidence >= minimum }
            .sorted { ($0.start, $0.kind.rawValue) < ($1.start, $1.kind.rawValue) }
        return CheckResult(language: language, figures: figures, sentences: sentences, findings: findings)
    }
}
