import Foundation

/// The CSV format for observations: a header row naming the columns, then one observation per row.
///
/// Columns: `unit`, `indicator`, `period`, `value` (a share's numerator), `denominator` (shares only),
/// `source_kind`, `source`, and optionally `revision`, `entered_by`, `entered_at`, `reason`, `comparisons`,
/// `ranks`. Values use '.' before decimals and no grouping. Fields may be quoted with '"' (RFC 4180).
///
/// Claims: `comparisons` is `AGAINST RELATION PERCENT` items separated by "; " (`year_earlier change 14.5;
/// target:BG-T1 percent_of 100`), `ranks` is `PEERS POSITION` items (`level 12; group:region 1`).
///
/// Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
/// are written behind a `'`, which reading removes again: an export imports back unchanged.
public enum ObservationCSV {
    public static let required = ["unit", "indicator", "period", "value", "source_kind", "source"]
    public static let optional = ["denominator", "revision", "entered_by", "entered_at", "reason", "comparisons", "ranks"]
    public static var columns: [String] {
        ["unit", "indicator", "period", "revision", "value", "denominator", "source_kind", "source", "entered_by", "entered_at", "reason",
         "comparisons", "ranks"]
    }
    /// Columns whose cells are free text, guarded against formulas.
    static let textColumns: Set<String> = ["source", "entered_by", "reason", "comparisons", "ranks"]

    /// What a CSV file may hold before it is refused unread.
    public struct Limits: Sendable {
        public var columns = 64
        /// Characters of one record (a line, or several when a quoted field spans them).
        public var recordCharacters = 65_536
        public var rows = 2_000_000

        public init() {}
    }

    /// Reads a whole file. Every problem is collected with its line in the result's `problems`, beside the rows
    /// that could be read.
    public static func read(_ text: String, file: String, defaults: DataSetJSON.EntryDefaults, limits: Limits = Limits()) -> LocatedDataSet {
        let problems = ProblemCollector(file: file)
        var result = LocatedDataSet(file: file)
        let rows: [(line: Int, fields: [String])]
        do { rows = try records(text, limits: limits) } catch {
            problems.add(.line(error.line), field: "(row)", value: error.text, expected: error.expected)
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
        guard problems.isEmpty else {
            result.problems = problems.problems
            return result
        }
        let claimsStated = names.contains("comparisons") || names.contains("ranks")
        for row in rows.dropFirst() {
            if row.fields.allSatisfy({ $0.isEmpty }) { continue }
            let location = ImportProblem.Location.line(row.line)
            guard row.fields.count == names.count else {
                problems.add(location, field: "(row)", value: "\(row.fields.count) fields", expected: "\(names.count) fields, as in the header")
                continue
            }
            let isShare = names.firstIndex(of: "denominator").map { !row.fields[$0].isEmpty } ?? false
            var object: [String: JSONValue] = [:]
            var claimProblems: [(field: String, value: String, expected: String)] = []
            for (name, raw) in zip(names, row.fields) where !raw.isEmpty {
                let field = textColumns.contains(name) ? unguarded(raw) : raw
                switch name {
                case "revision": object[name] = .number(field)
                case "source_kind", "source": break
                case "value": object[isShare ? "numerator" : "value"] = .string(field)
                case "comparisons":
                    do { object[name] = .array(try comparisons(field)) } catch { claimProblems.append((name, error.value, error.expected)) }
                case "ranks":
                    do { object[name] = .array(try ranks(field)) } catch { claimProblems.append((name, error.value, error.expected)) }
                default: object[name] = .string(field)
                }
            }
            let kind = row.fields[names.firstIndex(of: "source_kind")!]
            let citation = unguarded(row.fields[names.firstIndex(of: "source")!])
            object["source"] = .object(["kind": .string(kind), "citation": .string(citation)])
            // Rows are read by the JSON reader's rules; problems then name the CSV line and column.
            let local = ProblemCollector(file: file)
            var pending = DataSetJSON.readObservation(.object(object), "$", local, defaults)
            pending?.claimsStated = claimsStated
            for problem in claimProblems { problems.add(location, field: problem.field, value: problem.value, expected: problem.expected) }
            for problem in local.problems {
                let field = problem.field == "numerator" ? "value" : problem.field == "kind" ? "source_kind" : problem.field == "citation" ? "source" : problem.field
                problems.add(location, field: field, value: problem.value, expected: problem.expected)
            }
            if let pending, local.isEmpty, claimProblems.isEmpty { result.observations.append(Located(pending, at: location, in: file)) }
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
            let comparisons = o.claims.comparisons.map { c in
                let against = switch c.basis {
                case .yearEarlier: "year_earlier"
                case .target(let code): "target:\(code.rawValue)"
                }
                return "\(against) \(c.relation.rawValue) \(c.percent.printed(decimals: c.decimals))"
            }
            let ranks = o.claims.ranks.map { "\($0.peers) \($0.position)" }
            let fields = [
                o.key.unit.rawValue, o.key.indicator.rawValue, o.key.period.description, String(o.revision), value, denominator,
                o.source.kind.rawValue, guarded(o.source.citation), guarded(o.enteredBy), o.enteredAt.formatted(.iso8601), guarded(o.reason ?? ""),
                guarded(comparisons.joined(separator: "; ")), guarded(ranks.joined(separator: "; ")),
            ]
            lines.append(fields.map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Claims

    /// `year_earlier change 14.5; target:BG-T1 percent_of 100` as the JSON format's comparison objects.
    static func comparisons(_ cell: String) throws(ParseError) -> [JSONValue] {
        var result: [JSONValue] = []
        for item in cell.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let words = item.split(separator: " ").map(String.init)
            guard words.count == 3 else {
                throw ParseError(value: item, expected: "comparisons as 'AGAINST RELATION PERCENT' separated by '; ', e.g. 'year_earlier change 14.5; target:BG-T1 percent_of 100'")
            }
            var object: [String: JSONValue] = ["relation": .string(words[1]), "percent": .string(words[2])]
            if words[0].hasPrefix("target:") {
                object["against"] = .string("target")
                object["target"] = .string(String(words[0].dropFirst("target:".count)))
            } else {
                object["against"] = .string(words[0])
            }
            result.append(.object(object))
        }
        return result
    }

    /// `level 12; group:region 1` as the JSON format's rank objects.
    static func ranks(_ cell: String) throws(ParseError) -> [JSONValue] {
        var result: [JSONValue] = []
        for item in cell.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            guard let space = item.lastIndex(of: " ") else {
                throw ParseError(value: item, expected: "ranks as 'PEERS POSITION' separated by '; ', e.g. 'level 12; group:region 1'")
            }
            result.append(.object(["peers": .string(String(item[..<space])), "position": .number(String(item[item.index(after: space)...]))]))
        }
        return result
    }

    // MARK: - Formulas

    /// Whether a spreadsheet would take the text for a formula, or it is such a text already behind `'`.
    static func needsGuard(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return true
        case "'": return needsGuard(text.dropFirst())
        default: return false
        }
    }

    /// A text cell as written: behind a `'` when a spreadsheet would run it.
    public static func guarded(_ text: String) -> String { needsGuard(text[...]) ? "'" + text : text }

    /// A text cell as read: the `'` that ``guarded(_:)`` adds is removed, and only that one.
    public static func unguarded(_ text: String) -> String {
        text.hasPrefix("'") && needsGuard(text.dropFirst()) ? String(text.dropFirst()) : text
    }

    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    struct Unreadable: Error {
        let line: Int
        let text: String
        let expected: String
    }

    /// Splits RFC 4180 text into records, each with the line it starts on, refusing at the first record past
    /// `limits`, so that a hostile file costs no more than reading up to there.
    static func records(_ text: String, limits: Limits = Limits()) throws(Unreadable) -> [(line: Int, fields: [String])] {
        var result: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        var recordCharacters = 0
        func next() -> Character? {
            if let c = pending { pending = nil; return c }
            return iterator.next()
        }
        while let c = next() {
            recordCharacters += 1
            if recordCharacters > limits.recordCharacters {
                throw Unreadable(line: recordLine, text: "more than \(limits.recordCharacters) characters", expected: "a record of at most \(limits.recordCharacters) characters")
            }
            if quoted {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { quoted = false; pending = following }
                    } else { quoted = false }
                } else {
                    if c == "\n" || c == "\r\n" || c == "\r" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
                if fields.count >= limits.columns {
                    throw Unreadable(line: recordLine, text: "more than \(limits.columns) fields", expected: "at most \(limits.columns) columns")
                }
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                fields.append(field)
                result.append((recordLine, fields))
                if result.count > limits.rows {
                    throw Unreadable(line: recordLine, text: "more than \(limits.rows) rows", expected: "at most \(limits.rows) rows in one file (split it)")
                }
                fields = []
                field = ""
                recordCharacters = 0
                line += 1
                recordLine = line
            } else {
                field.append(c)
            }
        }
        if quoted { throw Unreadable(line: recordLine, text: String(field.prefix(40)), expected: "a closing '\"' for the quoted field") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            result.append((recordLine, fields))
        }
        return result
    }
}
