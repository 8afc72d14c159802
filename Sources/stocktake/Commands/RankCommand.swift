import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

struct RankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank units on an indicator for a period, among peers of the same level, parent or group.",
        discussion: "Ties share a rank (1, 2, 2, 4). Units with synthetic figures are marked.")

    @OptionGroup var options: DatabaseOptions

    @Option(help: "The indicator's code, e.g. grdp_growth.")
    var indicator: String

    @Option(help: "The period: 2024, 2024Q1, 2024-03 or 2020/2025.")
    var period: String

    @Option(help: "level (same level nationwide), parent (same parent) or group:KIND (e.g. group:region).")
    var among: String = "level"

    @Option(help: "Show only the peers of this unit.")
    var unit: String?

    @Option(help: "table or json.")
    var format: OutputFormat = .table

    func run() async throws {
        let period = try parsePeriod(period)
        let scope: PeerScope
        do { scope = try PeerScope(parsing: among) } catch { throw ValidationError("--among \(error)") }
        try await options.withStore { store in
            let evaluator = try await store.evaluator(for: period)
            guard let indicator = IndicatorCode(validating: indicator).flatMap({ evaluator.indicators[$0] }) else {
                throw ValidationError("--indicator '\(self.indicator)' is not a stored indicator: expected one of \(evaluator.indicators.keys.sorted().map(\.rawValue).joined(separator: ", "))")
            }
            let evaluation = evaluator.evaluate(period: period, asOf: period.lastDay)
            var entries: [(result: IndicatorResult, rank: Rank)] = evaluation.results.values.compactMap { result in
                guard result.indicator == indicator.code, let rank = evaluation.ranks(for: result.key)[scope] else { return nil }
                return (result, rank)
            }
            if let unit {
                guard let anchor = UnitCode(validating: unit).flatMap({ evaluator.tree[$0] }) else {
                    throw ValidationError("--unit '\(unit)' is not a stored unit")
                }
                let group = Ranking.peerGroup(of: anchor, in: scope)
                entries = entries.filter { evaluator.tree[$0.result.unit].flatMap { Ranking.peerGroup(of: $0, in: scope) } == group }
            }
            entries.sort { ($0.rank.position, $0.result.unit) < ($1.rank.position, $1.result.unit) }
            if format == .json {
                let items: [JSONValue] = entries.map { r, rank in
                    .object([
                        "unit": .string(r.unit.rawValue), "rank": .number(Decimal(rank.position)), "of": .number(Decimal(rank.of)),
                        "value": .string(r.actual?.measured.rounded(10).exactText ?? ""), "synthetic": .bool(r.isSynthetic),
                    ])
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(JSONValue.array(items)), as: UTF8.self))
                return
            }
            print("\(indicator.names["en"]), \(period), among \(scope) peers (better: \(indicator.better.rawValue))")
            var table = TextTable(["Rank", "Unit", "Name", "Group", "Value", "Data"], rightAligned: [0, 4])
            for (r, rank) in entries {
                let unit = evaluator.tree[r.unit]!
                let group = Ranking.peerGroup(of: unit, in: scope)?.split(separator: "|").last.map(String.init) ?? ""
                table.add([
                    "\(rank.position) of \(rank.of)", r.unit.rawValue, unit.names["en"], group,
                    r.actual.map { FigureFormatter.english.figure($0, indicator: indicator) } ?? "", r.isSynthetic ? "SYNTHETIC" : "recorded",
                ])
            }
            print(table.render())
        }
    }
}
