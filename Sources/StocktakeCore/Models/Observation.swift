import Foundation

/// Which figure an observation is about: one indicator, for one unit, in one period.
public struct ObservationKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var unit: UnitCode
    public var indicator: IndicatorCode
    public var period: Period

    public init(unit: UnitCode, indicator: IndicatorCode, period: Period) {
        self.unit = unit
        self.indicator = indicator
        self.period = period
    }

    public var description: String { "\(unit)/\(indicator)/\(period)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.unit, lhs.indicator, lhs.period) < (rhs.unit, rhs.indicator, rhs.period)
    }
}

/// One revision of a reported value. Observations are never overwritten: a correction is a new revision with
/// a reason, the latest revision counts, and every earlier one stays readable.
public struct Observation: Hashable, Sendable {
    public var key: ObservationKey
    /// 1 for the first report, then 2, 3, … for each correction.
    public var revision: Int
    public var figure: Figure
    public var source: Source
    public var enteredBy: String
    public var enteredAt: Date
    /// Why this revision replaces the previous one; required from revision 2 on.
    public var reason: String?
    /// What the source said about this figure beyond the figure itself.
    public var claims: Claims

    public init(
        key: ObservationKey, revision: Int = 1, figure: Figure, source: Source, enteredBy: String,
        enteredAt: Date, reason: String? = nil, claims: Claims = Claims()
    ) {
        self.key = key
        self.revision = revision
        self.figure = figure
        self.source = source
        self.enteredBy = enteredBy
        self.enteredAt = enteredAt
        self.reason = reason
        self.claims = claims
    }

    /// Whether two revisions say the same: figure, source, and (when asked) reason and claims. Who entered a
    /// revision and when is not content: an import is entered by whoever imports it, now, so a file that
    /// repeats stored revisions matches them whatever authorship it states.
    public func hasSameContent(as other: Observation, claims: Bool = true, reason: Bool = true) -> Bool {
        key == other.key && figure == other.figure && source == other.source
            && (!claims || self.claims == other.claims) && (!reason || (self.reason ?? "") == (other.reason ?? ""))
    }

    /// Where a figure comes from.
    public struct Source: Hashable, Sendable {
        public var kind: Kind
        /// A citation a reader can follow: an article, a report's reference, a generator's seed.
        public var citation: String

        public init(kind: Kind, citation: String) {
            self.kind = kind
            self.citation = citation
        }

        public enum Kind: String, Hashable, Sendable, CaseIterable {
            case article
            case document
            case report
            case entry
            /// Made by `stocktake generate`: not a real figure.
            case synthetic
        }
    }

    /// Comparisons and ranks the source stated alongside the figure. The engine uses stated comparisons where
    /// the base figure is missing (deriving it), and checks stated ranks against the ranks it computes.
    public struct Claims: Hashable, Sendable {
        public var comparisons: [ReportedComparison]
        public var ranks: [ReportedRank]

        public init(comparisons: [ReportedComparison] = [], ranks: [ReportedRank] = []) {
            self.comparisons = comparisons
            self.ranks = ranks
        }

        public var isEmpty: Bool { comparisons.isEmpty && ranks.isEmpty }
    }
}

/// A reported value: one number, or a numerator and denominator for shares.
public enum Figure: Hashable, Sendable {
    case value(Decimal)
    case share(numerator: Decimal, denominator: Decimal)

    /// The number compared and ranked: the value itself, or a share's percentage.
    public var measured: Decimal {
        switch self {
        case .value(let v): v
        case .share(let x, let y): y == 0 ? 0 : x / y * 100
        }
    }
}

/// "up 14.5 % on 2023", "exceeding the estimate by 32.2 %", "reaching 100 % of the plan": how a source compared
/// a figure with a base it may not state.
public struct ReportedComparison: Hashable, Sendable {
    public var basis: Basis
    public var relation: Relation
    /// The percentage exactly as printed.
    public var percent: Decimal
    /// Decimal places the percentage was printed with: 32.2 % stands for anything from 32.15 % to 32.25 %.
    public var decimals: Int

    public init(basis: Basis, relation: Relation, percent: Decimal, decimals: Int) {
        self.basis = basis
        self.relation = relation
        self.percent = percent
        self.decimals = decimals
    }

    public enum Basis: Hashable, Sendable {
        case yearEarlier
        case target(TargetCode)
    }

    public enum Relation: String, Hashable, Sendable, CaseIterable {
        /// actual ÷ base − 1 = percent ÷ 100 ("up 14.5 %", "exceeding by 7.6 %").
        case change
        /// actual ÷ base = percent ÷ 100 ("reaching 100 % of the plan").
        case percentOf = "percent_of"
    }

    /// actual ÷ base, as stated.
    public var ratio: Decimal {
        relation == .change ? 1 + percent / 100 : percent / 100
    }

    /// The range of actual ÷ base that prints as the stated percentage.
    public var ratioRange: ClosedRange<Decimal> {
        let half = Decimal.halfUnit(decimals: decimals) / 100
        return (ratio - half)...(ratio + half)
    }
}

/// "first in the country", "12th nationwide and first among the Northern Midlands and Mountains provinces".
public struct ReportedRank: Hashable, Sendable {
    public var peers: PeerScope
    public var position: Int

    public init(peers: PeerScope, position: Int) {
        self.peers = peers
        self.position = position
    }
}

/// Which units a unit is ranked among.
public enum PeerScope: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// Every unit of the same level, nationwide.
    case level
    /// The units with the same parent.
    case parent
    /// The units of the same level in the same group of this kind (same region, same emulation cluster).
    case group(GroupKind)

    public var description: String {
        switch self {
        case .level: "level"
        case .parent: "parent"
        case .group(let kind): "group:\(kind)"
        }
    }

    public init(parsing text: String) throws(ParseError) {
        switch text {
        case "level": self = .level
        case "parent": self = .parent
        default:
            let prefix = "group:"
            guard text.hasPrefix(prefix), text.count > prefix.count else {
                throw ParseError(value: text, expected: "level, parent or group:KIND (e.g. group:region)")
            }
            self = .group(GroupKind(String(text.dropFirst(prefix.count))))
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}
