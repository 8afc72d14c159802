import Foundation
import SQLKit
import Testing
@testable import StocktakeCore
@testable import StocktakeStore
import StocktakeTestSupport

/// The findings every write keeps equal a recomputation from the records and the whole evaluation's, across
/// the years a write reaches: a figure changes its ancestors' roll-ups and missing reports, the change stated a
/// year later by its unit, its ancestors and their successors, and the range of its unit's history for ten years.
@Suite struct StoredFindingTests {
    static let years = Array(2017...2024)

    /// One figure of `key`, sometimes far outside what came before, sometimes stating its change on the year
    /// before or against its unit's target.
    static func observation(
        _ key: ObservationKey, revision: Int, indicator: Indicator, targets: [Target], _ random: inout SeededGenerator
    ) -> Observation {
        var figure = MaintainedFigureTests.figure(indicator, &random)
        if random.int(in: 0...5) == 0, case .value(let v) = figure { figure = .value(v * 1_000 + 50_000) }
        var comparisons: [ReportedComparison] = []
        if random.int(in: 0...2) == 0 {
            comparisons.append(ReportedComparison(basis: .yearEarlier, relation: .change, percent: Decimal(random.int(in: -30...30)), decimals: 0))
        }
        if let target = targets.first(where: { $0.unit == key.unit && $0.indicator == key.indicator && $0.period == key.period }), random.int(in: 0...1) == 0 {
            comparisons.append(ReportedComparison(basis: .target(target.code), relation: .percentOf, percent: Decimal(random.int(in: 50...150)), decimals: 0))
        }
        return Observation(
            key: key, revision: revision, figure: figure, source: .init(kind: .entry, citation: "random"), enteredBy: "tester",
            enteredAt: StoreTests.defaults.enteredAt, reason: revision > 1 ? "corrected" : nil, claims: .init(comparisons: comparisons, ranks: []))
    }

    /// Every stored finding equals a recomputation, and every period's subtree findings equal the whole evaluation's.
    static func expectKeptFindings(_ store: Store, root: UnitCode, _ comment: String) async throws -> Set<String> {
        #expect(try await store.verifyFindings().map(\.description) == [], "\(comment)")
        var kinds: Set<String> = []
        for year in years {
            let period = Period.year(year)
            let evaluation = try await store.evaluator(for: period).evaluate(period: period, asOf: period.lastDay)
            let read = try await store.subtreeFindings(of: root, period: period, asOf: period.lastDay)
            #expect(read.map(\.description).sorted() == evaluation.findings.map(\.description).sorted(), "\(comment), \(period)")
            kinds.formUnion(read.map(\.code))
        }
        return kinds
    }

    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func findingsKeptByRandomWritesAcrossYearsEqualARecomputationAndTheEvaluator(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        var units = RankTests.tree(&random, size: 14)
        let indicators = MaintainedFigureTests.indicators
        let targets = units.filter { _ in random.int(in: 0...2) == 0 }.map { unit in
            let indicator = indicators[random.int(in: 0...(indicators.count - 1))]
            return Target(
                code: TargetCode(unchecked: "T-\(unit.code)-\(indicator.code)"), unit: unit.code, indicator: indicator.code, period: .year(2024),
                document: nil, bound: .atLeast(Decimal(random.int(in: 1...500))), basis: .absolute)
        }
        let root = UnitCode(unchecked: "R")
        try await TestDatabase.withStore { store async throws in
            try await MaintainedFigureTests.define(DataSet(units: units, indicators: indicators), in: store)
            var revisions: [ObservationKey: Int] = [:]
            var kinds: Set<String> = []
            // A few units with a steady history that states its change on the year before, so that later writes
            // of theirs, and corrections of their earlier years, move in and out of its range and change what the
            // next year's stated change is checked against. The merged unit and its successor are among them: a
            // correction of the merged unit's last year changes the change its successor states.
            let merged = try #require(units.first { $0.merger != nil })
            let parent = try #require(merged.parent)
            let others = units.map(\.code).filter { $0 != parent }
            let steady = [merged.code, merged.merger!.successor, others[random.int(in: 0...(others.count - 1))]]
            var history = ImportPlan()
            // Their parent states its change in even years only: in odd years its roll-up is what that change
            // is checked against, and a child's figure of an odd year changes the parent's finding a year later.
            for year in Self.years where year % 2 == 0 {
                var stating = Self.observation(
                    ObservationKey(unit: parent, indicator: indicators[0].code, period: .year(year)), revision: 1, indicator: indicators[0],
                    targets: [], &random)
                stating.claims = .init(comparisons: [ReportedComparison(basis: .yearEarlier, relation: .change, percent: 5, decimals: 0)], ranks: [])
                history.dataSet.observations.append(stating)
                revisions[stating.key] = 1
            }
            for unit in Set(steady) {
                for year in Self.years {
                    let key = ObservationKey(unit: unit, indicator: indicators[0].code, period: .year(year))
                    revisions[key] = 1
                    history.dataSet.observations.append(Observation(
                        key: key, revision: 1, figure: .value(Decimal(random.int(in: 1_000...1_100)) / 10), source: .init(kind: .entry, citation: "history"),
                        enteredBy: "tester", enteredAt: StoreTests.defaults.enteredAt, reason: nil,
                        claims: .init(comparisons: [ReportedComparison(basis: .yearEarlier, relation: .change, percent: Decimal(random.int(in: -3...3)), decimals: 0)], ranks: [])))
                }
            }
            try await store.apply(history)
            for round in 0..<8 {
                var plan = ImportPlan()
                // Targets arrive after figures that state a comparison with them; units are added midway.
                if round == 3 { plan.dataSet.targets = targets }
                // A new unit is one more report its parent expects wherever the parent has a roll-up.
                if round == 5 {
                    plan.dataSet.units = [root, units[random.int(in: 0...(units.count - 1))].code].enumerated().map { index, parent in
                        OrgUnit(code: UnitCode(unchecked: "N\(index)"), names: LocalizedText(["en": "N"]), level: Level("commune"), parent: parent)
                    }
                }
                // The merged unit's last year corrected alone: only its successor states a change on it.
                if round == 6 {
                    let key = ObservationKey(unit: merged.code, indicator: indicators[0].code, period: .year(2023))
                    revisions[key, default: 0] += 1
                    plan.dataSet.observations.append(Self.observation(key, revision: revisions[key]!, indicator: indicators[0], targets: [], &random))
                }
                for _ in 0..<random.int(in: 3...12) {
                    let onHistory = random.int(in: 0...2) == 0
                    let unit = onHistory ? steady[random.int(in: 0...2)] : units[random.int(in: 0...(units.count - 1))].code
                    let indicator = onHistory ? indicators[0] : indicators[random.int(in: 0...(indicators.count - 1))]
                    let key = ObservationKey(unit: unit, indicator: indicator.code, period: .year(Self.years[random.int(in: 0...(Self.years.count - 1))]))
                    guard !plan.dataSet.observations.contains(where: { $0.key == key }) else { continue }
                    let revision = (revisions[key] ?? 0) + 1
                    revisions[key] = revision
                    plan.dataSet.observations.append(Self.observation(key, revision: revision, indicator: indicator, targets: round >= 3 ? targets : [], &random))
                }
                try await store.apply(plan)
                units += plan.dataSet.units
                kinds.formUnion(try await Self.expectKeptFindings(store, root: root, "seed \(seed), round \(round)"))
            }
            #expect(kinds.isSuperset(of: ["missing_reports", "outside_history", "comparison_mismatch"]), "\(kinds)")
        }
    }

    /// Every kind kept reads back as it was written, with all of Decimal's digits where arithmetic gave them (a
    /// share's ratio, a weighted rate's roll-up: 38 digits, more than a figure entered may have); the kinds
    /// computed when read are never stored.
    @Test func aStoredFindingReadsBackExactly() throws {
        let third = Decimal(2) / Decimal(3) * 100
        #expect(third.exactText.count > 30, "a ratio with every digit Decimal holds")
        let key = ObservationKey(unit: UnitCode(unchecked: "BG"), indicator: IndicatorCode(unchecked: "grdp_growth"), period: .year(2024))
        let problems: [Finding.Problem] = [
            .rollupMismatch(own: .share(numerator: 159, denominator: 182), rollup: .value(third), reporting: 10),
            .rollupMismatch(own: .value(-1.5), rollup: .share(numerator: third, denominator: 7), reporting: 1),
            .missingReports(missing: [UnitCode(unchecked: "BG-01"), UnitCode(unchecked: "BG-02")], expected: 10),
            .outsideHistory(value: -third, low: 0.001, high: third, years: 9),
            .farFromPeers(value: third, low: -0.5, high: 7.25, peers: 62),
            .comparisonMismatch(reported: ReportedComparison(basis: .yearEarlier, relation: .change, percent: 14.5, decimals: 1), computedPercent: third),
            .comparisonMismatch(
                reported: ReportedComparison(basis: .target(TargetCode(unchecked: "381-T1")), relation: .percentOf, percent: 100, decimals: 0),
                computedPercent: -third),
        ]
        let findings = problems.map { Finding(key, $0) }
        let rows = try FindingRow.rows(findings)
        #expect(rows.map(\.position) == Array(0..<problems.count))
        #expect(try rows.map { try $0.finding() } == findings)
        #expect(throws: StoreError.self) { try FindingRow.rows([Finding(key, .rankMismatch(peers: .level, reported: 1, computed: Rank(position: 2, of: 63, syntheticPeers: 0)))]) }
        var changed = rows[0]
        changed.detail = #"{"own":"1","reporting":3}"#
        #expect(throws: StoreError.self) { try changed.finding() }
    }

    /// A nation's ten years come in batches that mark their periods instead of each recomputing the same parents;
    /// the import recomputes them at its end, also when a batch stops it and the batches before it stay.
    @Test func aBatchedImportRecomputesItsPeriodsOnceAtItsEndEvenWhenABatchStopsIt() async throws {
        var random = SeededGenerator(seed: 7)
        let units = RankTests.tree(&random, size: 12)
        let indicators = MaintainedFigureTests.indicators.filter { $0.kind != .share }
        try await TestDatabase.withStore { store async throws in
            try await MaintainedFigureTests.define(DataSet(units: units, indicators: indicators), in: store)
            var batches = Self.years.map { year in
                let observations = units.filter { _ in random.int(in: 0...1) == 0 }.map { unit in
                    Self.observation(ObservationKey(unit: unit.code, indicator: indicators[0].code, period: .year(year)), revision: 1, indicator: indicators[0], targets: [], &random)
                }
                return LocatedDataSet(DataSet(observations: observations), file: "batch \(year)")
            }
            // The last batch names a unit that does not exist: the import stops there.
            batches[batches.count - 1] = LocatedDataSet(DataSet(observations: [Self.observation(
                ObservationKey(unit: UnitCode(unchecked: "NOWHERE"), indicator: indicators[0].code, period: .year(2024)), revision: 1,
                indicator: indicators[0], targets: [], &random)]), file: "bad batch")
            var iterator = batches.makeIterator()
            await #expect(throws: (any Error).self) { try await store.importBatches({ iterator.next() }) }
            #expect(try await store.staleFindingPeriods().isEmpty)
            #expect(try await store.observations(periods: [.year(2023)]).count > 0, "the batches before the bad one stay")
            let kinds = try await Self.expectKeptFindings(store, root: UnitCode(unchecked: "R"), "after the import")
            #expect(kinds.contains("missing_reports"))
        }
    }

    /// A period left stale (an import killed before its end) reads its findings computed, verify names it, and a
    /// rebuild recomputes it; a stored finding changed outside Stocktake is a difference too.
    @Test func aStalePeriodOrAChangedFindingIsWhatVerifyNamesAndARebuildMends() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            #expect(try await store.verifyFindings().isEmpty)
            let root = UnitCode(unchecked: "BG")
            let asOf = Period.year(2024).lastDay
            let before = try await store.subtreeFindings(of: root, period: .year(2024), asOf: asOf)
            #expect(!before.isEmpty, "the sample has findings")
            try await store.sql.delete(from: "unit_findings").run()
            try await store.sql.insert(into: "stale_findings").columns("period").values(SQLBind("2024")).run()
            #expect(try await store.subtreeFindings(of: root, period: .year(2024), asOf: asOf) == before, "a stale period reads computed")
            let differences = try await store.verifyFindings().map(\.description)
            #expect(differences.first == "2024: findings left to recompute by an unfinished import")
            #expect(differences.count > 1, "the deleted findings are differences too")
            _ = try await store.transaction { try await $0.rebuildFindings() }
            #expect(try await store.verifyFindings().isEmpty)
            #expect(try await store.subtreeFindings(of: root, period: .year(2024), asOf: asOf) == before)

            try await store.sql.update("unit_findings").set("detail", to: #"{"expected":99,"missing":[]}"#).where("kind", .equal, "missing_reports").run()
            let changed = try await store.verifyFindings()
            #expect(!changed.isEmpty && changed.allSatisfy { $0.description.contains("stored") && $0.description.contains("0 of 99") }, "\(changed)")
            _ = try await store.transaction { try await $0.rebuildFindings() }

            // A row that does not read is skipped by the read, which still gives every other finding, and named
            // by verify; a rebuild mends it.
            let row = try #require(try await store.sql.select().columns("unit_code", "indicator_code").from("unit_findings")
                .where("period", .equal, "2024").limit(1).first(decoding: UnitIndicatorRow.self, with: SQLRowDecoder()))
            let unit = UnitCode(unchecked: row.unitCode)
            let whole = try await store.subtreeFindings(of: unit, period: .year(2024), asOf: asOf)
            try await store.sql.update("unit_findings").set("detail", to: "{not json").where("period", .equal, "2024")
                .where("unit_code", .equal, row.unitCode).where("indicator_code", .equal, row.indicatorCode).run()
            let read = try await store.subtreeFindings(of: unit, period: .year(2024), asOf: asOf)
            #expect(Set(read.map(\.description)).isSubset(of: Set(whole.map(\.description))) && read.count < whole.count)
            let unreadable = try await store.verifyFindings().map(\.description)
            #expect(unreadable.contains { $0.hasPrefix("\(row.unitCode)/2024: a stored finding does not read: \(row.unitCode)/\(row.indicatorCode)/2024 #") }, "\(unreadable)")
            _ = try await store.transaction { try await $0.rebuildFindings() }
            #expect(try await store.verifyFindings().isEmpty)
            #expect(try await store.subtreeFindings(of: unit, period: .year(2024), asOf: asOf) == whole)
        }
    }

    /// A rate is judged against the units beside it: one district's slip is a stored finding; correcting it, or
    /// a slip of another district, changes the findings of districts not written, and every step equals a
    /// recomputation and the whole evaluation. A new district without figures changes no peer's finding.
    @Test func aWriteKeepsTheFindingsOfTheUnitsBesideIt() async throws {
        try await TestDatabase.withStore { store async throws in
            let districts = (1...8).map { "D\($0)" }
            let typed: [Decimal] = [3.1, 3.4, 2.9, 3.6, 3.2, 3.8, 3.3, 35]
            try await MaintainedFigureTests.define(DataSet(
                units: [Fix.unit("P")] + districts.map { Fix.unit($0, level: .district, parent: "P") },
                indicators: [Fix.indicator("cpi", .rate, decimals: 1), Fix.indicator("nr", .share)]), in: store)
            func write(_ observations: [Observation], units: [OrgUnit] = []) async throws {
                var plan = ImportPlan()
                plan.dataSet.observations = observations
                plan.dataSet.units = units
                try await store.apply(plan)
            }
            func peerFindings() async throws -> [String] {
                try await store.subtreeFindings(of: UnitCode(unchecked: "P"), period: .year(2024), asOf: Fix.day("2025-03-01"))
                    .filter { $0.code == "far_from_peers" }.map(\.subject)
            }
            // The slip first, one district a write after it: only the writes of the districts beside it find it.
            for (district, value) in zip(districts, typed).reversed() { try await write([Fix.obs(district, "cpi", value)]) }
            #expect(try await peerFindings() == ["D8/cpi/2024"])
            _ = try await Self.expectKeptFindings(store, root: UnitCode(unchecked: "P"), "the slip")
            try await write([Fix.obs("D8", "cpi", 3.5, revision: 2, reason: "decimal point")])
            #expect(try await peerFindings() == [])
            try await write([Fix.obs("D2", "cpi", 34, revision: 2, reason: "recounted")], units: [Fix.unit("D9", level: .district, parent: "P")])
            #expect(try await peerFindings() == ["D2/cpi/2024"])
            _ = try await Self.expectKeptFindings(store, root: UnitCode(unchecked: "P"), "another slip")
            // Shares too: communes meeting a standard, one of them a hundred times the others' share.
            try await write(zip(districts, [12, 14, 11, 13, 15, 12, 14, 1300] as [Decimal]).map { Fix.share($0, "nr", $1, 100) })
            #expect(try await peerFindings() == ["D2/cpi/2024", "D8/nr/2024"])
            _ = try await Self.expectKeptFindings(store, root: UnitCode(unchecked: "P"), "a share")
            // A district's other findings on the indicator stay when a district beside it is written: D3's own share
            // against its communes' roll-up.
            try await write(
                [Fix.share("C1", "nr", 50, 100), Fix.share("C2", "nr", 50, 100)],
                units: ["C1", "C2"].map { Fix.unit($0, level: .commune, parent: "D3") })
            try await write([Fix.share("D8", "nr", 13, 100)].map { var o = $0; o.revision = 2; o.reason = "a slip"; return o })
            let d3 = try await store.subtreeFindings(of: UnitCode(unchecked: "D3"), period: .year(2024), asOf: Fix.day("2025-03-01"))
            #expect(d3.map(\.code) == ["rollup_mismatch"], "\(d3)")
            #expect(try await peerFindings() == ["D2/cpi/2024"])
            _ = try await Self.expectKeptFindings(store, root: UnitCode(unchecked: "P"), "a district with communes")
        }
    }
}
