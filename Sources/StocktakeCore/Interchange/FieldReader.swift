import Foundation

/// Collects the problems found while reading one file, up to ``ImportProblem/listLimit``: past it they are only
/// counted, so that a hostile file cannot make an answer of millions of lines.
final class ProblemCollector {
    let file: String
    private var listed: [ImportProblem] = []
    private var omitted = 0

    init(file: String) { self.file = file }

    func add(_ location: ImportProblem.Location, field: String, value: String, expected: String) {
        append(ImportProblem(file: file, location: location, field: field, value: value, expected: expected))
    }

    func append(_ problem: ImportProblem) {
        if listed.count < ImportProblem.listLimit { listed.append(problem) } else { omitted += 1 }
    }

    var isEmpty: Bool { listed.isEmpty }

    /// The problems listed, and one more saying how many were left out.
    var problems: [ImportProblem] {
        omitted == 0 ? listed : listed + [ImportProblem.omitted(omitted, file: file)]
    }
}

/// Reads the fields of one JSON object, recording a problem (with the object's path) for every field that is
/// missing, of the wrong type or malformed, and for every field the format does not know.
struct FieldReader {
    let fields: [String: JSONValue]
    let path: String
    let problems: ProblemCollector

    /// `allowed` lists the fields the format knows; nil accepts any (for maps such as groups by kind).
    init?(_ value: JSONValue, path: String, problems: ProblemCollector, allowed: Set<String>?) {
        guard case .object(let fields) = value else {
            problems.add(.path(path), field: "(record)", value: value.quoted, expected: "an object")
            return nil
        }
        self.fields = fields
        self.path = path
        self.problems = problems
        for name in fields.keys.sorted() where allowed.map({ !$0.contains(name) }) ?? false {
            problems.add(.path("\(path).\(name)"), field: name, value: fields[name]!.quoted,
                expected: "one of the fields " + (allowed ?? []).sorted().joined(separator: ", "))
        }
    }

    var location: ImportProblem.Location { .path(path) }

    /// The top object of a file in `format`: a malformed document, a field the format does not know (beside
    /// `format` and `note`) or another format is a problem. Nil when there is no object to read.
    static func document(_ data: Data, format: String, fields: Set<String>, problems: ProblemCollector) -> FieldReader? {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            problems.add(.path(error.path), field: "(document)", value: error.description,
                expected: "a well-formed JSON document (UTF-8, each key once per object, at most \(JSONValue.Limits().depth) levels deep)")
            return nil
        }
        guard let top = FieldReader(root, path: "$", problems: problems, allowed: fields.union(["format", "note"])) else { return nil }
        if let found = top.string("format"), found != format { top.report("format", value: found, expected: "\"\(format)\"") }
        return top
    }

    private func fail(_ name: String, _ value: String, _ expected: String) {
        problems.add(.path("\(path).\(name)"), field: name, value: value, expected: expected)
    }

    func has(_ name: String) -> Bool {
        if let value = fields[name], value != .null { return true }
        return false
    }

    /// A string field; a required one that is absent is a problem.
    func string(_ name: String, required: Bool = true) -> String? {
        switch fields[name] {
        case .string(let s) where !s.isEmpty: return s
        case nil, .null?:
            if required { fail(name, "(missing)", "a non-empty string") }
            return nil
        case let other?:
            fail(name, other.quoted, "a non-empty string")
            return nil
        }
    }

    /// A field read from a string by a parser that says what it expected.
    func parse<T>(_ name: String, required: Bool = true, _ parser: (String) throws(ParseError) -> T) -> T? {
        guard let text = string(name, required: required) else { return nil }
        do { return try parser(text) } catch {
            fail(name, text, error.expected)
            return nil
        }
    }

    func code<C: RecordCode>(_ name: String, required: Bool = true) -> C? {
        guard let text = string(name, required: required) else { return nil }
        guard let code = C(validating: text) else {
            fail(name, text, C.expectedForm)
            return nil
        }
        return code
    }

    func choice<E: RawRepresentable & CaseIterable>(_ name: String, required: Bool = true) -> E? where E.RawValue == String {
        guard let text = string(name, required: required) else { return nil }
        guard let value = E(rawValue: text) else {
            fail(name, text, "one of " + E.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return value
    }

    /// A figure written as a JSON string ("20699.5") or number (its literal text): both read by ``FigureRule``.
    /// `figure: false` reads a computed value (a rating's score) exactly, to Decimal's 34 digits.
    func decimal(_ name: String, required: Bool = true, figure: Bool = true) -> Decimal? {
        switch fields[name] {
        case .number(let text)?, .string(let text)?:
            do { return try figure ? FigureRule.parse(text) : Decimal(exactly: text) } catch {
                fail(name, error.value, error.expected)
                return nil
            }
        case nil, .null?:
            if required { fail(name, "(missing)", FigureRule.expected) }
            return nil
        case let other?:
            fail(name, other.quoted, FigureRule.expected)
            return nil
        }
    }

    func integer(_ name: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        guard let value = decimal(name, required: required) else { return nil }
        guard value.isWhole, let int = Int(value.exactText), range.contains(int) else {
            fail(name, value.exactText, "a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return int
    }

    func bool(_ name: String) -> Bool? {
        switch fields[name] {
        case .bool(let b)?: return b
        case nil, .null?: return nil
        case let other?:
            fail(name, other.quoted, "true or false")
            return nil
        }
    }

    /// Names per language: an object of language code → text, with at least one entry.
    func localized(_ name: String, required: Bool = true) -> LocalizedText? {
        switch fields[name] {
        case .object(let object)? where !object.isEmpty:
            var values: [String: String] = [:]
            for (language, text) in object {
                guard case .string(let s) = text, !s.isEmpty, Self.isLanguageCode(language) else {
                    fail("\(name).\(language)", text.quoted, "a non-empty text under a language code such as \"vi\" or \"en\"")
                    continue
                }
                values[language] = s
            }
            return LocalizedText(values)
        case nil, .null?:
            if required { fail(name, "(missing)", "an object of texts by language, e.g. {\"vi\": \"…\", \"en\": \"…\"}") }
            return nil
        case let other?:
            fail(name, other.quoted, "an object of texts by language, e.g. {\"vi\": \"…\", \"en\": \"…\"}")
            return nil
        }
    }

    static func isLanguageCode(_ s: String) -> Bool {
        (2...12).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-") }
    }

    func object(_ name: String, allowed: Set<String>?) -> FieldReader? {
        guard let value = fields[name], value != .null else { return nil }
        return FieldReader(value, path: "\(path).\(name)", problems: problems, allowed: allowed)
    }

    func array(_ name: String) -> [(JSONValue, String)] {
        switch fields[name] {
        case .array(let items)?: return items.enumerated().map { ($1, "\(path).\(name)[\($0)]") }
        case nil, .null?: return []
        case let other?:
            fail(name, other.quoted, "an array")
            return []
        }
    }

    func report(_ name: String, value: String, expected: String) { fail(name, value, expected) }
}
