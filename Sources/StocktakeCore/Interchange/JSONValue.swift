import Foundation

/// A JSON document as read, before it is checked: reading every field by hand lets an import report every
/// problem with its JSON path, where a `Decodable` model would stop at the first. Numbers keep their literal
/// text, so that the figure rule sees exactly what the file says (a decoder's Decimal may round a long number).
public indirect enum JSONValue: Hashable, Sendable, Encodable {
    case null
    case bool(Bool)
    /// The number's literal text as written (`-12.50`, `1e3`), checked only for JSON's grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A number written from a value: the text is the value's canonical decimal.
    public static func number(_ value: Decimal) -> JSONValue { .number(value.exactText) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let text): try container.encode(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// What the value is, for error messages ("a number", "an object").
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value as a short text for error messages.
    var quoted: String {
        switch self {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): String(b)
        case .null: "null"
        case .array, .object: kindDescription
        }
    }
}
