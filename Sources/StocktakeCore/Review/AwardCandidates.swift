import Foundation

/// A unit an award rule proposes for a year, with what qualifies it under each criterion.
public struct AwardCandidate: Hashable, Sendable {
    public let rule: AwardRuleCode
    public let unit: UnitCode
    public let period: Period
    public let qualifications: [Qualification]

    public enum Qualification: Hashable, Sendable {
        /// The years of the streak, oldest first, each with its grade and score, all at least `atLeast`.
        case streak(atLeast: RatingRule.Grade, years: [Rating])
        /// Best score of the year in the group; `tiedWith` names the other units with the same score.
        case bestOfGroup(group: String, score: Decimal, among: Int, tiedWith: [UnitCode])
        case rank(IndicatorCode, among: PeerScope, rank: Rank, actual: Decimal)
    }
}

extension AwardRule {
    /// What candidates are read from: the tree below the bodies, the confirmed ratings of every year needed (the
    /// latest revision of each), and for rank criteria each unit's rank among its peers with the figure it was
    /// ranked by.
    public struct Inputs: Sendable {
        public var tree: UnitTree
        public var ratings: [UnitCode: [Period: Rating]]
        /// A unit's rank on an indicator among its peers of a scope, with its figure; nil when it has none.
        public var standing: @Sendable (ObservationKey, PeerScope) -> (rank: Rank, actual: Decimal)?

        public init(tree: UnitTree, ratings: [Rating], standing: @escaping @Sendable (ObservationKey, PeerScope) -> (rank: Rank, actual: Decimal)?) {
            self.tree = tree
            self.ratings = Dictionary(grouping: ratings, by: \.unit).mapValues { Dictionary($0.map { ($0.period, $0) }, uniquingKeysWith: { $1 }) }
            self.standing = standing
        }

        /// Ranks from a whole evaluation of the period.
        public init(tree: UnitTree, ratings: [Rating], evaluation: Evaluation?) {
            self.init(tree: tree, ratings: ratings) { key, scope in
                guard let evaluation, evaluation.period == key.period, let rank = evaluation.ranks(for: key)[scope],
                    let actual = evaluation.results[key]?.actual?.measured
                else { return nil }
                return (rank, actual)
            }
        }
    }

    /// The units below the body that meet every criterion in `period`, in code order.
    public func candidates(in period: Period, _ inputs: Inputs) -> [AwardCandidate] {
        let units = inputs.tree.subtree(of: body).filter { code in
            guard code != body, let unit = inputs.tree[code], unit.isActive(in: period), unit.origin != .synthetic else { return false }
            return level.map { unit.level == $0 } ?? true
        }
        return units.sorted().compactMap { unit in
            var qualifications: [AwardCandidate.Qualification] = []
            for criterion in criteria {
                guard let q = qualification(unit, criterion, period, inputs) else { return nil }
                qualifications.append(q)
            }
            return qualifications.isEmpty ? nil : AwardCandidate(rule: code, unit: unit, period: period, qualifications: qualifications)
        }
    }

    func qualification(_ unit: UnitCode, _ criterion: Criterion, _ period: Period, _ inputs: Inputs) -> AwardCandidate.Qualification? {
        switch criterion {
        case .gradeStreak(let grade, let years):
            var streak: [Rating] = []
            var year = period
            for _ in 0..<max(years, 1) {
                guard let rating = inputs.ratings[unit]?[year], rating.grade >= grade else { return nil }
                streak.insert(rating, at: 0)
                year = year.previous
            }
            return .streak(atLeast: grade, years: streak)
        case .bestOfGroup(let kind):
            guard let group = inputs.tree[unit]?.groups[kind], let score = inputs.ratings[unit]?[period]?.score else { return nil }
            let peers = inputs.tree.subtree(of: body).filter { $0 != body && inputs.tree[$0]?.groups[kind] == group && inputs.tree[$0]?.level == inputs.tree[unit]?.level }
            let scores = peers.compactMap { peer in inputs.ratings[peer]?[period].map { (peer, $0.score) } }
            guard let best = scores.map(\.1).max(), score == best else { return nil }
            return .bestOfGroup(group: group, score: score, among: scores.count, tiedWith: scores.filter { $0.1 == best && $0.0 != unit }.map(\.0).sorted())
        case .rank(let indicator, let scope, let top):
            guard let (rank, actual) = inputs.standing(ObservationKey(unit: unit, indicator: indicator, period: period), scope),
                rank.position <= top
            else { return nil }
            return .rank(indicator, among: scope, rank: rank, actual: actual)
        }
    }
}

extension AwardCandidate.Qualification {
    /// The facts in plain English, as kept beside a decision: "excellent 2020 (95), 2021 (96), …".
    public var summary: String {
        switch self {
        case .streak(_, let years):
            return years.map { "\($0.grade.rawValue) \($0.period) (\($0.score.rounded(2).exactText))" }.joined(separator: ", ")
        case .bestOfGroup(let group, let score, let among, let tied):
            return "best score \(score.rounded(2).exactText) of \(among) in \(group)" + (tied.isEmpty ? "" : ", tied with \(tied.map(\.rawValue).joined(separator: ", "))")
        case .rank(let indicator, let scope, let rank, let actual):
            return "\(indicator) \(actual.exactText): rank \(rank.position) of \(rank.of) among \(scope) peers"
        }
    }
}

extension AwardCandidate {
    public var evidence: String { qualifications.map(\.summary).joined(separator: "; ") }
}
