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

    /// Ranked by the database over the maintained figures (`Store.ranking`), as the API ranks: the period is not
    /// evaluated.
    func run() async throws {
        let period = try parsePeriod(period)
        let scope: PeerScope
        do { scope = try PeerScope(parsing: among) } catch { throw ValidationError("--among \(error)") }
        try await options.withStore { store in
            let indicators = try await store.indicators()
            guard let indicator = IndicatorCode(validating: indicator).flatMap({ code in indicators.first { $0.code == code } }) else {
                throw ValidationError("--indicator '\(self.indicator)' is not a stored indicator: expected one of \(indicators.map(\.code.rawValue).joined(separator: ", "))")
            }
            var anchor: OrgUnit?
            if let unit {
                guard let code = UnitCode(validating: unit), let found = try await store.units(codes: [code]).first else {
                    throw ValidationError("--unit '\(unit)' is not a stored unit")
                }
                anchor = found
            }
            let entries = try await store.ranking(of: indicator, period: period, among: scope, peersOf: anchor)
            if format == .json {
                let items: [JSONValue] = entries.map { entry in
                    .object([
                        "unit": .string(entry.unit.rawValue), "rank": .number(Decimal(entry.rank.position)), "of": .number(Decimal(entry.rank.of)),
                        "value": .string(entry.figure.actual?.measured.rounded(10).exactText ?? ""), "synthetic": .bool(entry.figure.isSynthetic),
                    ])
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(JSONValue.array(items)), as: UTF8.self))
                return
            }
            let units = try await store.unitsByCode(entries.map(\.unit))
            print("\(indicator.names["en"]), \(period), among \(scope) peers (better: \(indicator.better.rawValue))")
            var table = TextTable(["Rank", "Unit", "Name", "Group", "Value", "Data"], rightAligned: [0, 4])
            for entry in entries {
                let unit = units[entry.unit]
                let group = unit.flatMap { Ranking.peerGroup(of: $0, in: scope) }?.split(separator: "|").last.map(String.init) ?? ""
                table.add([
                    "\(entry.rank.position) of \(entry.rank.of)", entry.unit.rawValue, unit?.names["en"] ?? "", group,
                    entry.figure.actual.map { FigureFormatter.english.figure($0, indicator: indicator) } ?? "",
                    entry.figure.isSynthetic ? "SYNTHETIC" : "recorded",
                ])
            }
            print(table.render())
        }
    }
}
