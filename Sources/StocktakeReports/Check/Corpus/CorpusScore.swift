import Foundation

/// The figure check measured on a corpus, per part and language: the claims it read of those the truth lists,
/// the real and planted slips it found and missed, and its false alarms, at a confidence.
///
/// A finding in an excerpt as published is a real slip found when it overlaps the figure of a claim the truth
/// says does not hold, and a false alarm otherwise. Each planted slip is put in its own copy of the excerpt and is
/// found when a finding overlaps the replaced text; other findings in that copy are the plant's consequences or the
/// excerpt's own, counted once with the excerpt.
public struct CorpusScore: Sendable {
    public enum Part: String, Sendable, CaseIterable {
        case development
        case keptOut = "kept out"
    }

    public struct Tally: Sendable, Equatable {
        public var excerpts = 0
        public var claims = 0
        /// Claims of the truth that a claim the check read covers, refuted or not.
        public var claimsRead = 0
        /// Claims the check read that the truth does not list.
        public var otherClaims = 0
        public var realSlips = 0
        public var realFound = 0
        public var planted = 0
        public var plantedFound = 0
        public var falseAlarms = 0
        /// Excerpts whose language the check detected as another.
        public var misdetected = 0

        public var slips: Int { realSlips + planted }
        public var found: Int { realFound + plantedFound }
        public var precision: Double? { found + falseAlarms == 0 ? nil : Double(found) / Double(found + falseAlarms) }
        public var recall: Double? { slips == 0 ? nil : Double(found) / Double(slips) }

        static func + (a: Tally, b: Tally) -> Tally {
            Tally(excerpts: a.excerpts + b.excerpts, claims: a.claims + b.claims, claimsRead: a.claimsRead + b.claimsRead,
                  otherClaims: a.otherClaims + b.otherClaims, realSlips: a.realSlips + b.realSlips, realFound: a.realFound + b.realFound,
                  planted: a.planted + b.planted, plantedFound: a.plantedFound + b.plantedFound,
                  falseAlarms: a.falseAlarms + b.falseAlarms, misdetected: a.misdetected + b.misdetected)
        }
    }

    /// A false alarm or a missed slip, to read where the check goes wrong.
    public struct Miss: Sendable {
        public enum Kind: String, Sendable { case falseAlarm = "false alarm", missedReal = "missed real slip", missedPlanted = "missed planted slip" }
        public let kind: Kind
        public let excerpt: String
        public let detail: String
    }

    public let minimum: FigureFinding.Confidence
    public private(set) var tallies: [Part: [ReportLanguage: Tally]] = [:]
    public private(set) var misses: [Part: [Miss]] = [:]

    public func tally(_ part: Part, _ language: ReportLanguage) -> Tally { tallies[part]?[language] ?? Tally() }
    public func total(_ part: Part) -> Tally { ReportLanguage.allCases.reduce(Tally()) { $0 + tally(part, $1) } }

    public init(_ corpus: CheckCorpus, minimum: FigureFinding.Confidence = .medium) {
        self.minimum = minimum
        for excerpt in corpus.excerpts {
            let part: Part = corpus.keptOut.contains(excerpt.id) ? .keptOut : .development
            var tally = tallies[part]?[excerpt.language] ?? Tally()
            var misses: [Miss] = []
            Self.score(excerpt, minimum: minimum, into: &tally, misses: &misses)
            tallies[part, default: [:]][excerpt.language] = tally
            self.misses[part, default: []] += misses
        }
    }

    private static func score(_ excerpt: CheckCorpus.Excerpt, minimum: FigureFinding.Confidence, into tally: inout Tally, misses: inout [Miss]) {
        let language = LanguageDetector.detect(excerpt.text)
        let reading = FigureCheck(language: language).read(excerpt.text)
        let findings = reading.result(minimum: minimum).findings
        tally.excerpts += 1
        if language != excerpt.language { tally.misdetected += 1 }

        let claims = excerpt.claims.map { ($0, CheckCorpus.span(of: $0.figure, occurrence: $0.occurrence, in: excerpt.text)!) }
        tally.claims += claims.count
        tally.claimsRead += claims.filter { _, span in reading.claims.contains { $0.span.overlaps(span) } }.count
        tally.otherClaims += reading.claims.filter { read in !claims.contains { read.span.overlaps($0.1) } }.count

        let slips = claims.filter { !$0.0.holds }
        tally.realSlips += slips.count
        for (claim, span) in slips {
            if findings.contains(where: { ($0.start..<$0.end).overlaps(span) }) { tally.realFound += 1 } else {
                misses.append(Miss(kind: .missedReal, excerpt: excerpt.id, detail: "\(claim.kind) «\(claim.figure)»: \(claim.arithmetic)"))
            }
        }
        for finding in findings where !slips.contains(where: { (finding.start..<finding.end).overlaps($0.1) }) {
            tally.falseAlarms += 1
            misses.append(Miss(kind: .falseAlarm, excerpt: excerpt.id,
                               detail: "\(finding.kind.rawValue) (\(finding.confidence.rawValue)) «\(finding.quote)»: read \(finding.claim); but \(finding.expected)"))
        }

        for plant in excerpt.planted {
            let span = CheckCorpus.span(of: plant.replace, occurrence: 1, in: excerpt.text)!
            var scalars = Array(excerpt.text.unicodeScalars)
            scalars.replaceSubrange(span, with: plant.with.unicodeScalars)
            var planted = String.UnicodeScalarView()
            planted.append(contentsOf: scalars)
            let changed = span.lowerBound..<span.lowerBound + plant.with.unicodeScalars.count
            let found = FigureCheck(language: language).read(String(planted)).result(minimum: minimum).findings
            tally.planted += 1
            if found.contains(where: { ($0.start..<$0.end).overlaps(changed) }) { tally.plantedFound += 1 } else {
                misses.append(Miss(kind: .missedPlanted, excerpt: excerpt.id, detail: "\(plant.kind) «\(plant.replace)» → «\(plant.with)»"))
            }
        }
    }
}
