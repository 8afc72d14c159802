import Foundation

/// How a year's evaluation becomes a rating: a 100-point score, grade thresholds, and a quota on "excellent".
/// A rule is data with a version, chosen per year, so a past year keeps the rule it was rated under.
public struct RatingRule: Hashable, Sendable {
    public var version: String
    /// Points for the share of assessed targets met or exceeded, for the share of counted key tasks done on time,
    /// and for a clean validation (less `findingPenalty` a finding, never below zero). Parts that do not apply
    /// to a unit (no assessed target, no counted task) are left out and the score scales to the parts that do.
    public var targetPoints: Decimal
    public var taskPoints: Decimal
    public var findingPoints: Decimal
    public var findingPenalty: Decimal
    /// Lowest scores of each grade; excellent also needs every counted key task done on time.
    public var excellent: Decimal
    public var good: Decimal
    public var completed: Decimal
    /// At most this share of the base may be excellent, rounded down.
    public var quotaPercent: Int
    public var quotaBase: QuotaBase

    public enum QuotaBase: String, Hashable, Sendable, CaseIterable {
        /// Units rated good or better (before the quota), the usual base.
        case goodOrBetter = "good_or_better"
        /// Every unit rated.
        case all
    }

    public static let standard = RatingRule(
        version: "2024.1", targetPoints: 60, taskPoints: 30, findingPoints: 10, findingPenalty: 2,
        excellent: 90, good: 70, completed: 50, quotaPercent: 20, quotaBase: .goodOrBetter)

    public init(
        version: String, targetPoints: Decimal, taskPoints: Decimal, findingPoints: Decimal, findingPenalty: Decimal,
        excellent: Decimal, good: Decimal, completed: Decimal, quotaPercent: Int, quotaBase: QuotaBase
    ) {
        self.version = version
        self.targetPoints = targetPoints
        self.taskPoints = taskPoints
        self.findingPoints = findingPoints
        self.findingPenalty = findingPenalty
        self.excellent = excellent
        self.good = good
        self.completed = completed
        self.quotaPercent = quotaPercent
        self.quotaBase = quotaBase
    }

    public enum Grade: String, Hashable, Sendable, CaseIterable, Comparable {
        case excellent
        case good
        case completed
        case notCompleted = "not_completed"

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! > allCases.firstIndex(of: rhs)!
        }
    }

    /// What a score rests on, shown beside every proposal.
    public struct Evidence: Hashable, Sendable {
        public var targetsMet: Int
        public var targetsAssessed: Int
        public var tasksOnTime: Int
        public var tasksCounted: Int
        public var findings: Int

        public init(targetsMet: Int, targetsAssessed: Int, tasksOnTime: Int, tasksCounted: Int, findings: Int) {
            self.targetsMet = targetsMet
            self.targetsAssessed = targetsAssessed
            self.tasksOnTime = tasksOnTime
            self.tasksCounted = tasksCounted
            self.findings = findings
        }

        /// A unit's evidence in its review: its own targets, its key tasks, the findings about it.
        public init(_ review: UnitReview) {
            let statuses = review.results.flatMap { $0.targets.map(\.status) }
            targetsMet = statuses.filter { $0 == .met || $0 == .exceeded }.count
            targetsAssessed = statuses.filter { $0 == .met || $0 == .exceeded || $0 == .notMet }.count
            let tasks = review.tasks ?? TaskSummary()
            tasksOnTime = tasks.doneOnTime
            tasksCounted = tasks.counted
            findings = review.findings.count
        }
    }

    /// The 100-point score of `evidence`, exact.
    public func score(_ evidence: Evidence) -> Decimal {
        var earned = max(0, findingPoints - findingPenalty * Decimal(evidence.findings))
        var possible = findingPoints
        if evidence.targetsAssessed > 0 {
            earned += targetPoints * Decimal(evidence.targetsMet) / Decimal(evidence.targetsAssessed)
            possible += targetPoints
        }
        if evidence.tasksCounted > 0 {
            earned += taskPoints * Decimal(evidence.tasksOnTime) / Decimal(evidence.tasksCounted)
            possible += taskPoints
        }
        return possible > 0 ? earned * 100 / possible : 0
    }

    /// The grade a score earns before the quota.
    public func grade(score: Decimal, allTasksOnTime: Bool) -> Grade {
        if score >= excellent { return allTasksOnTime ? .excellent : .good }
        if score >= good { return .good }
        if score >= completed { return .completed }
        return .notCompleted
    }

    public struct Proposal: Hashable, Sendable {
        public let unit: UnitCode
        public let evidence: Evidence
        public let score: Decimal
        /// The grade the score earns.
        public let earned: Grade
        /// The grade proposed: the earned one, or good when the quota on excellent left no room.
        public let proposed: Grade

        public var limitedByQuota: Bool { earned != proposed }
    }

    /// Proposals for the units of one rating body. At most `quota(of:)` units are excellent; when units tied on
    /// score straddle the limit, none of the tied ones is excellent, since nothing tells them apart. A unit with
    /// neither an assessed target nor a counted key task has nothing to be rated on and gets no proposal.
    public func propose(_ evidence: [UnitCode: Evidence]) -> (proposals: [Proposal], quota: Int) {
        let earned = evidence.filter { $0.value.targetsAssessed > 0 || $0.value.tasksCounted > 0 }.map { unit, evidence in
            let score = score(evidence)
            return (unit, evidence, score, grade(score: score, allTasksOnTime: evidence.tasksOnTime == evidence.tasksCounted))
        }
        let quota = quota(of: earned.map(\.3))
        let excellent = earned.filter { $0.3 == .excellent }.sorted { ($0.2, $1.0) > ($1.2, $0.0) }
        var admitted = Set<UnitCode>()
        if excellent.count <= quota {
            admitted = Set(excellent.map(\.0))
        } else if quota > 0 {
            let cutoff = excellent[quota - 1].2
            let beyond = excellent[quota].2
            admitted = Set(excellent.prefix(quota).filter { cutoff != beyond || $0.2 > cutoff }.map(\.0))
        }
        let proposals = earned.map { unit, evidence, score, grade in
            Proposal(unit: unit, evidence: evidence, score: score, earned: grade, proposed: grade == .excellent && !admitted.contains(unit) ? .good : grade)
        }
        return (proposals.sorted { ($0.score, $1.unit) > ($1.score, $0.unit) }, quota)
    }

    /// How many may be excellent among units that earned `grades`: the percent of the base, rounded down,
    /// in integers.
    public func quota(of grades: [Grade]) -> Int {
        let base = quotaBase == .all ? grades.count : grades.filter { $0 >= .good }.count
        return base * quotaPercent / 100
    }
}

extension RatingRule {
    /// Whether a body rates `unit`, one directly below it, in `period`: while it is active, unless it is synthetic.
    public static func rates(_ unit: OrgUnit, in period: Period) -> Bool {
        unit.isActive(in: period) && unit.origin != .synthetic
    }

    /// A body's rating round from the reviews of the units it rates (``rates(_:in:)``): proposals, the quota, and
    /// the units with nothing to be rated on. A store reads those
    /// reviews for the body alone (``StocktakeStore/RecordAccess/ratedReviews(of:period:asOf:)``).
    public func round(of rated: [UnitReview]) -> (proposals: [Proposal], quota: Int, unrated: [UnitCode]) {
        let evidence = Dictionary(rated.map { ($0.unit.code, Evidence($0)) }, uniquingKeysWith: { a, _ in a })
        let (proposals, quota) = propose(evidence)
        return (proposals, quota, rated.map(\.unit.code).filter { code in !proposals.contains { $0.unit == code } })
    }

    /// The same round from a whole evaluation of the period.
    public func round(of body: UnitCode, tree: UnitTree, evaluation: Evaluation) -> (proposals: [Proposal], quota: Int, unrated: [UnitCode]) {
        round(of: tree.activeChildren(of: body, in: evaluation.period).compactMap { tree[$0] }.filter { Self.rates($0, in: evaluation.period) }.map(evaluation.review(of:)))
    }
}
