import Foundation
import StocktakeTestSupport
import Testing
@testable import StocktakeCore

@Suite struct InterchangeTests {
    static let samplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples/bac-giang-2024.json").path
    let defaults = DataSetJSON.EntryDefaults(enteredBy: "tester", enteredAt: Fix.at)

    func sample() throws -> LocatedDataSet {
        let set = DataSetJSON.read(try #require(FileManager.default.contents(atPath: Self.samplePath)), file: "bac-giang-2024.json", defaults: defaults)
        try #require(set.problems.isEmpty, "\(set.problems)")
        return set
    }

    func plain(_ input: LocatedDataSet) -> DataSet {
        DataSet(
            units: input.units.map(\.value), documents: input.documents.map(\.value), indicators: input.indicators.map(\.value),
            targets: input.targets.map(\.value), tasks: input.tasks.map(\.value), observations: input.observations.map(\.value.observation))
    }

    @Test func theSampleReadsAndEveryObservationCitesItsArticle() throws {
        let set = try sample()
        #expect(set.units.count == 6)
        #expect(set.indicators.count == 15)
        #expect(set.observations.allSatisfy { $0.value.observation.source.kind == .article && $0.value.observation.source.citation.hasPrefix("seeds/002") })
        let communes = try #require(set.observations.first { $0.value.observation.key.indicator.rawValue == "nr_communes" })
        #expect(communes.value.observation.figure == .share(numerator: 159, denominator: 182))
        let references = set.documents.compactMap(\.value.reference?.description)
        #expect(Set(["381-NQ/TU", "18-NQ/TW", "26-CT/TU", "3634-CV/TU", "40-CT/TW"]).isSubset(of: references))
    }

    @Test func writeThenReadIsLossless() throws {
        let original = plain(try sample()).normalized
        let read = DataSetJSON.read(DataSetJSON.write(original), file: "again.json", defaults: defaults)
        #expect(read.problems.isEmpty)
        let again = plain(read).normalized
        #expect(again == original)
        #expect(DataSetJSON.write(again) == DataSetJSON.write(original))
    }

    @Test func everyProblemIsReportedWithItsPathFieldValueAndExpectation() {
        let text = """
            {"format": "stocktake/1",
             "units": [{"code": "BG", "names": {"vi": "Bắc Giang"}, "level": "province"}, {"code": "bad code", "names": {}, "level": "x"}],
             "indicators": [{"code": "g", "names": {"en": "g"}, "measure": {"en": "%"}, "kind": "ratio", "better": "up", "decimals": 9}],
             "documents": [{"code": "d", "reference": "381/NQ-TU", "title": {"en": "t"}}],
             "observations": [{"unit": "BG", "indicator": "g", "period": "2024Q5", "value": "12,5", "source": {"kind": "article", "citation": "x"}, "valu": 1}]}
            """
        do {
            let error = ImportProblems(DataSetJSON.read(Data(text.utf8), file: "in.json", defaults: defaults).problems)
            let found = Dictionary(error.problems.map { ("\($0.location)", $0) }, uniquingKeysWith: { a, _ in a })
            #expect(found["$.units[1].code"]?.value == "bad code")
            #expect(found["$.units[1].names"] != nil)
            #expect(found["$.indicators[0].kind"]?.expected == "one of amount, count, share, rate")
            #expect(found["$.indicators[0].better"]?.value == "up")
            #expect(found["$.indicators[0].decimals"]?.expected == "a whole number from 0 to 6")
            #expect(found["$.documents[0].reference"]?.expected.contains("381-NQ/TU") == true)
            #expect(found["$.observations[0].period"]?.value == "2024Q5")
            #expect(found["$.observations[0].value"]?.value == "12,5")
            #expect(found["$.observations[0].valu"] != nil)
            #expect(error.problems.allSatisfy { $0.file == "in.json" })
            #expect(error.description.contains("nothing was imported"))
        }
    }

    @Test func malformedJSONIsOneClearProblem() {
        let problems = DataSetJSON.read(Data("{\"units\": [".utf8), file: "cut.json", defaults: defaults).problems
        #expect(problems.count == 1)
        #expect(problems.first?.expected.hasPrefix("a well-formed JSON document (UTF-8") == true)
        #expect(problems.first?.value.contains("unexpected end of the document") == true, "\(problems)")
    }

    @Test func csvRowsReadWithQuotesAndProblemsNameTheirLine() throws {
        let good = """
            unit,indicator,period,value,denominator,source_kind,source,reason
            BG,grdp_growth,2024,13.85,,article,"seeds/002, Greek edition",
            BG,nr_communes,2024,159,182,article,seeds/002,
            """
        let set = ObservationCSV.read(good, file: "obs.csv", defaults: defaults)
        #expect(set.problems.isEmpty)
        #expect(set.observations.count == 2)
        #expect(set.observations[0].value.observation.source.citation == "seeds/002, Greek edition")
        #expect(set.observations[1].value.observation.figure == .share(numerator: 159, denominator: 182))
        #expect(set.observations[1].location == .line(3))

        let bad = good + "\nBG,grdp_size,2024,20x,,article,seeds/002,\nBG,grdp_size,2024,207,,rumour,seeds/002,\n"
        do {
            let read = ObservationCSV.read(bad, file: "obs.csv", defaults: defaults)
            #expect(read.observations.count == 2)  // the good rows are kept for the cross-record checks
            #expect(read.problems.map { "\($0.location) \($0.field) \($0.value)" } == ["line 4 value 20x", "line 5 source_kind rumour"])
        }
    }

    @Test func csvWriteThenReadKeepsEveryField() throws {
        let observations = plain(try sample()).observations.map { o -> Observation in var o = o; o.claims = .init(); return o }
        let text = ObservationCSV.write(observations)
        let again = ObservationCSV.read(text, file: "x.csv", defaults: defaults).observations.map(\.value.observation)
        #expect(again.sorted { $0.key < $1.key } == observations.sorted { $0.key < $1.key })
    }

    @Test func aCorrectionNeedsAReasonAndRevisionsHaveNoGaps() throws {
        var catalog = Catalog()
        let unit = Fix.unit("P")
        let indicator = Fix.indicator("x", .amount)
        catalog.units[unit.code] = unit
        catalog.indicators[indicator.code] = indicator
        catalog.revisions[Fix.key("P", "x")] = [Fix.obs("P", "x", 10)]
        func input(_ pending: [PendingObservation]) -> LocatedDataSet {
            var set = LocatedDataSet(file: "f.json")
            set.observations = pending.enumerated().map { Located($1, at: .path("$.observations[\($0)]")) }
            return set
        }
        // Same figure again: nothing to do.
        #expect(try ImportPlanner.plan(input([PendingObservation(Fix.obs("P", "x", 10), revision: nil)]), against: catalog).unchanged == 1)
        // A new figure without a reason is refused; with one it becomes revision 2.
        #expect(throws: ImportProblems.self) { try ImportPlanner.plan(input([PendingObservation(Fix.obs("P", "x", 11), revision: nil)]), against: catalog) }
        let plan = try ImportPlanner.plan(input([PendingObservation(Fix.obs("P", "x", 11, reason: "audited"), revision: nil)]), against: catalog)
        #expect(plan.dataSet.observations.map(\.revision) == [2])
        // A revision that skips one, or rewrites a stored one, is refused.
        #expect(throws: ImportProblems.self) { try ImportPlanner.plan(input([PendingObservation(Fix.obs("P", "x", 11, reason: "r"), revision: 3)]), against: catalog) }
        #expect(throws: ImportProblems.self) { try ImportPlanner.plan(input([PendingObservation(Fix.obs("P", "x", 11), revision: 1)]), against: catalog) }
    }

    @Test func referencesAndFiguresAreCheckedAcrossRecords() {
        var set = LocatedDataSet(file: "f.json")
        set.units = [Located(Fix.unit("A", parent: "B"), at: .path("$.units[0]")), Located(Fix.unit("B", parent: "A"), at: .path("$.units[1]"))]
        set.indicators = [Located(Fix.indicator("s", .share), at: .path("$.indicators[0]")), Located(Fix.indicator("c", .count), at: .path("$.indicators[1]"))]
        set.observations = [
            Located(PendingObservation(Fix.share("A", "s", 5, 4), revision: nil), at: .path("$.observations[0]")),
            Located(PendingObservation(Fix.obs("A", "c", Decimal(string: "2.5")!), revision: nil), at: .path("$.observations[1]")),
            Located(PendingObservation(Fix.obs("Z", "c", 1), revision: nil), at: .path("$.observations[2]")),
        ]
        do {
            _ = try ImportPlanner.plan(set, against: Catalog())
            Issue.record("accepted")
        } catch {
            let found = error.problems.map { "\($0.location) \($0.field)" }
            #expect(found.contains("$.units[0] parent"))  // a cycle
            #expect(found.contains("$.observations[0] numerator"))
            #expect(found.contains("$.observations[1] value"))
            #expect(found.contains("$.observations[2] unit"))
        }
    }
}
