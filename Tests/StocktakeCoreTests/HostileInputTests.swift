import Foundation
import StocktakeTestSupport
import Testing
@testable import StocktakeCore

/// Files an attacker or a careless editor might send: figures too long to add up exactly, duplicate keys,
/// deep nesting, CSV with a huge header, formulas in cells, and authorship that is not the importer's.
@Suite struct HostileInputTests {
    let defaults = DataSetJSON.EntryDefaults(enteredBy: "importer", enteredAt: Fix.at)

    func observationJSON(_ value: String, extra: String = "") -> Data {
        Data("""
            {"format": "stocktake/1", "observations": [{"unit": "BG", "indicator": "grdp_size", "period": "2024", "value": \(value),
             "source": {"kind": "article", "citation": "c"}\(extra)}]}
            """.utf8)
    }

    // MARK: - One rule for figures

    @Test func aThirtyFiveDigitFigureIsRefusedAsAJSONNumberAsAStringAndInCSV() {
        let long = "12345678901234567890123456789012345"
        for data in [observationJSON(long), observationJSON("\"\(long)\"")] {
            let read = DataSetJSON.read(data, file: "f.json", defaults: defaults)
            #expect(read.observations.isEmpty)
            let problem = read.problems.first
            #expect(problem?.field == "value" && problem?.value == long && problem?.expected == FigureRule.expected, "\(read.problems)")
        }
        let csv = "unit,indicator,period,value,source_kind,source\nBG,grdp_size,2024,\(long),article,c\n"
        let read = ObservationCSV.read(csv, file: "f.csv", defaults: defaults)
        #expect(read.observations.isEmpty && read.problems.map(\.field) == ["value"] && read.problems.first?.location == .line(2))
    }

    @Test func theRuleAllowsEighteenDigitsBeforeThePointAndSixAfterAndNoMore() throws {
        #expect(try FigureRule.parse("123456789012345678.123456") == Decimal(string: "123456789012345678.123456"))
        #expect(try FigureRule.parse("-0.5") == Decimal(string: "-0.5"))
        #expect(try FigureRule.parse("000012.500000000") == Decimal(string: "12.5"), "leading and trailing zeros are not digits of the value")
        for bad in ["1234567890123456789", "0.1234567", "1e3", "1,5", "", "-", ".5", "5.", "12abc", "١٢"] {
            #expect(throws: ParseError.self, "\(bad)") { try FigureRule.parse(bad) }
        }
        // A JSON number keeps its literal text: 7 decimals are refused rather than rounded away.
        let read = DataSetJSON.read(observationJSON("0.1234567"), file: "f.json", defaults: defaults)
        #expect(read.problems.first?.value == "0.1234567")
        let exact = DataSetJSON.read(observationJSON("20699.123456"), file: "f.json", defaults: defaults)
        #expect(exact.observations.first?.value.observation.figure == .value(Decimal(string: "20699.123456")!))
    }

    @Test func sumsOfBoundedFiguresStayExact() {
        let largest = Decimal(string: "999999999999999999.999999")!
        var sum = Decimal(0)
        for _ in 0..<1000 { sum += largest }
        #expect(sum == Decimal(string: "999999999999999999999.999")! , "1000 × the largest figure, exact to the last digit")
    }

    // MARK: - Strict JSON

    @Test func duplicateKeysAreRefusedWithTheirPath() throws {
        let data = observationJSON("\"1\"", extra: ", \"value\": \"2\"")
        let read = DataSetJSON.read(data, file: "f.json", defaults: defaults)
        #expect(read.observations.isEmpty)
        let problem = try #require(read.problems.first)
        #expect(problem.location == .path("$.observations[0].value"), "\(problem)")
        #expect(problem.value.contains("appears twice"))
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Data(#"{"a": 1, "a": 1}"#.utf8)) }
    }

    @Test func nestingSizeAndSyntaxAreBounded() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Data(deep.utf8)) }
        let shallow = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try JSONValue.parse(Data(shallow.utf8)) != .null)
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Data("[1, 2, 3]".utf8), limits: .init(bytes: 8)) }
        for bad in ["{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"\u{01}\"", "\"\\x\"", "\"\\uD800\"", "[] []", "nul", "{\"a\":1,}"] {
            #expect(throws: JSONValue.SyntaxError.self, "\(bad)") { try JSONValue.parse(Data(bad.utf8)) }
        }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Data([0x22, 0xFF, 0x22])) }
        let value = try JSONValue.parse(Data(#"{"n": -12.50e+3, "s": "a\u00e9\ud83d\ude00\n", "t": [true, false, null]}"#.utf8))
        #expect(value == .object(["n": .number("-12.50e+3"), "s": .string("aé😀\n"), "t": .array([.bool(true), .bool(false), .null])]))
    }

    // MARK: - CSV

    @Test func aCSVWithTwoHundredThousandColumnsIsRefusedWithAShortAnswer() {
        let header = (0..<200_000).map { "c\($0)" }.joined(separator: ",")
        let read = ObservationCSV.read(header + "\n", file: "wide.csv", defaults: defaults)
        #expect(read.problems.count == 1, "one problem, not one per column")
        #expect(read.problems.description.utf8.count < 1_000)
        #expect(read.problems.first?.expected == "at most 64 columns")
    }

    @Test func aLongLineAndManyBadRowsAreCapped() {
        let long = "unit,indicator,period,value,source_kind,source\n" + String(repeating: "x", count: 100_000) + "\n"
        #expect(ObservationCSV.read(long, file: "long.csv", defaults: defaults).problems.first?.expected.contains("at most 65536 characters") == true)
        let rows = (0..<5_000).map { _ in "BG,grdp_size,2024,abc,article,c" }.joined(separator: "\n")
        let read = ObservationCSV.read("unit,indicator,period,value,source_kind,source\n" + rows, file: "bad.csv", defaults: defaults)
        #expect(read.problems.count == ImportProblem.listLimit + 1)
        #expect(read.problems.last?.value == "\(5_000 - ImportProblem.listLimit) more not listed")
        #expect(ImportProblems(read.problems).description.utf8.count < 40_000)
    }

    @Test func formulasInTextCellsAreNeutralisedAndReadBackUnchanged() throws {
        let texts = ["=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "''=x", "'plain", "plain", "=", "''"]
        for text in texts {
            let cell = ObservationCSV.guarded(text)
            #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.unicodeScalars.first.map(String.init) ?? ""), "\(cell)")
            #expect(ObservationCSV.unguarded(cell) == text)
        }
        let observations = texts.enumerated().map { i, text in
            Observation(
                key: ObservationKey(unit: UnitCode(unchecked: "BG"), indicator: IndicatorCode(unchecked: "grdp_size"), period: Period.year(2000 + i)), figure: .value(-3),
                source: .init(kind: .article, citation: text), enteredBy: "importer", enteredAt: Fix.at, reason: text)
        }
        let written = ObservationCSV.write(observations)
        #expect(!written.contains("\n=") && !written.contains(",=") && !written.contains(",@") && !written.contains(",+"))
        let read = ObservationCSV.read(written, file: "back.csv", defaults: defaults)
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.observations.map(\.value.observation.source.citation) == texts)
        #expect(read.observations.map(\.value.observation.reason) == texts)
        #expect(read.observations.map(\.value.observation.figure) == Array(repeating: .value(-3), count: texts.count))
    }

    @Test func claimsSurviveACSVRoundTrip() throws {
        let claims = Observation.Claims(
            comparisons: [.init(basis: .yearEarlier, relation: .change, percent: Decimal(string: "14.50")!, decimals: 2),
                          .init(basis: .target(TargetCode(unchecked: "BG-T1")), relation: .percentOf, percent: 100, decimals: 0)],
            ranks: [.init(peers: .level, position: 12), .init(peers: .group(GroupKind("region")), position: 1)])
        let observation = Observation(
            key: ObservationKey(unit: UnitCode(unchecked: "BG"), indicator: IndicatorCode(unchecked: "grdp_size"), period: Period.year(2024)), figure: .value(1),
            source: .init(kind: .article, citation: "c"), enteredBy: "importer", enteredAt: Fix.at, claims: claims)
        let read = ObservationCSV.read(ObservationCSV.write([observation]), file: "claims.csv", defaults: defaults)
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.observations.first?.value.observation == observation)
    }

    // MARK: - Authorship

    @Test func aFileCannotStateWhoEnteredAFigureOrWhen() throws {
        let data = observationJSON("\"1\"", extra: #", "entered_by": "chairman", "entered_at": "2001-01-01T00:00:00Z""#)
        let read = DataSetJSON.read(data, file: "f.json", defaults: defaults)
        let observation = try #require(read.observations.first?.value.observation)
        #expect(observation.enteredBy == "importer" && observation.enteredAt == Fix.at)
        let csv = "unit,indicator,period,value,source_kind,source,entered_by,entered_at\nBG,grdp_size,2024,1,article,c,chairman,2001-01-01T00:00:00Z\n"
        let row = try #require(ObservationCSV.read(csv, file: "f.csv", defaults: defaults).observations.first?.value.observation)
        #expect(row.enteredBy == "importer" && row.enteredAt == Fix.at)
    }

    /// A lone carriage return ends a line inside a quoted field as it does outside one, so the records after it
    /// keep the line an editor sees (the fuzzer found them numbered one too low).
    @Test func aLoneCarriageReturnInAQuotedFieldCountsAsALine() throws {
        let records = try ObservationCSV.records("a,b\r\n\"one\rtwo\",x\r\nlast,y\r\n")
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records[1].fields == ["one\rtwo", "x"])
    }
}
