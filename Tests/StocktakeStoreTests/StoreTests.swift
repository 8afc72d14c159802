import Foundation
import SQLKit
import Testing
@testable import StocktakeCore
@testable import StocktakeStore
import StocktakeTestSupport

/// Store tests run on a real database: a SQLite file, or a PostgreSQL database of their own (see TestDatabase).
@Suite struct StoreTests {
    static let samples = Samples.path
    static let defaults = DataSetJSON.EntryDefaults(enteredBy: "tester", enteredAt: Date(timeIntervalSince1970: 1_736_856_000))

    static func sample() throws -> LocatedDataSet {
        let set = DataSetJSON.read(try #require(FileManager.default.contents(atPath: samples + "/bac-giang-2024.json")), file: "bac-giang-2024.json", defaults: defaults)
        try #require(set.problems.isEmpty)
        return set
    }

    @Test func theStoreRunsOnTheRequestedEngine() async throws {
        try await TestDatabase.withStore { store async throws in
            let expected = try TestDatabase.engine
            #expect(store.engine == expected)
        }
    }

    @Test func migrationsApplyOnceAndAreRecorded() async throws {
        try await TestDatabase.withFresh { url async throws in
            let store = try await Store.open(try DatabaseLocation(parsing: url))
            let versions = try await store.sql.select().column("version").from("schema_migrations").orderBy("version").all(decodingColumn: "version", as: Int.self)
            try await store.close()
            #expect(versions == Migrations.all.map(\.version))
            // Opening again applies nothing new.
            let again = try await Store.open(try DatabaseLocation(parsing: url))
            let count = try await again.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("schema_migrations").first(decodingColumn: "n", as: Int.self)
            try await again.close()
            #expect(count == Migrations.all.count)
        }
    }

    /// Servers started together on one new database: every step is applied once, whichever process gets it.
    @Test func storesOpeningTogetherApplyEachMigrationOnce() async throws {
        try await TestDatabase.withFresh { url async throws in
            let location = try DatabaseLocation(parsing: url)
            let opened = await withTaskGroup(of: Result<Store, any Error>.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        do { return .success(try await Store.open(location)) } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let stores = opened.compactMap { try? $0.get() }
            for case .failure(let error) in opened { Issue.record(error, "a store did not open") }
            let versions = try await Store.using(location) { store in
                try await store.sql.select().column("version").from("schema_migrations").orderBy("version")
                    .all(decodingColumn: "version", as: Int.self)
            }
            #expect(versions == Migrations.all.map(\.version))
            for store in stores { try await store.close() }
        }
    }

    @Test func exportThenImportIntoAnEmptyDatabaseIsLossless() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try Self.sample())
            let first = try await store.dataSet()
            #expect(first.observations.count == 15)
            let exported = DataSetJSON.write(first)
            try await TestDatabase.withStore { fresh async throws in
                try await fresh.importChecked(DataSetJSON.read(exported, file: "export.json", defaults: Self.defaults))
                let second = try await fresh.dataSet()
                #expect(second.normalized == first.normalized)
                #expect(DataSetJSON.write(second) == exported)
            }
            // Importing the same file again changes nothing.
            let plan = try await store.importChecked(try Self.sample())
            #expect(plan.isEmpty)
            #expect(plan.unchanged == first.recordCount)
        }
    }

    @Test func aFileWithOneBadRowAmongManyLeavesEveryTableAsItWas() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try Self.sample())
            let before = try await store.rowCounts()
            var lines = ["unit,indicator,period,value,denominator,source_kind,source,reason"]
            for year in 2015...2023 { lines.append("BG,new_party_members,\(year),\(2000 + year),,report,annual report \(year),") }
            lines.append("BG,nr_communes,2023,190,182,report,annual report 2023,")  // 190 of 182: impossible
            for year in 2015...2023 { lines.append("BG,grdp_growth,\(year),7.\(year - 2015),,report,annual report \(year),") }
            do {
                try await store.importChecked(ObservationCSV.read(lines.joined(separator: "\n"), file: "history.csv", defaults: Self.defaults))
                Issue.record("the bad row was accepted")
            } catch let error as ImportProblems {
                #expect(error.problems.count == 1)
                #expect(error.problems[0].description == "history.csv: line 11: field 'numerator': found '190', expected a numerator from 0 to the denominator 182")
            }
            #expect(try await store.rowCounts() == before)
        }
    }

    @Test func aFailingWriteRollsBackWholly() async throws {
        try await TestDatabase.withStore { store async throws in
            let before = try await store.rowCounts()
            // A plan that bypasses the planner's checks: the database's own constraints refuse its last row, and
            // the rows before it must not stay.
            var plan = ImportPlan()
            plan.dataSet.units = [OrgUnit(code: UnitCode(unchecked: "X"), names: LocalizedText(["en": "X"]), level: .province)]
            plan.dataSet.indicators = [Indicator(code: IndicatorCode(unchecked: "i"), names: LocalizedText(["en": "i"]), measure: LocalizedText(["en": "u"]), kind: .amount, better: .higher, decimals: 0)]
            plan.dataSet.observations = [Observation(
                key: ObservationKey(unit: UnitCode(unchecked: "X"), indicator: IndicatorCode(unchecked: "i"), period: .year(2024)), revision: 2,
                figure: .value(1), source: .init(kind: .entry, citation: "c"), enteredBy: "t", enteredAt: Self.defaults.enteredAt)]
            await #expect(throws: (any Error).self) { try await store.apply(plan) }
            #expect(try await store.rowCounts() == before)
        }
    }

    @Test func theSchemaRefusesImpossibleStates() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try Self.sample())
            let refused: [SQLQueryString] = [
                // A correction without a reason.
                "INSERT INTO observations (unit_code, indicator_code, period, revision, value, source_kind, citation, entered_by, entered_at) VALUES ('BG', 'grdp_size', '2024', 2, '208', 'entry', 'c', 't', 'now')",
                // The same revision twice.
                "INSERT INTO observations (unit_code, indicator_code, period, revision, value, source_kind, citation, entered_by, entered_at) VALUES ('BG', 'grdp_size', '2024', 1, '208', 'entry', 'c', 't', 'now')",
                // A figure of a unit that does not exist.
                "INSERT INTO observations (unit_code, indicator_code, period, revision, value, source_kind, citation, entered_by, entered_at) VALUES ('ZZ', 'grdp_size', '2024', 1, '1', 'entry', 'c', 't', 'now')",
                // A unit that is its own parent; an unknown indicator kind; a done task with no timeliness.
                "INSERT INTO units (code, level, parent_code, origin) VALUES ('Q', 'province', 'Q', 'recorded')",
                "INSERT INTO indicators (code, kind, better, decimals, origin) VALUES ('q', 'ratio', 'higher', 0, 'recorded')",
                "INSERT INTO key_tasks (code, unit_code, period, deadline, status) VALUES ('q', 'BG', '2024', '2024-12-31', 'done')",
                // A between target with no upper end.
                "INSERT INTO targets (code, unit_code, indicator_code, period, bound, basis, value) VALUES ('q', 'BG', 'grdp_size', '2024', 'between', 'absolute', '1')",
            ]
            for statement in refused {
                await #expect(throws: (any Error).self, "\(store.sql.serialize(statement).sql)") { try await store.sql.raw(statement).run() }
            }
        }
    }

    @Test func aCorrectionKeepsBothRevisionsAndEvaluationUsesTheLatest() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try Self.sample())
            let csv = """
                unit,indicator,period,value,source_kind,source,reason
                BG,new_party_members,2024,2940,report,Organization Committee final report,final count after year-end review
                """
            let plan = try await store.importChecked(ObservationCSV.read(csv, file: "fix.csv", defaults: Self.defaults))
            #expect(plan.dataSet.observations.map(\.revision) == [2])
            let key = ObservationKey(unit: UnitCode(unchecked: "BG"), indicator: IndicatorCode(unchecked: "new_party_members"), period: .year(2024))
            let history = try await store.history(of: key)
            #expect(history.map(\.figure) == [.value(2938), .value(2940)])
            #expect(history.map(\.reason) == [nil, "final count after year-end review"])
            let evaluation = try await store.evaluator(for: .year(2024)).evaluate(period: .year(2024), asOf: try CalendarDate(year: 2025, month: 1, day: 14))
            #expect(evaluation.results[key]?.actual == .value(2940))
            #expect(evaluation.results[key]?.own?.revision == 2)
        }
    }

    @Test func theSampleEvaluatesToTheRanksAndFiguresTheArticleReports() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try Self.sample())
            let generated = try PeerGenerator(seed: 1, enteredAt: Self.defaults.enteredAt).generate(for: try await store.snapshot(for: .year(2024)), period: .year(2024))
            #expect(generated.units.count == 60)
            #expect(generated.units.allSatisfy { $0.origin == .synthetic })
            #expect(generated.observations.allSatisfy { $0.source.kind == .synthetic })
            try await store.importChecked(LocatedDataSet(generated, file: "generated"))
            let evaluation = try await store.evaluator(for: .year(2024)).evaluate(period: .year(2024), asOf: try CalendarDate(year: 2025, month: 1, day: 14))
            func result(_ indicator: String) throws -> IndicatorResult {
                try #require(evaluation.results[ObservationKey(unit: UnitCode(unchecked: "BG"), indicator: IndicatorCode(unchecked: indicator), period: .year(2024))])
            }
            // "13.85 %, first in the country"; "207 trillion, 12th in the country and first in the Northern Midlands and Mountains"
            #expect(evaluation.ranks(for: try result("grdp_growth").key)[.level] == Rank(position: 1, of: 63, syntheticPeers: 62))
            #expect(evaluation.ranks(for: try result("grdp_size").key)[.level]?.position == 12)
            #expect(evaluation.ranks(for: try result("grdp_size").key)[.group(.region)] == Rank(position: 1, of: 14, syntheticPeers: 13))
            #expect(evaluation.ranks(for: try result("pci_position").key)[.level]?.position == 4)
            #expect(evaluation.ranks(for: try result("fdi_position").key)[.level]?.position == 10)
            // Budget revenue exceeded both estimates, by exactly what the article printed.
            let budget = try result("budget_revenue").targets
            #expect(budget.map(\.status) == [.exceeded, .exceeded])
            #expect(budget.map { $0.achievement.map { ($0 - 1) * 100 } } == [Decimal(string: "32.2"), Decimal(string: "28.8")])
            #expect(budget[0].derivedBound?.estimate.rounded(1) == Decimal(string: "15657.7"))
            #expect(try result("trade_value").targets.map(\.status) == [.met])
            #expect(try result("services_output").change == Change(value: Decimal(string: "11.6")!, inPoints: false, reported: true))
            #expect(try result("nr_communes").actual?.measured.rounded(2) == Decimal(string: "87.36"))
            let tasks = try #require(evaluation.tasks[UnitCode(unchecked: "BG")])
            #expect((tasks.done, tasks.counted, tasks.doneOnTime) == (3, 3, 3))
            // The stated ranks hold, so no finding contradicts them.
            #expect(!evaluation.findings.contains { $0.code == "rank_mismatch" })
        }
    }

    @Test func concurrentCorrectionsGetDistinctConsecutiveRevisions() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try Self.sample())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1...8 {
                    group.addTask {
                        let csv = "unit,indicator,period,value,source_kind,source,reason\nBG,new_party_members,2024,\(2938 + i),report,count \(i),recount \(i)\n"
                        try await store.importChecked(ObservationCSV.read(csv, file: "fix-\(i).csv", defaults: Self.defaults))
                    }
                }
                try await group.waitForAll()
            }
            let key = ObservationKey(unit: UnitCode(unchecked: "BG"), indicator: IndicatorCode(unchecked: "new_party_members"), period: .year(2024))
            let history = try await store.history(of: key)
            #expect(history.map(\.revision) == Array(1...9))
            #expect(Set(history.dropFirst().map(\.figure)).count == 8)
        }
    }

    @Test func theGeneratorIsDeterministic() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try Self.sample())
            let snapshot = try await store.snapshot(for: .year(2024))
            let a = try PeerGenerator(seed: 7, enteredAt: Self.defaults.enteredAt).generate(for: snapshot, period: .year(2024))
            let b = try PeerGenerator(seed: 7, enteredAt: Self.defaults.enteredAt).generate(for: snapshot, period: .year(2024))
            let c = try PeerGenerator(seed: 8, enteredAt: Self.defaults.enteredAt).generate(for: snapshot, period: .year(2024))
            #expect(a == b)
            #expect(a.observations.map(\.figure) != c.observations.map(\.figure))
        }
    }
}

@Suite struct GeneratedDataStoreTests {
    @Test func aGeneratedDataSetStreamsInBatchesAndReadsBackTheSame() async throws {
        try await TestDatabase.withStore { store async throws in
            let generator = NationalGenerator(scale: .small, seed: 3, firstYear: 2021, years: 4)
            let definitions = generator.definitions()
            try await store.importChecked(LocatedDataSet(definitions, file: "definitions"))
            var years = Array(generator.firstYear...generator.lastYear).makeIterator()
            var progress: [Int] = []
            let result = try await store.importBatches({
                guard let year = years.next() else { return nil }
                return LocatedDataSet(DataSet(observations: generator.observations(year: year)), file: "\(year)")
            }, progress: { progress.append($0) })
            let expected = (generator.firstYear...generator.lastYear).flatMap { generator.observations(year: $0) }
            #expect(result.imported == expected.count)
            #expect(progress.count == 4 && progress.last == expected.count)
            let stored = try await store.observations()
            #expect(Set(stored) == Set(expected))
            // A second run of the same batches changes nothing.
            var again = Array(generator.firstYear...generator.lastYear).makeIterator()
            let rerun = try await store.importBatches({
                guard let year = again.next() else { return nil }
                return LocatedDataSet(DataSet(observations: generator.observations(year: year)), file: "\(year)")
            })
            #expect(rerun.imported == 0 && rerun.unchanged == expected.count)
            let evaluation = try await store.evaluator(for: .year(2024)).evaluate(period: .year(2024), asOf: try CalendarDate(parsing: "2025-03-01"))
            #expect(evaluation.results.count > 500)
        }
    }
}
