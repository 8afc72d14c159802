import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Add synthetic peers so that stored units can be ranked.",
        discussion: """
            Fills the province level up to Vietnam's 63 provinces in 6 regions with units marked synthetic, and \
            gives every peer without a figure a synthetic one, for each indicator whose stored figure carries a \
            reported rank, so that the computed ranks equal the reported ones. The same seed gives the same data. \
            Everything generated is marked synthetic in the data and in every output.
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(help: "The period to generate figures for.")
    var period: String = "2024"

    @Option(help: "The random seed; the same seed gives the same data.")
    var seed: UInt64 = 1

    @Option(help: "Write the generated data set to this JSON file instead of importing it.")
    var out: String?

    func run() async throws {
        let period = try parsePeriod(period)
        try await options.withStore { store in
            let snapshot = try await store.snapshot(for: period, historyYears: 0)
            let generated = try PeerGenerator(seed: seed, enteredAt: Date(timeIntervalSince1970: 0)).generate(for: snapshot, period: period)
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: DataSetJSON.write(generated)) else {
                    throw ValidationError("cannot write '\(out)'")
                }
                print("Wrote \(generated.units.count) synthetic units and \(generated.observations.count) synthetic figures to \(out)")
                return
            }
            var input = LocatedDataSet(file: "stocktake generate --seed \(seed)")
            input.units = generated.units.enumerated().map { Located($1, at: .path("$.units[\($0)]")) }
            input.observations = generated.observations.enumerated().map { Located(PendingObservation($1, revision: nil), at: .path("$.observations[\($0)]")) }
            let plan = try await store.importChecked(input)
            print("Generated \(plan.dataSet.units.count) synthetic units and \(plan.dataSet.observations.count) synthetic figures for \(period) (seed \(seed)); \(plan.unchanged) were already there.")
        }
    }
}

func parsePeriod(_ text: String) throws -> Period {
    do { return try Period(parsing: text) } catch { throw ValidationError("--period \(error)") }
}
