/// Stable codes that identify records across imports, exports and databases.
///
/// Codes are short ASCII tokens (`BG`, `grdp_growth`, `BG-2024-budget-central`) so they survive every file format
/// and URL unchanged. Each kind of record has its own code type, so a unit code can never be passed where an
/// indicator code is expected.
public protocol RecordCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    var rawValue: String { get }
    init(unchecked rawValue: String)
}

extension RecordCode {
    /// The code, or nil unless it is 1 to 64 ASCII letters, digits, `.`, `_` or `-`, starting with a letter or digit.
    public init?(validating rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.init(unchecked: rawValue)
    }

    /// What a valid code looks like, for error messages.
    public static var expectedForm: String {
        "a code of 1–64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"
    }

    public static func isValid(_ value: String) -> Bool {
        // Byte by byte: codes are ASCII, and Unicode property lookups are slow when reading millions of rows.
        let bytes = value.utf8
        guard let first = bytes.first, bytes.count <= 64 else { return false }
        func letterOrDigit(_ b: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
        }
        return letterOrDigit(first) && bytes.allSatisfy { letterOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

public struct UnitCode: RecordCode {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct IndicatorCode: RecordCode {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct DocumentCode: RecordCode {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct TargetCode: RecordCode {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct TaskCode: RecordCode {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct RuleCode: RecordCode {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}
