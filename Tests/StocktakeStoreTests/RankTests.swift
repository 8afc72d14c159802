import Foundation
import SQLKit
import Testing
@testable import StocktakeCore
@testable import StocktakeStore
import StocktakeTestSupport

/// Ranks the database counts over the maintained figures equal the in-memory evaluator's, and the bytes they
/// are counted by sort as the decimals do.
@Suite struct RankTests {
    /// Decimals of every shape a figure or a roll-up takes: zero, negatives, fractions, 24-digit figures,
    /// quotients with all of Decimal's digits, and the same value written two ways.
    static func decimal(_ random: inout SeededGenerator) -> Decimal {
        let sign: Decimal = random.int(in: 0...2) == 0 ? -1 : 1
        switch random.int(in: 0...5) {
        case 0: return 0
        case 1: return sign * Decimal(random.int(in: 0...12))
        case 2: return sign * Decimal(random.int(in: 0...99_999)) / 1000
        case 3: return sign * Decimal(string: "\(random.int(in: 1...999_999_999_999))\(random.int(in: 100_000_000_000...999_999_999_999))")!
        case 4: return sign * Decimal(random.int(in: 1...999)) / Decimal(random.int(in: 1...999))
        default: return sign * Decimal(string: "1.\(String(repeating: "0", count: random.int(in: 0...3)))")! * Decimal(random.int(in: 1...3))
        }
    }

    @Test func orderKeysSortAsTheDecimalsDo() throws {
        var random = SeededGenerator(seed: 7)
        let values = (0..<400).map { _ in Self.decimal(&random) } + [Decimal(string: "1.20")!, Decimal(string: "1.2")!, -1.2, -1.23, 1.23, 0.001, -0.001]
        let keys = values.map { OrderKey.bytes($0) }
        for (a, keyA) in zip(values, keys) {
            let keyA = try #require(keyA, "\(a)")
            for (b, keyB) in zip(values, keys) {
                let keyB = try #require(keyB)
                let bytes = keyA.lexicographicallyPrecedes(keyB) ? -1 : keyB.lexicographicallyPrecedes(keyA) ? 1 : 0
                let numbers = a < b ? -1 : b < a ? 1 : 0
                #expect(bytes == numbers, "\(a) vs \(b)")
            }
        }
    }

    static let indicators = [
        MaintainedFigureTests.indicator("rev", .amount, decimals: 1), MaintainedFigureTests.indicator("pop", .count),
        MaintainedFigureTests.indicator("nr", .share), MaintainedFigureTests.indicator("gr", .rate, weight: "pop"),
        Indicator(
            code: IndicatorCode(unchecked: "cpi"), names: LocalizedText(["en": "cpi"]), measure: LocalizedText(["en": "%"]), kind: .rate,
            better: .lower, decimals: 2),
        Indicator(
            code: IndicatorCode(unchecked: "debt"), names: LocalizedText(["en": "debt"]), measure: LocalizedText(["en": "u"]), kind: .amount,
            better: .lower, decimals: 1),
    ]

    /// A random tree (``MaintainedFigureTests/tree(_:size:)``) whose units below the root are districts or
    /// communes at random, some synthetic, most in a region.
    static func tree(_ random: inout SeededGenerator, size: Int) -> [OrgUnit] {
        var units = MaintainedFigureTests.tree(&random, size: size)
        for index in units.indices.dropFirst() {
            units[index].level = Level(random.int(in: 0...1) == 0 ? "district" : "commune")
            if random.int(in: 0...6) == 0 { units[index].origin = .synthetic }
            if random.int(in: 0...3) > 0 { units[index].groups[GroupKind("region")] = random.int(in: 0...1) == 0 ? "north" : "south" }
        }
        return units
    }

    /// A random tree of two levels mixed under random parents, a merged unit, and synthetic units; random figures
    /// (many ties among counts, negative rates) and corrections written in batches.
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func databaseRanksEqualTheEvaluators(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let units = Self.tree(&random, size: 40)
        try await TestDatabase.withStore { store async throws in
            try await MaintainedFigureTests.define(DataSet(units: units, indicators: Self.indicators), in: store)
            let all = try await MaintainedFigureTests.writeRandomly(store, writes: 6, random: &random) { random in
                units.filter { _ in random.int(in: 0...2) > 0 }.map { unit in
                    let indicator = Self.indicators[random.int(in: 0...(Self.indicators.count - 1))]
                    let key = ObservationKey(unit: unit.code, indicator: indicator.code, period: MaintainedFigureTests.periods[random.int(in: 0...1)])
                    // Few values, so that ties are common on a lower-is-better amount.
                    return (key, indicator.code.rawValue == "debt" ? .value(Decimal(random.int(in: 0...4))) : MaintainedFigureTests.figure(indicator, &random))
                }
            }
            #expect(try await store.verifyFigures().map(\.description) == [])

            let tree = UnitTree(units)
            var compared = 0
            var ties = 0
            for period in MaintainedFigureTests.periods {
                let evaluation = Evaluator(DataSet(units: units, indicators: Self.indicators, observations: all)).evaluate(period: period, asOf: period.lastDay)
                func expected(_ indicator: Indicator, _ scope: PeerScope, _ units: [OrgUnit]) -> [UnitCode: Rank] {
                    var result: [UnitCode: Rank] = [:]
                    for unit in units { result[unit.code] = evaluation.ranks(for: ObservationKey(unit: unit.code, indicator: indicator.code, period: period))[scope] }
                    return result
                }
                func ranks(_ ranked: [RankedFigure]) -> [UnitCode: Rank] { Dictionary(uniqueKeysWithValues: ranked.map { ($0.unit, $0.rank) }) }
                for indicator in Self.indicators {
                    for scope in tree.peerScopes {
                        // Every peer group of the scope at once.
                        let ranked = try await store.ranking(of: indicator, period: period, among: scope)
                        #expect(ranks(ranked) == expected(indicator, scope, units), "\(period) \(indicator.code) \(scope)")
                        #expect(ranked.map(\.rank.position) == ranked.map(\.rank.position).sorted(), "best first")
                        compared += ranked.count
                        ties += ranked.count - Set(ranked.map { "\($0.rank.position)/\($0.rank.of)" }).count
                        // One unit's peer group.
                        for unit in units.prefix(8) {
                            let peers = units.filter { Ranking.peerGroup(of: $0, in: scope) == Ranking.peerGroup(of: unit, in: scope) && Ranking.peerGroup(of: unit, in: scope) != nil }
                            let ranked = try await store.ranking(of: indicator, period: period, among: scope, peersOf: unit)
                            #expect(ranks(ranked) == expected(indicator, scope, peers), "\(period) \(indicator.code) \(scope) of \(unit.code)")
                        }
                    }
                    // One level nationwide, as the API asks.
                    let district = try await store.ranking(of: indicator, period: period, level: Level("district"))
                    #expect(ranks(district) == expected(indicator, .level, units.filter { $0.level == Level("district") }))
                }
            }
            #expect(compared > 100)
            #expect(ties > 0, "the random figures tie somewhere")
        }
    }
}

extension RankTests {
    @Test func verifyFindsRankColumnsThatNoLongerMatchTheFigureOrItsUnit() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            let stale = ["BG/grdp_growth/2024: the columns peers are ranked by do not match the stored figure and its unit"]
            // 0.19 × 10^0: not the 13.85 the row holds; a level the province does not have; a real figure marked synthetic.
            let mutations: [(String, any Encodable & Sendable)] = [
                ("rank_key", Data([0xC0, 0x80, 0x00, 0x31, 0x39])), ("peer_level", "district"), ("peer_synthetic", 1),
            ]
            for (column, value) in mutations {
                try await store.sql.update("unit_figures").set(column, to: value).where("unit_code", .equal, "BG")
                    .where("indicator_code", .equal, "grdp_growth").run()
                #expect(try await store.verifyFigures().map(\.description) == stale, "\(column)")
                _ = try await store.transaction { try await $0.rebuildFigures() }
                #expect(try await store.verifyFigures().isEmpty)
            }
        }
    }
}
