import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate synthetic data: a national data set (--scale), or peers for the stored units' ranks.",
        discussion: """
            With --scale small|province|nation: writes a deterministic data set into the database, streamed in \
            batches with progress: the 63 provinces with their real names and regions, districts, communes and \
            organizations in the national proportions (nation: ~700, ~10,600, ~52,000), about 100 indicators of \
            all four kinds, yearly targets set by documents, key tasks, ten years of observations with some \
            corrections, and some merged units. Every figure is synthetic.

            Without --scale: fills the province level up to Vietnam's 63 provinces in 6 regions with units marked \
            synthetic, and gives every peer without a figure a synthetic one, for each indicator whose stored \
            figure carries a reported rank, so that the computed ranks equal the reported ones.

            The same seed gives the same data. Everything generated is marked synthetic in the data and in every \
            output.
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(help: "Generate a whole data set of this size: small, province or nation.")
    var scale: NationalGenerator.Scale?

    @Option(help: "With --scale: the first year of observations.")
    var firstYear = 2015

    @Option(help: "With --scale: how many years of observations.")
    var years = 10

    @Option(help: "Without --scale: the period to generate peer figures for.")
    var period: String = "2024"

    @Option(help: "The random seed; the same seed gives the same data.")
    var seed: UInt64 = 1

    @Option(help: "Without --scale: write the generated peers to this JSON file instead of importing them.")
    var out: String?

    func validate() throws {
        if scale != nil && out != nil { throw ValidationError("--out goes with peer generation, not with --scale") }
        if !(1...50).contains(years) { throw ValidationError("--years \(years): expected 1 to 50") }
    }

    func run() async throws {
        if let scale {
            try await generateNation(scale)
        } else {
            try await generatePeers()
        }
    }

    func generateNation(_ scale: NationalGenerator.Scale) async throws {
        let generator = NationalGenerator(scale: scale, seed: seed, firstYear: firstYear, years: years)
        try await options.withStore(create: true) { store in
            let definitions = generator.definitions()
            let plan = try await store.importChecked(LocatedDataSet(definitions, file: "generated definitions"))
            print("Definitions: \(definitions.units.count) units, \(definitions.indicators.count) indicators, \(definitions.documents.count) documents, \(definitions.targets.count) targets, \(definitions.tasks.count) tasks (\(plan.unchanged) already stored)")
            var progress = Progress("Observations", total: generator.estimatedObservationsPerYear * years)
            var year = firstYear
            var pending: [Observation] = []
            // Batches of whole units, about 20,000 observations each, a year at a time.
            let next: () -> LocatedDataSet? = {
                if pending.isEmpty {
                    guard year <= generator.lastYear else { return nil }
                    pending = generator.observations(year: year)
                    year += 1
                }
                var cut = min(20_000, pending.count)
                while cut < pending.count && pending[cut].key.unit == pending[cut - 1].key.unit { cut += 1 }
                let batch = Array(pending[..<cut])
                pending.removeFirst(cut)
                return LocatedDataSet(DataSet(observations: batch), file: "generated observations")
            }
            let result = try await store.importBatches(next, progress: { progress.update($0) })
            progress.finish()
            print("Observations: \(result.imported) written, \(result.unchanged) already stored; \(scale.rawValue) scale, \(firstYear)–\(generator.lastYear), seed \(seed)")
        }
    }

    func generatePeers() async throws {
        let period = try parsePeriod(period)
        try await options.withStore(create: true) { store in
            let generated = try await peers(in: store, period: period, seed: seed)
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: DataSetJSON.write(generated)) else {
                    throw ValidationError("cannot write '\(out)'")
                }
                print("Wrote \(generated.units.count) synthetic units and \(generated.observations.count) synthetic figures to \(out)")
                return
            }
            let plan = try await store.importChecked(LocatedDataSet(generated, file: "stocktake generate --seed \(seed)"))
            print("Generated \(plan.dataSet.units.count) synthetic units and \(plan.dataSet.observations.count) synthetic figures for \(period) (seed \(seed)); \(plan.unchanged) were already there.")
        }
    }
}

extension NationalGenerator.Scale: ExpressibleByArgument {}

/// Synthetic peers for the stored units' reported ranks in `period`. Their entry time is fixed, so that the same
/// seed gives identical records and generating twice changes nothing.
func peers(in store: Store, period: Period, seed: UInt64) async throws -> DataSet {
    try PeerGenerator(seed: seed, enteredAt: Date(timeIntervalSince1970: 0)).generate(for: try await store.snapshot(for: period), period: period)
}

func parsePeriod(_ text: String) throws -> Period {
    do { return try Period(parsing: text) } catch { throw ValidationError("--period \(error)") }
}
