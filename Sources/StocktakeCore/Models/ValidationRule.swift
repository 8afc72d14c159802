import Foundation

/// A rule that a unit's figures of one period must keep among themselves, kept as data: a left side, an operator
/// and a right side, each a sum of a unit's figures and constants ("communes meeting the advanced standard ≤
/// communes meeting the standard"; "members admitted ≤ 0.2 × members at the start of the year"). What a missing
/// figure does is the rule's own choice, as in DHIS2's validation rules.
public struct ValidationRule: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case lessOrEqual = "<="
        case less = "<"
        case equal = "=="
        case notEqual = "!="
        case greaterOrEqual = ">="
        case greater = ">"

        public func holds(_ left: Decimal, _ right: Decimal) -> Bool {
            switch self {
            case .lessOrEqual: left <= right
            case .less: left < right
            case .equal: left == right
            case .notEqual: left != right
            case .greaterOrEqual: left >= right
            case .greater: left > right
            }
        }
    }

    /// What a figure the rule names and the unit has not reported does.
    public enum MissingValues: String, Sendable, Hashable, CaseIterable {
        /// The rule is not checked while any of its figures is missing (the default).
        case skipIfAnyMissing = "skip_if_any_missing"
        /// The rule is not checked while all of its figures are missing; the others count as zero.
        case skipIfAllMissing = "skip_if_all_missing"
        /// Missing figures count as zero.
        case neverSkip = "never_skip"
    }

    public var code: RuleCode
    public var title: LocalizedText
    public var left: RuleExpression
    public var op: Operator
    public var right: RuleExpression
    public var missing: MissingValues
    /// The level of the units the rule applies to; nil for every unit.
    public var level: Level?

    public init(
        code: RuleCode, title: LocalizedText, left: RuleExpression, op: Operator, right: RuleExpression,
        missing: MissingValues = .skipIfAnyMissing, level: Level? = nil
    ) {
        self.code = code
        self.title = title
        self.left = left
        self.op = op
        self.right = right
        self.missing = missing
        self.level = level
    }

    /// The indicators either side names.
    public var indicators: Set<IndicatorCode> { left.indicators.union(right.indicators) }

    /// Whether the rule is for `unit`.
    public func applies(to unit: OrgUnit) -> Bool { level.map { $0 == unit.level } ?? true }

    /// Both sides as computed from one unit's figures of a period (the figure that counts of each indicator),
    /// when they break the rule; nil when the rule holds or is not checked for missing figures.
    public func violation(_ figures: [IndicatorCode: Figure]) -> (left: Decimal, right: Decimal)? {
        let operands = left.operands + right.operands
        let missing = operands.filter { figures[$0.indicator] == nil }.count
        switch self.missing {
        case .skipIfAnyMissing where missing > 0: return nil
        case .skipIfAllMissing where missing == operands.count && !operands.isEmpty: return nil
        default: break
        }
        let (l, r) = (left.value(figures), right.value(figures))
        return op.holds(l, r) ? nil : (l, r)
    }

    public var description: String { "\(left) \(op.rawValue) \(right)" }
}

/// A sum of terms over one unit's figures: `nr_advanced_communes`, `0.2 * members_start + 5`,
/// `nr_communes.numerator - nr_model_communes`. A term is a number, an indicator (the figure's value; a share's
/// percentage), or an indicator's `.numerator` or `.denominator`, optionally times a number.
public struct RuleExpression: Sendable, Hashable, CustomStringConvertible {
    public enum Part: String, Sendable, Hashable {
        case value, numerator, denominator
    }

    public struct Operand: Sendable, Hashable {
        public var indicator: IndicatorCode
        public var part: Part
    }

    public struct Term: Sendable, Hashable {
        public var coefficient: Decimal
        /// Nil for a constant.
        public var operand: Operand?
    }

    public var terms: [Term]

    /// The longest expression read: a rule is a line of a definition, not a program.
    public static let longest = 500

    public init(terms: [Term]) { self.terms = terms }

    public init(parsing text: String) throws(ParseError) {
        let expected = "a sum of terms such as 'nr_communes.numerator', '0.2 * members_start' or '5', joined by + and -"
        guard !text.isEmpty, text.count <= Self.longest else { throw ParseError(value: String(text.prefix(80)), expected: expected + " (1 to \(Self.longest) characters)") }
        var terms: [Term] = []
        var sign: Decimal = 1
        var expectTerm = true
        var signed = false
        for token in Self.tokens(text) {
            if token == "+" || token == "-" {
                if expectTerm {
                    // One sign before the first term; none twice between terms.
                    guard terms.isEmpty, !signed else { throw ParseError(value: text, expected: expected) }
                    signed = true
                    if token == "-" { sign = -1 }
                    continue
                }
                sign = token == "-" ? -1 : 1
                expectTerm = true
                continue
            }
            guard expectTerm else { throw ParseError(value: text, expected: expected) }
            terms.append(try Self.term(token, sign: sign, expected: expected, whole: text))
            (sign, expectTerm) = (1, false)
        }
        guard !terms.isEmpty, !expectTerm else { throw ParseError(value: text, expected: expected) }
        self.terms = terms
    }

    /// The text split at + and - that stand between terms (not a number's exponent or a code's hyphen: codes
    /// in rules are written without spaces around their hyphens, terms with spaces around the signs).
    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            if word == "+" || word == "-" {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                tokens.append(word)
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func term(_ text: String, sign: Decimal, expected: String, whole: String) throws(ParseError) -> Term {
        let factors = text.split(separator: "*", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(factors.count) else { throw ParseError(value: whole, expected: expected) }
        var coefficient = sign
        var operand: Operand?
        for factor in factors {
            if let number = try? FigureRule.parse(factor) {
                coefficient *= number
            } else if operand == nil, let read = Self.operand(factor) {
                operand = read
            } else {
                throw ParseError(value: factor, expected: expected)
            }
        }
        return Term(coefficient: coefficient, operand: operand)
    }

    private static func operand(_ text: String) -> Operand? {
        for part in [Part.numerator, .denominator] where text.hasSuffix(".\(part.rawValue)") {
            return IndicatorCode(validating: String(text.dropLast(part.rawValue.count + 1))).map { Operand(indicator: $0, part: part) }
        }
        return IndicatorCode(validating: text).map { Operand(indicator: $0, part: .value) }
    }

    public var operands: [Operand] { terms.compactMap(\.operand) }
    public var indicators: Set<IndicatorCode> { Set(operands.map(\.indicator)) }

    /// The sum, a missing figure counting as zero.
    public func value(_ figures: [IndicatorCode: Figure]) -> Decimal {
        terms.reduce(Decimal(0)) { sum, term in
            guard let operand = term.operand else { return sum + term.coefficient }
            guard let figure = figures[operand.indicator] else { return sum }
            let x: Decimal = switch (operand.part, figure) {
            case (.numerator, .share(let n, _)): n
            case (.denominator, .share(_, let d)): d
            default: figure.measured
            }
            return sum + term.coefficient * x
        }
    }

    /// The canonical text, which reads back to the same expression.
    public var description: String {
        var text = ""
        for (index, term) in terms.enumerated() {
            let negative = term.coefficient < 0
            if index > 0 { text += negative ? " - " : " + " } else if negative { text += "- " }
            let magnitude = term.coefficient.magnitude
            let name = term.operand.map { $0.part == .value ? $0.indicator.rawValue : "\($0.indicator).\($0.part.rawValue)" }
            switch name {
            case nil: text += magnitude.exactText
            case let name? where magnitude == 1: text += name
            case let name?: text += "\(magnitude.exactText) * \(name)"
            }
        }
        return text
    }
}
