import Foundation

extension JSONValue {
    /// How much a document may hold before it is refused unread.
    public struct Limits: Sendable {
        /// Bytes of the whole document.
        public var bytes: Int
        /// Arrays and objects inside each other.
        public var depth: Int

        public init(bytes: Int = 512 << 20, depth: Int = 64) {
            self.bytes = bytes
            self.depth = depth
        }
    }

    /// Why a document was refused: where (byte offset, line and column, and the JSON path being read) and what.
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var path: String
        public var message: String

        public var description: String { "line \(line), column \(column) (at \(path)): \(message)" }
    }

    /// Reads a JSON document strictly (RFC 8259): UTF-8 only, no duplicate keys in an object, no trailing text,
    /// within `limits`. Numbers keep their literal text. The one reader of every JSON file Stocktake imports.
    public static func parse(_ data: Data, limits: Limits = Limits()) throws(SyntaxError) -> JSONValue {
        guard data.count <= limits.bytes else {
            throw SyntaxError(line: 1, column: 1, path: "$", message: "the document has \(data.count) bytes, more than the \(limits.bytes) allowed")
        }
        var parser = JSONParser(bytes: [UInt8](data), limits: limits)
        return try parser.document()
    }
}

/// A recursive-descent reader over bytes. Recursion is bounded by `limits.depth`.
private struct JSONParser {
    let bytes: [UInt8]
    let limits: JSONValue.Limits
    var index = 0
    var depth = 0
    /// Path components of the value being read, for messages.
    var path: [String] = []

    init(bytes: [UInt8], limits: JSONValue.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    mutating func document() throws(JSONValue.SyntaxError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipSpace()
        let value = try self.value()
        skipSpace()
        guard index == bytes.count else { throw fail("unexpected text after the document") }
        return value
    }

    func fail(_ message: String) -> JSONValue.SyntaxError {
        var line = 1
        var lineStart = 0
        for i in 0..<min(index, bytes.count) where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return JSONValue.SyntaxError(line: line, column: index - lineStart + 1, path: "$" + path.joined(), message: message)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
        while let b = current, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
    }

    mutating func expect(_ word: String, _ value: JSONValue) throws(JSONValue.SyntaxError) -> JSONValue {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
            throw fail("expected a value (an object, array, string, number, true, false or null)")
        }
        index += utf8.count
        return value
    }

    mutating func value() throws(JSONValue.SyntaxError) -> JSONValue {
        switch current {
        case UInt8(ascii: "{")?: return try object()
        case UInt8(ascii: "[")?: return try array()
        case UInt8(ascii: "\"")?: return .string(try string())
        case UInt8(ascii: "t")?: return try expect("true", .bool(true))
        case UInt8(ascii: "f")?: return try expect("false", .bool(false))
        case UInt8(ascii: "n")?: return try expect("null", .null)
        case let b? where b == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b): return .number(try number())
        case nil: throw fail("unexpected end of the document")
        default: throw fail("expected a value (an object, array, string, number, true, false or null)")
        }
    }

    mutating func enter() throws(JSONValue.SyntaxError) {
        depth += 1
        guard depth <= limits.depth else { throw fail("more than \(limits.depth) arrays and objects inside each other") }
    }

    mutating func object() throws(JSONValue.SyntaxError) -> JSONValue {
        try enter()
        index += 1
        var fields: [String: JSONValue] = [:]
        skipSpace()
        if current == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(fields)
        }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
            let key = try string()
            guard fields[key] == nil else {
                path.append(".\(key)")
                throw fail("the key '\(key)' appears twice in the same object (each key once)")
            }
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw fail("expected ':' after the key '\(key)'") }
            index += 1
            skipSpace()
            path.append(".\(key)")
            fields[key] = try value()
            path.removeLast()
            skipSpace()
            switch current {
            case UInt8(ascii: ",")?: index += 1
            case UInt8(ascii: "}")?:
                index += 1
                depth -= 1
                return .object(fields)
            default: throw fail("expected ',' or '}' in an object")
            }
        }
    }

    mutating func array() throws(JSONValue.SyntaxError) -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if current == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipSpace()
            path.append("[\(items.count)]")
            items.append(try value())
            path.removeLast()
            skipSpace()
            switch current {
            case UInt8(ascii: ",")?: index += 1
            case UInt8(ascii: "]")?:
                index += 1
                depth -= 1
                return .array(items)
            default: throw fail("expected ',' or ']' in an array")
            }
        }
    }

    /// A number's literal text, checked against JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    mutating func number() throws(JSONValue.SyntaxError) -> String {
        let start = index
        func digits(_ parser: inout JSONParser) -> Int {
            let from = parser.index
            while let b = parser.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { parser.index += 1 }
            return parser.index - from
        }
        if current == UInt8(ascii: "-") { index += 1 }
        let leadingZero = current == UInt8(ascii: "0")
        let whole = digits(&self)
        guard whole > 0, !(leadingZero && whole > 1) else { throw fail("a number with digits and no leading zero") }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw fail("digits after the decimal point") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw fail("digits in the exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func string() throws(JSONValue.SyntaxError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let b = current else { throw fail("a closing '\"' for the string") }
            index += 1
            switch b {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw fail("text in UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                guard let e = current else { throw fail("a closing '\"' for the string") }
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("a low surrogate \\uDC00-\\uDFFF after a high surrogate")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("a low surrogate \\uDC00-\\uDFFF after a high surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("no lone low surrogate")
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                default: throw fail("a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                }
            case 0..<0x20: throw fail("no control character inside a string (write it as an escape)")
            default: out.append(b)
            }
        }
    }

    mutating func hex4() throws(JSONValue.SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("four hexadecimal digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("four hexadecimal digits after \\u")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
