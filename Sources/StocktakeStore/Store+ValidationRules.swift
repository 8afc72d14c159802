import Foundation
import SQLKit
import StocktakeCore

extension RecordAccess {
    /// Every validation rule, or those of `codes`, by code.
    public func validationRules(codes: [RuleCode]? = nil) async throws -> [ValidationRule] {
        if let codes, codes.isEmpty { return [] }
        let query = sql.select().columns("*").from("validation_rules").orderBy("code")
        let titleQuery = sql.select().columns("*").from("validation_rule_titles")
        if let codes {
            query.where("code", .in, codes.map(\.rawValue))
            titleQuery.where("rule_code", .in, codes.map(\.rawValue))
        }
        let titles = Dictionary(grouping: try await titleQuery.all(decoding: RuleTitleRow.self), by: \.rule_code)
        return try await query.all(decoding: RuleRow.self).map { row in
            ValidationRule(
                code: try storedCode(row.code),
                title: LocalizedText(Dictionary((titles[row.code] ?? []).map { ($0.language, $0.title) }, uniquingKeysWith: { a, _ in a })),
                left: try stored(row.left_side, "rule's left side", RuleExpression.init(parsing:)), op: try storedChoice(row.operator),
                right: try stored(row.right_side, "rule's right side", RuleExpression.init(parsing:)), missing: try storedChoice(row.missing),
                level: row.level.map { Level($0) })
        }
    }

    func insert(rules: [ValidationRule]) async throws {
        for rule in rules {
            try await sql.insert(into: "validation_rules").columns("code", "left_side", "operator", "right_side", "missing", "level")
                .values(
                    SQLBind(rule.code.rawValue), SQLBind(rule.left.description), SQLBind(rule.op.rawValue), SQLBind(rule.right.description),
                    SQLBind(rule.missing.rawValue), SQLBind(rule.level?.rawValue))
                .run()
            for (language, title) in rule.title.values.sorted(by: { $0.key < $1.key }) {
                try await sql.insert(into: "validation_rule_titles").columns("rule_code", "language", "title")
                    .values(SQLBind(rule.code.rawValue), SQLBind(language), SQLBind(title)).run()
            }
        }
    }

    /// The findings of the rules that apply to `units` in `period`, from the figures that count (the maintained
    /// figures: a unit's own, else the roll-up of the units below), read for these units and the rules' indicators
    /// alone, in slices.
    public func ruleFindings(of units: [OrgUnit], period: Period, rules given: [ValidationRule]? = nil) async throws -> [Finding] {
        var rules = given ?? []
        if given == nil { rules = try await validationRules() }
        guard !rules.isEmpty, !units.isEmpty else { return [] }
        let indicators = rules.reduce(into: Set<IndicatorCode>()) { $0.formUnion($1.indicators) }.sorted()
        var findings: [Finding] = []
        for start in stride(from: 0, to: units.count, by: 1000) {
            let slice = Array(units[start..<min(start + 1000, units.count)])
            let figures = try await unitFigures(period: period, units: slice.map(\.code), indicators: indicators)
            var byUnit: [UnitCode: [IndicatorCode: Figure]] = [:]
            for (key, figure) in figures { if let actual = figure.actual { byUnit[key.unit, default: [:]][key.indicator] = actual } }
            for unit in slice { findings += Evaluator.ruleFindings(rules, unit: unit, period: period, figures: byUnit[unit.code] ?? [:]) }
        }
        return findings
    }
}

private struct RuleRow: Decodable {
    let code: String
    let left_side: String
    let `operator`: String
    let right_side: String
    let missing: String
    let level: String?
}

private struct RuleTitleRow: Decodable {
    let rule_code: String
    let language: String
    let title: String
}
