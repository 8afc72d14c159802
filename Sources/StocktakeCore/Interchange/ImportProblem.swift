/// One thing wrong with an input file: where (file and line, or JSON path), which field, the value found, and
/// what was expected there.
public struct ImportProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var location: Location
    public var field: String
    public var value: String
    public var expected: String
    /// Which rule was broken, for the problems a person typing a figure meets, so that a page can say it in
    /// the reader's language; nil for the others, which `expected` says in English.
    public var rule: Rule?

    public enum Rule: String, Hashable, Sendable {
        /// Not a number as ``FigureRule`` reads one.
        case figureFormat
        /// A share without a positive whole.
        case shareDenominator
        /// A share's part below zero or above its whole.
        case shareNumerator
        /// A count that is not a whole number of zero or more.
        case wholeCount
        /// A changed figure without a reason.
        case correctionReason
        /// A figure of a unit and period submitted or approved, and not reopened.
        case figureLocked
    }

    public enum Location: Hashable, Sendable, CustomStringConvertible {
        case line(Int)
        case path(String)

        public var description: String {
            switch self {
            case .line(let n): "line \(n)"
            case .path(let p): p
            }
        }
    }

    /// Problems listed for one input at most; the rest are counted in one last problem.
    public static let listLimit = 100
    /// Characters of a found value quoted in a problem at most: a 40 MB cell is not repeated back.
    public static let valueLimit = 120

    public init(file: String, location: Location, field: String, value: String, expected: String, rule: Rule? = nil) {
        self.rule = rule
        self.file = file
        self.location = location
        self.field = String(field.prefix(Self.valueLimit))
        self.value = value.count > Self.valueLimit ? value.prefix(Self.valueLimit) + "…" : value
        self.expected = expected
    }

    /// The problem standing for `count` problems left out of the list.
    static func omitted(_ count: Int, file: String) -> ImportProblem {
        ImportProblem(file: file, location: .path("(the rest)"), field: "(problems)", value: "\(count) more not listed",
            expected: "at most \(listLimit) problems are listed: fix these and check the file again")
    }

    /// At most ``listLimit`` problems, and one counting the rest.
    public static func capped(_ problems: [ImportProblem]) -> [ImportProblem] {
        guard problems.count > listLimit + 1 else { return problems }
        return Array(problems.prefix(listLimit)) + [omitted(problems.count - listLimit, file: problems[listLimit].file)]
    }

    public var description: String {
        "\(file): \(location): field '\(field)': found '\(value)', expected \(expected)"
    }
}

/// Every problem found in an input; an import with any problem writes nothing.
public struct ImportProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]

    public init(_ problems: [ImportProblem]) { self.problems = ImportProblem.capped(problems) }

    public var description: String {
        let noun = problems.count == 1 ? "problem" : "problems"
        return "\(problems.count) \(noun); nothing was imported:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// Where a record came from in its file, so that checks across records can name it.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: ImportProblem.Location
    /// The file the record came from, when several files import as one.
    public var file: String?

    public init(_ value: Value, at location: ImportProblem.Location, in file: String? = nil) {
        self.value = value
        self.location = location
        self.file = file
    }
}
