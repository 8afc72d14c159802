/// A commendation rule as data: which award a body gives, to units of which level below it, when every
/// criterion holds ("excellent five years in a row" → certificate of merit; "best of its emulation cluster" →
/// flag). The system proposes candidates with what qualifies them; people accept or reject.
public struct AwardRule: Hashable, Sendable {
    public var code: AwardRuleCode
    public var title: LocalizedText
    /// The award itself: "Bằng khen" / "Certificate of merit", "Cờ thi đua" / "Emulation flag".
    public var award: LocalizedText
    /// The unit that gives the award; candidates are the units below it.
    public var body: UnitCode
    /// Only units of this level are candidates; nil admits every level below the body.
    public var level: Level?
    public var criteria: [Criterion]

    public init(code: AwardRuleCode, title: LocalizedText, award: LocalizedText, body: UnitCode, level: Level?, criteria: [Criterion]) {
        self.code = code
        self.title = title
        self.award = award
        self.body = body
        self.level = level
        self.criteria = criteria
    }

    public enum Criterion: Hashable, Sendable {
        /// Rated at least `grade` in each of the `years` years up to and including the year evaluated, without a gap.
        case gradeStreak(atLeast: RatingRule.Grade, years: Int)
        /// The highest confirmed score of the year among the body's rated units sharing the unit's group of this
        /// kind (its emulation cluster); tied units all qualify, since nothing tells them apart.
        case bestOfGroup(GroupKind)
        /// Ranked within the first `top` among its peers in `scope` on `indicator` in the year evaluated.
        case rank(IndicatorCode, among: PeerScope, top: Int)
    }
}

public struct AwardRuleCode: RecordCode {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}
