/// A secret confidence vote on one or more officials, by a body's roll of voters.
///
/// Each voter answers for each official: high confidence, confidence, low confidence, or leaves the official
/// blank. While the vote is open each ballot is kept only sealed; the close counts them and keeps the totals.
public struct ConfidencePoll: Hashable, Sendable {
    /// The smallest roll a vote may be opened for: below it a tally would all but name each voter's answers.
    public static let minimumRoll = 5
    /// The fewest ballots for which a per-official tally is kept and shown: fewer, and one ballot (the first
    /// ballot of a vote closed early) could be read straight off the counts.
    public static let minimumBallots = 5

    public var code: PollCode
    public var title: String
    /// The body whose roll votes (a committee, a people's council).
    public var unit: UnitCode
    /// The year reviewed, where the vote belongs to a review conference.
    public var period: Period?
    public var officials: [Official]
    /// What shares are taken of: the ballots cast, or the whole roll.
    public var base: Base
    public var thresholds: [Threshold]
    public var isClosed: Bool

    public init(
        code: PollCode, title: String, unit: UnitCode, period: Period? = nil, officials: [Official], base: Base,
        thresholds: [Threshold] = Threshold.usual, isClosed: Bool = false
    ) {
        self.code = code
        self.title = title
        self.unit = unit
        self.period = period
        self.officials = officials
        self.base = base
        self.thresholds = thresholds
        self.isClosed = isClosed
    }

    public struct Official: Hashable, Sendable {
        public var name: String
        public var position: String

        public init(name: String, position: String) {
            self.name = name
            self.position = position
        }
    }

    public enum Answer: String, Hashable, Sendable, CaseIterable {
        case high
        case confidence
        case low
        /// Counted as cast, but as no answer on this official.
        case blank
    }

    public enum Base: String, Hashable, Sendable, CaseIterable {
        case cast
        case roll
    }

    /// "More than half low confidence" (low > 1/2 of the base), "two thirds or more" (low ≥ 2/3): an answer's
    /// count against a fraction of the base, compared in integers, never rounded.
    public struct Threshold: Hashable, Sendable {
        public var answer: Answer
        public var numerator: Int
        public var denominator: Int
        /// True for "more than", false for "or more".
        public var strictly: Bool

        public init(answer: Answer, numerator: Int, denominator: Int, strictly: Bool) {
            self.answer = answer
            self.numerator = numerator
            self.denominator = denominator
            self.strictly = strictly
        }

        public static let usual = [
            Threshold(answer: .low, numerator: 1, denominator: 2, strictly: true),
            Threshold(answer: .low, numerator: 2, denominator: 3, strictly: false),
        ]

        /// Whether `count` out of `base` reaches the threshold: count/base > n/d ⇔ count·d > n·base.
        public func isReached(count: Int, base: Int) -> Bool {
            guard base > 0 else { return false }
            return strictly ? count * denominator > numerator * base : count * denominator >= numerator * base
        }

        public var description: String {
            "\(answer.rawValue) \(strictly ? ">" : "≥") \(numerator)/\(denominator)"
        }
    }
}

public struct PollCode: RecordCode {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

/// The counts of a closed poll, with the base stated and the thresholds each official reached. With fewer
/// ballots than ``ConfidencePoll/minimumBallots`` it has no lines: only the roll and the number cast.
public struct PollTally: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public let official: ConfidencePoll.Official
        public let counts: [ConfidencePoll.Answer: Int]
        public let reached: [ConfidencePoll.Threshold]

        /// Ballots with an answer on this official (high, confidence or low).
        public var valid: Int { counts[.high, default: 0] + counts[.confidence, default: 0] + counts[.low, default: 0] }
    }

    public let roll: Int
    public let cast: Int
    public let base: ConfidencePoll.Base
    public let lines: [Line]

    /// The number shares are taken of.
    public var baseCount: Int { base == .cast ? cast : roll }

    public init(poll: ConfidencePoll, roll: Int, cast: Int, counts: [Int: [ConfidencePoll.Answer: Int]]) {
        self.roll = roll
        self.cast = cast
        self.base = poll.base
        let baseCount = poll.base == .cast ? cast : roll
        lines = cast < ConfidencePoll.minimumBallots ? [] : poll.officials.enumerated().map { index, official in
            let counts = counts[index] ?? [:]
            return Line(official: official, counts: counts, reached: poll.thresholds.filter { $0.isReached(count: counts[$0.answer, default: 0], base: baseCount) })
        }
    }

    /// Too few ballots were cast for a per-official tally to keep them secret.
    public var isWithheld: Bool { cast < ConfidencePoll.minimumBallots }

    /// valid + blank = cast ≤ roll, for every official.
    public var isConsistent: Bool {
        cast <= roll && lines.allSatisfy { $0.valid + $0.counts[.blank, default: 0] == cast }
    }
}
