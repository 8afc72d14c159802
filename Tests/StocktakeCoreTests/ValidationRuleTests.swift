import Foundation
import StocktakeTestSupport
import Testing
@testable import StocktakeCore

/// Validation rules as data: the expressions read and write back, each missing-value strategy, and the rule on the
/// province of the samples, whose model communes are among its advanced communes, which are among the communes
/// meeting the standard (19 ≤ 70 ≤ 159).
@Suite struct ValidationRuleTests {
    static func rule(_ left: String, _ op: ValidationRule.Operator, _ right: String, missing: ValidationRule.MissingValues = .skipIfAnyMissing, level: Level? = nil) throws -> ValidationRule {
        ValidationRule(
            code: RuleCode(unchecked: "r"), title: LocalizedText(["en": "rule"]), left: try RuleExpression(parsing: left), op: op,
            right: try RuleExpression(parsing: right), missing: missing, level: level)
    }

    @Test(arguments: [
        ("nr_advanced_communes", "nr_advanced_communes"),
        ("0.2 * members_start + 5", "0.2 * members_start + 5"),
        ("nr_communes.numerator - nr_model_communes", "nr_communes.numerator - nr_model_communes"),
        ("- x + 2*y", "- x + 2 * y"),
        ("members_start * 0.2", "0.2 * members_start"),
        ("district-new-members", "district-new-members"),
    ])
    func anExpressionReadsAndWritesBack(text: String, canonical: String) throws {
        let expression = try RuleExpression(parsing: text)
        #expect(expression.description == canonical)
        #expect(try RuleExpression(parsing: expression.description) == expression)
    }

    @Test(arguments: ["", "x +", "+ + x", "x y", "2 * 3 * x", "x * y", String(repeating: "x + ", count: 200) + "x", "x - - y", "x * ", "(x)"])
    func aMalformedExpressionIsRefusedSayingWhatIsExpected(text: String) {
        #expect(throws: ParseError.self) { try RuleExpression(parsing: text) }
    }

    @Test func eachMissingValueStrategy() throws {
        let figures: [IndicatorCode: Figure] = [IndicatorCode(unchecked: "a"): .value(5)]
        #expect(try Self.rule("a", .lessOrEqual, "b").violation(figures) == nil, "b missing: not checked")
        #expect(try Self.rule("a", .lessOrEqual, "b", missing: .skipIfAllMissing).violation(figures)! == (5, 0))
        #expect(try Self.rule("c", .lessOrEqual, "b - 1", missing: .skipIfAllMissing).violation(figures) == nil, "all missing: not checked")
        #expect(try Self.rule("c", .lessOrEqual, "b - 1", missing: .neverSkip).violation(figures)! == (0, -1))
        #expect(try Self.rule("a", .equal, "5").violation(figures) == nil)
        #expect(try Self.rule("a", .notEqual, "5").violation(figures)! == (5, 5))
    }

    @Test func aShareGivesItsNumeratorDenominatorOrPercentage() throws {
        let figures: [IndicatorCode: Figure] = [IndicatorCode(unchecked: "s"): .share(numerator: 159, denominator: 182)]
        #expect(try RuleExpression(parsing: "s.numerator").value(figures) == 159)
        #expect(try RuleExpression(parsing: "s.denominator - s.numerator").value(figures) == 23)
        #expect(try RuleExpression(parsing: "s").value(figures) == Figure.share(numerator: 159, denominator: 182).measured)
    }

    @Test func theEvaluationFindsABrokenRuleOnTheUnitsOfItsLevelAndKeepsItCurrentAfterAWrite() throws {
        let units = [Fix.unit("P"), Fix.unit("A", level: .district, parent: "P"), Fix.unit("B", level: .district, parent: "P")]
        let indicators = [Fix.indicator("advanced", .count), Fix.indicator("model", .count), Fix.indicator("communes", .share)]
        let rules = [
            try Self.rule("model", .lessOrEqual, "advanced"),
            try Self.rule("advanced", .lessOrEqual, "communes.numerator", level: .district),
        ]
        // A has more model communes than advanced ones (a slip: 91 for 19); B is consistent.
        let observations = [
            Fix.obs("A", "model", 91), Fix.obs("A", "advanced", 70), Fix.share("A", "communes", 159, 182),
            Fix.obs("B", "model", 4), Fix.obs("B", "advanced", 12), Fix.share("B", "communes", 20, 30),
        ]
        let snapshot = DataSet(units: units, indicators: indicators, observations: observations, validationRules: rules)
        let evaluator = Evaluator(snapshot)
        var evaluation = evaluator.evaluate(period: .year(2024), asOf: Fix.day("2025-01-15"))
        let broken = evaluation.findings.filter(\.isRuleViolation)
        // P's roll-ups (95 model, 82 advanced) break the first rule too; the second is for districts only.
        #expect(broken.map(\.subject) == ["A/2024", "P/2024"])
        #expect(broken.first?.problem == .ruleViolated(RuleCode(unchecked: "r"), rule: "model <= advanced", left: 91, right: 70))

        // The slip corrected: the incremental update clears the finding of A and of P above it.
        let correction = Fix.obs("A", "model", 19, revision: 2, reason: "typing slip")
        evaluator.update(&evaluation, with: correction)
        #expect(!evaluation.findings.contains { $0.isRuleViolation })
        var corrected = snapshot
        corrected.observations.append(correction)
        #expect(evaluation.findings == Evaluator(corrected).evaluate(period: .year(2024), asOf: Fix.day("2025-01-15")).findings)
    }
}
