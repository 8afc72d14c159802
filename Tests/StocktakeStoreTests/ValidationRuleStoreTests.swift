import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing

/// Validation rules imported like other definitions, on the suite's engine: stored and read back, exported and
/// imported again unchanged, refused with the file's path when they name what is not there, and checked on the
/// figures that count — a unit's read, its subtree's findings and the whole evaluation finding the same slip.
@Suite struct ValidationRuleStoreTests {
    static func withRules(_ body: (Store) async throws -> Void) async throws {
        try await TestDatabase.withStore { store async throws in
            try await Samples.importReview(into: store)
            try await store.importChecked(ImportFile.read(try Samples.data("validation-rules.json"), file: "validation-rules.json", enteredBy: "setup"))
            try await body(store)
        }
    }

    @Test func theSampleRulesHoldAndASlipBreaksOneAtEveryRead() async throws {
        try await Self.withRules { store in
            let rules = try await store.validationRules()
            #expect(rules.map(\.code.rawValue) == ["advanced-within-standard", "model-within-advanced"])
            #expect(rules.last?.title["vi"] == "Xã nông thôn mới kiểu mẫu không nhiều hơn xã nông thôn mới nâng cao")
            let (bg, vn, period) = (UnitCode(unchecked: "BG"), UnitCode(unchecked: "VN"), Period.year(2024))
            let asOf = try CalendarDate(parsing: "2025-01-14")
            #expect(try await store.subtreeFindings(of: vn, period: period, asOf: asOf).filter(\.isRuleViolation).isEmpty)

            // 19 model communes typed as 91: more than the 70 advanced ones.
            let slip = """
                unit,indicator,period,value,denominator,source_kind,source,reason
                BG,nr_model_communes,2024,91,,report,typed,digits swapped
                """
            try await store.importChecked(ImportFile.read(Data(slip.utf8), file: "slip.csv", enteredBy: "setup"))
            let expected = Finding(unit: bg, indicator: nil, period: period, problem: .ruleViolated(
                RuleCode(unchecked: "model-within-advanced"), rule: "nr_model_communes <= nr_advanced_communes", left: 91, right: 70))
            #expect(try await store.unitReview(of: bg, period: period, asOf: asOf)?.findings.filter(\.isRuleViolation) == [expected])
            #expect(try await store.subtreeFindings(of: bg, period: period, asOf: asOf).filter(\.isRuleViolation) == [expected])
            // The nation's roll-ups of the same two indicators are Bac Giang's alone: they break the rule too.
            let nation = Finding(unit: vn, indicator: nil, period: period, problem: expected.problem)
            let subtree = try await store.subtreeFindings(of: vn, period: period, asOf: asOf).filter(\.isRuleViolation)
            #expect(subtree == [expected, nation], "\(subtree)")
            let whole = try await store.evaluator(for: period).evaluate(period: period, asOf: asOf)
            #expect(whole.findings.filter(\.isRuleViolation) == [expected, nation])
            #expect(expected.description == "BG/2024: the figures break validation rule model-within-advanced, nr_model_communes <= nr_advanced_communes: 91 against 70")
        }
    }

    @Test func rulesExportAndImportBackUnchanged() async throws {
        try await Self.withRules { store in
            let exported = DataSetJSON.write(try await store.dataSet())
            #expect(String(decoding: exported, as: UTF8.self).contains(#""right" : "nr_communes.numerator""#))
            try await TestDatabase.withStore { other async throws in
                try await other.importChecked(ImportFile.read(exported, file: "export.json", enteredBy: "setup"))
                #expect(try await other.validationRules() == (try await store.validationRules()))
                // Again: every record is stored unchanged already.
                let again = try await other.importChecked(ImportFile.read(exported, file: "export.json", enteredBy: "setup"))
                #expect(again.isEmpty)
            }
        }
    }

    @Test func aRuleNamingWhatIsNotThereIsRefusedWithItsPathAndNothingIsWritten() async throws {
        try await Self.withRules { store in
            let before = try await store.rowCounts()
            let json = """
                {"format": "stocktake/1", "validation_rules": [
                  {"code": "a", "title": {"en": "a"}, "left": "no_such_indicator", "operator": "<=", "right": "5"},
                  {"code": "b", "title": {"en": "b"}, "left": "nr_model_communes.numerator", "operator": "<=", "right": "nr_communes.denominator"},
                  {"code": "c", "title": {"en": "c"}, "left": "nr_model_communes", "operator": "=<", "right": "5"},
                  {"code": "d", "title": {"en": "d"}, "left": "nr_model_communes +", "operator": "<=", "right": "5", "missing": "sometimes"},
                  {"code": "model-within-advanced", "title": {"en": "changed"}, "left": "nr_model_communes", "operator": "<", "right": "nr_advanced_communes"}
                ]}
                """
            do {
                try await store.importChecked(ImportFile.read(Data(json.utf8), file: "rules.json", enteredBy: "setup"))
                Issue.record("the rules were imported")
            } catch let problems as ImportProblems {
                let lines = problems.problems.map(\.description)
                #expect(lines.contains { $0.contains("$.validation_rules[0]") && $0.contains("field 'left': found 'no_such_indicator'") }, "\(lines)")
                #expect(lines.contains { $0.contains("$.validation_rules[1]") && $0.contains("nr_model_communes is a count") })
                #expect(lines.contains { $0.contains("$.validation_rules[2].operator") && $0.contains("found '=<'") })
                #expect(lines.contains { $0.contains("$.validation_rules[3].left") })
                #expect(lines.contains { $0.contains("$.validation_rules[3].missing") && $0.contains("skip_if_any_missing") })
                #expect(lines.contains { $0.contains("$.validation_rules[4]") && $0.contains("stored records are not overwritten") })
            }
            #expect(try await store.rowCounts() == before)
        }
    }
}
