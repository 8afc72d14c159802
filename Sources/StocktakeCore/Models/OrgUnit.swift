/// A node of the organization tree: nation › province › district › commune › grassroots organization › cell.
///
/// Levels and group kinds are data, not code, so that a ministry or a city with other tiers fits unchanged.
public struct OrgUnit: Hashable, Sendable {
    public var code: UnitCode
    public var names: LocalizedText
    public var level: Level
    public var parent: UnitCode?
    /// Groupings beside the tree, by kind: `region` → "Northern Midlands and Mountains", `cluster` → ….
    public var groups: [GroupKind: String]
    /// Set when the unit was merged into another; its history then rolls into the successor.
    public var merger: Merger?
    public var origin: Origin

    public init(
        code: UnitCode, names: LocalizedText, level: Level, parent: UnitCode? = nil,
        groups: [GroupKind: String] = [:], merger: Merger? = nil, origin: Origin = .recorded
    ) {
        self.code = code
        self.names = names
        self.level = level
        self.parent = parent
        self.groups = groups
        self.merger = merger
        self.origin = origin
    }

    /// A merge: from `effective` on, the unit no longer reports and its successor carries its history.
    public struct Merger: Hashable, Sendable {
        public var successor: UnitCode
        public var effective: CalendarDate

        public init(successor: UnitCode, effective: CalendarDate) {
            self.successor = successor
            self.effective = effective
        }
    }

    /// Whether the unit still exists (has not been merged away) during some part of `period`.
    public func isActive(in period: Period) -> Bool {
        guard let merger else { return true }
        return merger.effective > period.firstDay
    }
}

/// A tier of the tree (`nation`, `province`, `district`, `commune`, …).
public struct Level: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let nation = Level("nation")
    public static let province = Level("province")
    public static let district = Level("district")
    public static let commune = Level("commune")
}

/// A kind of grouping beside the tree (`region`, `cluster`).
public struct GroupKind: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let region = GroupKind("region")
    public static let cluster = GroupKind("cluster")
}

/// Whether a record describes the real world or was made by the generator to give rankings their peers.
/// Synthetic records are marked as such in the data and in every output.
public enum Origin: String, Hashable, Sendable, CaseIterable {
    case recorded
    case synthetic
}
