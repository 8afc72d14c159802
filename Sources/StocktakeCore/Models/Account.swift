/// A person who signs in to Stocktake, with what they may do and where.
public struct Account: Hashable, Sendable {
    public var username: Username
    public var role: Role
    /// The unit whose subtree an editor may write to. Administrators and viewers need none.
    public var unit: UnitCode?
    /// The language the person reads the pages in (`vi`, `en`).
    public var language: String

    public init(username: Username, role: Role, unit: UnitCode?, language: String) {
        self.username = username
        self.role = role
        self.unit = unit
        self.language = language
    }

    public enum Role: String, Sendable, CaseIterable, Comparable {
        /// Manages accounts and definitions; writes anywhere.
        case administrator
        /// Enters and corrects figures and task statuses for the units in the subtree of their own unit.
        case editor
        /// Reads only.
        case viewer

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Whether this account may write figures and task statuses of `unit`: administrators anywhere, editors in
    /// their own unit's subtree, viewers nowhere.
    public func mayWrite(to unit: UnitCode, in tree: UnitTree) -> Bool {
        switch role {
        case .administrator: return true
        case .viewer: return false
        case .editor:
            guard let own = self.unit else { return false }
            var current: UnitCode? = unit
            var steps = 0
            while let code = current, steps <= tree.units.count {
                if code == own { return true }
                current = tree[code]?.parent
                steps += 1
            }
            return false
        }
    }

    /// Whether this account may define units, indicators, documents and targets, and manage accounts.
    public var mayDefine: Bool { role == .administrator }
}

/// A sign-in name: 1–64 ASCII letters, digits, `.`, `_` or `-`, as record codes are, so it is safe in every
/// log line and URL.
public struct Username: RecordCode {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}
