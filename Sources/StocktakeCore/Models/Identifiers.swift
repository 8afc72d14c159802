/// Stable codes that identify records across imports, exports and databases.
///
/// Codes are short ASCII tokens (`BG`, `grdp_growth`, `BG-2024-budget-central`) so they survive every file format
/// and URL unchanged. Each kind of record has its own code type, so a unit code can never be passed where an
/// indicator code is expected.
public protocol RecordCode: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    var rawValue: String { get }
    init(unchecked rawValue: String)
}

extension RecordCode {
    /// Validates a code: 1 to 64 characters of letters, digits, `.`, `_` or `-`, starting with a letter or digit.
    public init(_ rawValue: String) throws(CodeError) {
        guard Self.isValid(rawValue) else { throw CodeError(value: rawValue) }
        self.init(unchecked: rawValue)
    }

    public static func isValid(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, value.unicodeScalars.count <= 64 else { return false }
        func allowed(_ s: Unicode.Scalar) -> Bool {
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "_" || s == "-")
        }
        return first.isASCII && (first.properties.isAlphabetic || ("0"..."9").contains(first))
            && value.unicodeScalars.allSatisfy(allowed)
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do { try self.init(raw) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public struct CodeError: Error, Equatable, CustomStringConvertible {
    public let value: String
    public var description: String {
        "'\(value)' is not a valid code: expected 1–64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"
    }
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
