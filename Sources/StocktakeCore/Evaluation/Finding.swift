import Foundation

/// Something in the data a reviewer should look at. Findings are reported, never silently resolved.
public struct Finding: Sendable, Hashable {
    public let unit: UnitCode
    /// Absent for findings about the unit as a whole (an overdue task).
    public let indicator: IndicatorCode?
    public let period: Period
    public let problem: Problem

    public init(unit: UnitCode, indicator: IndicatorCode?, period: Period, problem: Problem) {
        self.unit = unit
        self.indicator = indicator
        self.period = period
        self.problem = problem
    }

    init(_ key: ObservationKey, _ problem: Problem) {
        self.init(unit: key.unit, indicator: key.indicator, period: key.period, problem: problem)
    }

    /// `BG/grdp_growth/2024`, or `BG/2024` for the unit as a whole.
    public var subject: String {
        indicator.map { "\(unit)/\($0)/\(period)" } ?? "\(unit)/\(period)"
    }

    public enum Problem: Sendable, Hashable {
        /// The unit's own figure and its children's roll-up differ by more than rounding can explain.
        case rollupMismatch(own: Figure, rollup: Figure, reporting: Int)
        /// Some children reported the indicator for the period and these did not.
        case missingReports(missing: [UnitCode], expected: Int)
        /// The value lies far from what the unit's own earlier values lead one to expect (``Outlier``); from `low` to
        /// `high` it would not be.
        case outsideHistory(value: Decimal, low: Decimal, high: Decimal, years: Int)
        /// A rate or a share lies far from the same figure of the units beside it (same parent, same period), while
        /// its own earlier years say nothing against it (``Outlier``); from `low` to `high` it would not.
        case farFromPeers(value: Decimal, low: Decimal, high: Decimal, peers: Int)
        /// A rank the source stated differs from the rank computed from stored figures.
        case rankMismatch(peers: PeerScope, reported: Int, computed: Rank)
        /// A comparison the source stated ("up 14.5 %") differs from what the stored figures give.
        case comparisonMismatch(reported: ReportedComparison, computedPercent: Decimal)
        /// A key task is past its deadline and not done.
        case overdueTask(TaskCode, deadline: CalendarDate)
        /// The unit's figures break a validation rule (``ValidationRule``): both sides as computed; `rule` is the
        /// rule as written ("nr_model_communes <= nr_advanced_communes").
        case ruleViolated(RuleCode, rule: String, left: Decimal, right: Decimal)
    }

    /// Whether the finding follows from the stored records of its unit, its children, the units beside it and its
    /// own earlier years alone, so that a store can keep it with each write: not a rank (which moves with every
    /// peer of the level's figure), an overdue task (which moves with the day) or a broken rule (which moves with
    /// the rules; read from the maintained figures of the units asked for).
    public var followsFromRecords: Bool {
        switch problem {
        case .rollupMismatch, .missingReports, .outsideHistory, .farFromPeers, .comparisonMismatch: true
        case .rankMismatch, .overdueTask, .ruleViolated: false
        }
    }

    /// Whether the finding is a figure far from its history or its peers (``Outlier``).
    public var isOutlier: Bool {
        switch problem {
        case .outsideHistory, .farFromPeers: true
        default: false
        }
    }

    public var isRuleViolation: Bool {
        if case .ruleViolated = problem { true } else { false }
    }

    public var code: String {
        switch problem {
        case .rollupMismatch: "rollup_mismatch"
        case .missingReports: "missing_reports"
        case .outsideHistory: "outside_history"
        case .farFromPeers: "far_from_peers"
        case .rankMismatch: "rank_mismatch"
        case .comparisonMismatch: "comparison_mismatch"
        case .overdueTask: "overdue_task"
        case .ruleViolated: "rule_violated"
        }
    }
}

extension Finding: CustomStringConvertible {
    /// A sentence in English for logs and the command line; reports render findings from the structured problem.
    public var description: String {
        switch problem {
        case .rollupMismatch(let own, let rollup, let reporting):
            return "\(subject): own figure \(own.plainText) differs from the roll-up of \(reporting) children, \(rollup.plainText)"
        case .missingReports(let missing, let expected):
            let listed = missing.prefix(5).map(\.rawValue).joined(separator: ", ")
            let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
            return "\(subject): \(missing.count) of \(expected) units below have not reported (\(listed)\(more))"
        case .outsideHistory(let value, let low, let high, let years):
            return "\(subject): \(value.exactText) is far from what the unit's \(years) earlier periods lead one to expect, \(low.rounded(2).exactText) to \(high.rounded(2).exactText)"
        case .farFromPeers(let value, let low, let high, let peers):
            return "\(subject): \(value.exactText) is far from the same figure of the \(peers) units beside it, \(low.rounded(2).exactText) to \(high.rounded(2).exactText)"
        case .rankMismatch(let peers, let reported, let computed):
            return "\(subject): the source states rank \(reported) among \(peers) peers; stored figures give \(computed.position) of \(computed.of)"
        case .comparisonMismatch(let reported, let computed):
            return "\(subject): the source states \(reported.percent.exactText) % (\(reported.relation.rawValue)); stored figures give \(computed.exactText) %"
        case .overdueTask(let task, let deadline):
            return "\(subject): key task \(task) was due \(deadline) and is not done"
        case .ruleViolated(let code, let rule, let left, let right):
            return "\(subject): the figures break validation rule \(code), \(rule): \(left.rounded(4).exactText) against \(right.rounded(4).exactText)"
        }
    }
}

extension Figure {
    /// `20699.5`, or `159/182` for a share.
    public var plainText: String {
        switch self {
        case .value(let v): v.exactText
        case .share(let x, let y): "\(x.exactText)/\(y.exactText)"
        }
    }
}
