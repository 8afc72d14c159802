import Foundation

/// A unit's confirmed rating for a year, as award rules read rating history.
public struct Rating: Hashable, Sendable {
    public var unit: UnitCode
    public var period: Period
    public var grade: RatingRule.Grade
    public var score: Decimal

    public init(unit: UnitCode, period: Period, grade: RatingRule.Grade, score: Decimal) {
        self.unit = unit
        self.period = period
        self.grade = grade
        self.score = score
    }
}

/// A rating rule with the first year it applies to: a year is rated under the latest rule that began by then.
public struct DatedRatingRule: Hashable, Sendable {
    public var from: Int
    public var rule: RatingRule

    public init(from: Int, rule: RatingRule) {
        self.from = from
        self.rule = rule
    }

    /// The rule for `period` among `rules`, or the standard rule when none began by then.
    public static func rule(for period: Period, among rules: [DatedRatingRule]) -> RatingRule {
        let year = period.firstDay.year
        return rules.filter { $0.from <= year }.max { ($0.from, $0.rule.version) < ($1.from, $1.rule.version) }?.rule ?? .standard
    }
}
