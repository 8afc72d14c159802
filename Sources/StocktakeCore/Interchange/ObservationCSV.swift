import Foundation

/// The CSV format for observations: a header row naming the columns, then one observation per row.
///
/// Columns: `unit`, `indicator`, `period`, `value` (a share's numerator), `denominator` (shares only),
/// `source_kind`, `source`, and optionally `revision`, `entered_by`, `entered_at`, `reason`. Values use '.'
/// before decimals and no grouping. Fields may be quoted with '"' (RFC 4180).
public enum ObservationCSV {
    public static let required = ["unit", "indicator", "period", "value", "source_kind", "source"]
    public static let optional = ["denominator", "revision", "entered_by", "entered_at", "reason"]
    public static var columns: [String] {
        ["unit", "indicator", "period", "revision", "value", "denominator", "source_kind", "source", "entered_by", "entered_at", "reason"]
    }

    /// Reads a whole file. Every problem is collected with its line in the result's `problems`, beside the rows
    /// that could be read.
    public static func read(_ text: String, file: String, defaults: DataSetJSON.EntryDefaults) -> LocatedDataSet {
        let problems = ProblemCollector(file: file)
        var result = LocatedDataSet(file: file)
        let rows: [(line: Int, fields: [String])]
        do { rows = try records(text) } catch {
            problems.add(.line(error.line), field: "(row)", value: error.text, expected: "a closing '\"' for the quoted field")
            result.problems = problems.problems
            return result
        }
        guard let header = rows.first else {
            problems.add(.line(1), field: "(header)", value: "(empty file)", expected: "a header row: " + columns.joined(separator: ","))
            result.problems = problems.problems
            return result
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names where !columns.contains(name) {
            problems.add(.line(header.line), field: name, value: name, expected: "a column among " + columns.joined(separator: ", "))
        }
        for name in required where !names.contains(name) {
            problems.add(.line(header.line), field: name, value: "(missing column)", expected: "a '\(name)' column")
        }
        guard problems.problems.isEmpty else {
            result.problems = problems.problems
            return result
        }
        for row in rows.dropFirst() {
            if row.fields.allSatisfy({ $0.isEmpty }) { continue }
            let location = ImportProblem.Location.line(row.line)
            guard row.fields.count == names.count else {
                problems.add(location, field: "(row)", value: "\(row.fields.count) fields", expected: "\(names.count) fields, as in the header")
                continue
            }
            let isShare = names.firstIndex(of: "denominator").map { !row.fields[$0].isEmpty } ?? false
            var object: [String: JSONValue] = [:]
            for (name, field) in zip(names, row.fields) where !field.isEmpty {
                switch name {
                case "revision": object[name] = (try? Decimal(exactly: field)).map { .number($0) } ?? .string(field)
                case "source_kind", "source": break
                case "value": object[isShare ? "numerator" : "value"] = .string(field)
                default: object[name] = .string(field)
                }
            }
            let kind = row.fields[names.firstIndex(of: "source_kind")!]
            let citation = row.fields[names.firstIndex(of: "source")!]
            object["source"] = .object(["kind": .string(kind), "citation": .string(citation)])
            // Rows are read by the JSON reader's rules; problems then name the CSV line and column.
            let local = ProblemCollector(file: file)
            let pending = DataSetJSON.readObservation(.object(object), "$", local, defaults)
            for problem in local.problems {
                let field = problem.field == "numerator" ? "value" : problem.field == "kind" ? "source_kind" : problem.field == "citation" ? "source" : problem.field
                problems.add(location, field: field, value: problem.value, expected: problem.expected)
            }
            if let pending, local.problems.isEmpty { result.observations.append(Located(pending, at: location, in: file)) }
        }
        result.problems = problems.problems
        return result
    }

    public static func write(_ observations: [Observation]) -> String {
        var lines = [columns.joined(separator: ",")]
        for o in observations.sorted(by: { ($0.key, $0.revision) < ($1.key, $1.revision) }) {
            var value = ""
            var denominator = ""
            switch o.figure {
            case .value(let v): value = v.exactText
            case .share(let x, let y): (value, denominator) = (x.exactText, y.exactText)
            }
            let fields = [
                o.key.unit.rawValue, o.key.indicator.rawValue, o.key.period.description, String(o.revision), value, denominator,
                o.source.kind.rawValue, o.source.citation, o.enteredBy, o.enteredAt.formatted(.iso8601), o.reason ?? "",
            ]
            lines.append(fields.map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    struct UnterminatedQuote: Error {
        let line: Int
        let text: String
    }

    /// Splits RFC 4180 text into records, each with the line it starts on.
    static func records(_ text: String) throws(UnterminatedQuote) -> [(line: Int, fields: [String])] {
        var result: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let c = pending { pending = nil; return c }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { quoted = false; pending = following }
                    } else { quoted = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                fields.append(field)
                result.append((recordLine, fields))
                fields = []
                field = ""
                line += 1
                recordLine = line
            } else {
                field.append(c)
            }
        }
        if quoted { throw UnterminatedQuote(line: recordLine, text: String(field.prefix(40))) }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            result.append((recordLine, fields))
        }
        return result
    }
}
