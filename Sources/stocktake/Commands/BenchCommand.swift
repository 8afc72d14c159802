import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

/// The benchmarks: `stocktake bench` measures the national evaluation (the default), `stocktake bench check` the
/// figure check.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Stocktake's performance goals (build with -c release).",
        subcommands: [BenchNationalCommand.self, BenchCheckCommand.self],
        defaultSubcommand: BenchNationalCommand.self)

    /// The median wall time of `times` runs, in seconds.
    static func measure(_ times: Int, _ body: () async throws -> Void) async throws -> Double {
        var timings: [Double] = []
        for _ in 0..<max(1, times) {
            let started = DispatchTime.now().uptimeNanoseconds
            try await body()
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        return timings.sorted()[timings.count / 2]
    }
}

struct BenchNationalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "national",
        abstract: "Measure evaluation, incremental updates and bulk import against physical baselines (build with -c release).",
        discussion: """
            Runs on a database filled by `stocktake generate --scale …` and reports each figure with its baseline \
            measured in the same run on the same rows: national evaluation of one year against a raw GROUP BY over \
            the rows it reads; an incremental update after one new observation; bulk import of observations against \
            a raw insert loop of prepared statements in one transaction; peak memory. The rows the import \
            measurements write are removed afterwards.
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(help: "The year to evaluate.")
    var period: String = "2024"

    @Option(help: "How many times each measurement runs; the median is reported.")
    var repeats = 3

    @Option(help: "How many observations the import measurements write.")
    var importRows = 50_000

    @Flag(help: "Measure only the maintained figures (writes, rebuild, verify), so that peak memory is theirs alone.")
    var figuresOnly = false

    @Flag(help: "Measure only the national evaluation and its incremental updates, so that peak memory is theirs alone.")
    var evaluationOnly = false

    @Flag(help: "Measure only the rankings from the database, which read the maintained figures and write nothing.")
    var rankingsOnly = false

    @Flag(help: "Measure only one unit's evaluation read from the store, a unit of each level, and its subtree's findings.")
    var unitsOnly = false

    @Option(help: "With --units-only: also evaluate the whole period and compare this many random units' reviews read from the store with it; differences fail the run.")
    var compareUnits = 0

    func run() async throws {
        let period = try parsePeriod(period)
        try await options.withStore { store in
            let counts = try await store.rowCounts()
            print("Database: \(store.location) (\(store.engine.rawValue)), \(counts["units"] ?? 0) units, \(counts["indicators"] ?? 0) indicators, \(counts["observations"] ?? 0) observations")
            if rankingsOnly {
                _ = try await benchRanking(store, period: period)
                return
            }
            if unitsOnly {
                try await benchUnits(store, period: period)
                return
            }
            let ranking = evaluationOnly ? nil : try await benchFigures(store, period: period)
            if figuresOnly { return }

            // 1. National evaluation against a raw GROUP BY over the same rows.
            let periods = [period] + History.periods(before: period)
            let rows = try await store.observationRowCount(periods: periods)
            var evaluation: Evaluation?
            var evaluator: Evaluator?
            var parts: [String: Double] = [:]
            let evaluate = try await BenchCommand.measure(repeats) {
                var started = DispatchTime.now().uptimeNanoseconds
                func lap(_ name: String) {
                    let now = DispatchTime.now().uptimeNanoseconds
                    parts[name] = Double(now - started) / 1e9
                    started = now
                }
                let snapshot = try await store.snapshot(for: period)
                lap("read the year and the year before")
                let history = try await store.history(before: period)
                lap("stream ten earlier years' ranges")
                let built = Evaluator(snapshot, history: history)
                evaluation = built.evaluate(period: period, asOf: period.lastDay)
                lap("evaluate")
                evaluator = built
            }
            let groupBy = try await BenchCommand.measure(repeats) {
                try await store.baselineSumsByIndicator(periods: periods)
            }
            let peak = peakMemory()
            print("")
            print("National evaluation of \(period): \(evaluation?.results.count ?? 0) results, \(evaluation?.findings.count ?? 0) findings, over \(rows) rows of \(periods.count) years")
            print(String(format: "  evaluation      %8.3f s", evaluate))
            for (name, seconds) in parts.sorted(by: { $0.value > $1.value }) { print(String(format: "    %7.3f s  %@", seconds, name)) }
            print(String(format: "  raw GROUP BY    %8.3f s", groupBy))
            print(String(format: "  ratio           %8.2f ×   (goal ≤ 2×: %@)", evaluate / groupBy, evaluate / groupBy <= 2 ? "met" : "missed"))
            print(String(format: "  peak memory     %8.0f MiB (goal < 2048 MiB: %@)", peak, peak < 2048 ? "met" : "missed"))
            if let ranking {
                print(String(format: "  one ranking of a level from the database (above): %.1f ms, 1/%.0f of the evaluation it needed before", ranking * 1000, evaluate / ranking))
            }

            // 2. Incremental update after one new observation, at the lowest level that reports. The evaluation
            // is moved out of the optional first, so that updates change it in place rather than copy it.
            if var evaluation = evaluation.take(), let evaluator {
                let candidates = evaluation.results.values.compactMap(\.own).filter { $0.figure.measured > 0 }.sorted { $0.key < $1.key }
                var random = SeededGenerator(seed: 7)
                var timings: [Double] = []
                for _ in 0..<min(200, candidates.count) {
                    var observation = candidates[random.int(in: 0...(candidates.count - 1))]
                    let current = evaluation.results[observation.key]?.own?.revision ?? observation.revision
                    observation.revision = current + 1
                    observation.reason = "benchmark correction"
                    observation.figure = observation.figure.scaled(by: Decimal(random.int(in: 900...1100)) / 1000)
                    let started = DispatchTime.now().uptimeNanoseconds
                    evaluator.update(&evaluation, with: observation)
                    timings.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
                }
                timings.sort()
                if !timings.isEmpty {
                    let median = timings[timings.count / 2]
                    let p99 = timings[min(timings.count - 1, timings.count * 99 / 100)]
                    print("")
                    print("Incremental update after one new observation (\(timings.count) updates, unit and ancestors):")
                    print(String(format: "  median %.3f ms, p99 %.3f ms (goal < 10 ms: %@); full evaluation %.0f ms, %.0f× the median", median, p99, p99 < 10 ? "met" : "missed", evaluate * 1000, evaluate * 1000 / median))
                }
            }

            // 3. Bulk import against a raw prepared-statement insert loop, same rows, one transaction each.
            if !evaluationOnly { try await benchImport(store, from: period) }
        }
    }

    /// Writes of one figure with the maintained figures updated in the same transaction, then a rebuild of
    /// every maintained figure against a raw GROUP BY of all observations, then a verification.
    /// Returns the median time of one ranking from the database, to compare with the evaluation.
    func benchFigures(_ store: Store, period: Period) async throws -> Double? {
        let keys = try await store.firstRevisionKeys(period: period)
        var random = SeededGenerator(seed: 11)
        var timings: [Double] = []
        let citation = "benchmark write"
        for _ in 0..<min(200, keys.count) {
            let pick = keys[random.int(in: 0...(keys.count - 1))]
            let key = pick
            guard var observation = try await store.history(of: key).last else { continue }
            observation.revision += 1
            observation.reason = "benchmark correction"
            observation.source = .init(kind: .entry, citation: citation)
            observation.claims = .init()
            // Whole numbers, so that a count stays a count; the import checks the figure as it would any other.
            observation.figure = switch observation.figure.scaled(by: Decimal(random.int(in: 900...1100)) / 1000) {
            case .value(let v): .value(v.rounded(0) + 1)
            case let share: share
            }
            let started = DispatchTime.now().uptimeNanoseconds
            try await store.importChecked(LocatedDataSet(DataSet(observations: [observation]), file: "bench"))
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
        }
        timings.sort()
        if !timings.isEmpty {
            print("")
            print("One figure written with the maintained figures of its unit and ancestors (\(timings.count) corrections of \(period)):")
            let p99 = timings[min(timings.count - 1, timings.count * 99 / 100)]
            print(String(format: "  median %.2f ms, p99 %.2f ms (goal p99 < 50 ms: %@)", timings[timings.count / 2], p99, p99 < 50 ? "met" : "missed"))
        }
        // The corrections go again, and the rebuild below brings the maintained figures back to match.
        try await store.removeBenchmarkRows(citation: citation)
        var written = 0
        let rebuild = try await BenchCommand.measure(repeats) {
            written = try await store.transaction { try await $0.rebuildFigures() }
        }
        let groupBy = try await BenchCommand.measure(repeats) {
            try await store.baselineSumsByFigure()
        }
        var differences = 0
        let verify = try await BenchCommand.measure(1) { differences = try await store.verifyFigures().count }
        print("")
        print("Rebuild of every maintained figure (\(written) rows, every period):")
        print(String(format: "  rebuild         %8.3f s", rebuild))
        print(String(format: "  raw GROUP BY    %8.3f s   (the observations by unit, indicator and period)", groupBy))
        print(String(format: "  ratio           %8.2f ×   (goal ≤ 1.5×: %@)", rebuild / groupBy, rebuild / groupBy <= 1.5 ? "met" : "missed"))
        print(String(format: "  verify          %8.3f s   (%d differences)", verify, differences))
        print(String(format: "  peak memory     %8.0f MiB", peakMemory()))
        return try await benchRanking(store, period: period)
    }

    /// Every indicator of `period` ranked over the level with the most units, by the database's window functions,
    /// against a plain read of the same rows in the same order.
    func benchRanking(_ store: Store, period: Period) async throws -> Double? {
        let units = try await store.units()
        let sizes = Dictionary(grouping: units, by: \.level).mapValues(\.count)
        guard let level = sizes.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) })?.key else { return nil }
        let indicators = try await store.indicators()
        var ranked = 0
        let ranking = try await BenchCommand.measure(repeats) {
            ranked = 0
            for indicator in indicators { ranked += try await store.ranking(of: indicator, period: period, level: level).count }
        }
        let plain = try await BenchCommand.measure(repeats) {
            for indicator in indicators {
                try await store.baselineRankedRows(period: period, indicator: indicator.code, level: level)
            }
        }
        guard !indicators.isEmpty else { return nil }
        let each = ranking / Double(indicators.count)
        print("")
        print("Rankings from the database: \(indicators.count) indicators over the \(sizes[level]!) units of level \(level) (\(ranked) ranked):")
        print(String(format: "  one ranking     %8.2f ms  (window functions over the maintained figures)", each * 1000))
        print(String(format: "  plain read      %8.2f ms  (the same rows in order, no ranks)", plain / Double(indicators.count) * 1000))
        print(String(format: "  ratio           %8.2f ×", ranking / plain))
        return each
    }

    /// One unit of each level (the first in code order, down the first children from the root) evaluated from the
    /// store, against a plain read of its maintained rows; then its subtree's findings streamed a batch at a time.
    func benchUnits(_ store: Store, period: Period) async throws {
        let asOf = period.lastDay
        var chain: [OrgUnit] = []
        var next = try await store.units().filter { $0.parent == nil }.min { $0.code < $1.code }
        while let unit = next {
            chain.append(unit)
            next = try await store.children(of: unit.code).min { $0.code < $1.code }
        }
        print("")
        print("One unit's evaluation from the store (\(period), as of \(asOf)), a unit of each level, median of \(repeats):")
        for unit in chain {
            var results = 0
            let review = try await BenchCommand.measure(repeats) {
                results = try await store.unitReview(of: unit.code, period: period, asOf: asOf)?.results.count ?? 0
            }
            let plain = try await BenchCommand.measure(repeats) {
                try await store.baselineUnitRows(unit: unit.code, period: period)
            }
            print(String(format: "  %@ %@: %d results in %.1f ms; its maintained rows alone %.2f ms (%.1f ×)",
                         unit.level.rawValue, unit.code.rawValue, results, review * 1000, plain * 1000, review / plain))
        }
        print("Findings of each one's subtree, read a batch of 500 units at a time (once each):")
        for unit in chain {
            var found = 0
            let seconds = try await BenchCommand.measure(1) {
                found = try await store.subtreeFindings(of: unit.code, period: period, asOf: asOf).count
            }
            print(String(format: "  %@ %@: %d findings in %.3f s", unit.level.rawValue, unit.code.rawValue, found, seconds))
        }
        print(String(format: "  peak memory %.0f MiB", peakMemory()))
        if compareUnits > 0 { try await compareReviews(store, period: period, asOf: asOf, chain: chain) }
    }

    /// `compareUnits` random units (and the chain above), each read from the store and compared with the whole
    /// evaluation of the period, and the findings of the whole tree: the unit read and the stored findings checked
    /// against the evaluator on a nation's data, not a test's.
    func compareReviews(_ store: Store, period: Period, asOf: CalendarDate, chain: [OrgUnit]) async throws {
        let started = DispatchTime.now().uptimeNanoseconds
        let evaluator = try await store.evaluator(for: period)
        let evaluation = evaluator.evaluate(period: period, asOf: asOf)
        let evaluated = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let codes = evaluator.tree.units.keys.sorted()
        var random = SeededGenerator(seed: 15)
        let sample = chain.map(\.code) + (0..<min(compareUnits, codes.count)).map { _ in codes[random.int(in: 0...(codes.count - 1))] }
        var differences: [String] = []
        var results = 0
        var levels: [Level: Int] = [:]
        for code in sample {
            guard let review = try await store.unitReview(of: code, period: period, asOf: asOf) else {
                differences.append("\(code): not read")
                continue
            }
            differences += evaluation.differences(from: review)
            results += review.results.count
            levels[review.unit.level, default: 0] += 1
        }
        // The stored findings of the whole tree, with those computed when read, against the evaluation's.
        if let root = chain.first {
            let read = Set(try await store.subtreeFindings(of: root.code, period: period, asOf: asOf).map(\.description))
            let evaluated = Set(evaluation.findings.map(\.description))
            differences += read.subtracting(evaluated).sorted().map { "only read: \($0)" } + evaluated.subtracting(read).sorted().map { "only evaluated: \($0)" }
            print("")
            print("Findings of \(root.code)'s subtree: \(read.count) read, \(evaluated.count) in the whole evaluation")
        }
        print("")
        print(String(format: "Compared with the whole evaluation (%.1f s): %d units (%@), %d results: %d differences",
                     evaluated, sample.count, levels.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", "),
                     results, differences.count))
        for difference in differences.prefix(10) { print("  \(difference)") }
        print(String(format: "  peak memory %.0f MiB", peakMemory()))
        if !differences.isEmpty { throw ExitCode.failure }
    }

    func benchImport(_ store: Store, from period: Period) async throws {
        let source = try await store.observations(periods: [period]).filter { $0.revision == 1 }.prefix(importRows)
        guard !source.isEmpty else { return }
        let importPeriod = Period.year(9001)
        let rawPeriod = Period.year(9002)
        func moved(to period: Period) -> [Observation] {
            source.map { var o = $0; o.key.period = period; o.claims = .init(); return o }
        }
        let importing = moved(to: importPeriod)
        let raw = moved(to: rawPeriod)
        let started = Date()
        let input = LocatedDataSet(DataSet(observations: importing), file: "bench")
        var batches = stride(from: 0, to: input.observations.count, by: 20_000).map { start in
            var batch = LocatedDataSet(file: "bench")
            batch.observations = Array(input.observations[start..<min(start + 20_000, input.observations.count)])
            return batch
        }.makeIterator()
        let imported = try await store.importBatches({ batches.next() })
        let importSeconds = Date().timeIntervalSince(started)

        let rawStarted = Date()
        try await store.baselineInsert(raw)
        let rawSeconds = Date().timeIntervalSince(rawStarted)
        // The bench's own periods go, with the figures maintained for them, so the data set is as it was.
        try await store.removeBenchmarkRows(periods: [importPeriod, rawPeriod])
        let ours = Double(imported.imported) / importSeconds
        let baseline = Double(raw.count) / rawSeconds
        print("")
        print("Bulk import of \(raw.count) observations:")
        print(String(format: "  import (checked, batched)   %9.0f rows/s (%.2f s)", ours, importSeconds))
        print(String(format: "  raw insert loop             %9.0f rows/s (%.2f s)", baseline, rawSeconds))
        print(String(format: "  ratio                       %9.0f %%   (goal ≥ 50 %%: %@)", ours / baseline * 100, ours / baseline >= 0.5 ? "met" : "missed"))
    }

    /// The process's peak resident memory so far (VmHWM), in MiB.
    func peakMemory() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}

extension Figure {
    /// The figure multiplied by `factor`, kept within a share's denominator.
    func scaled(by factor: Decimal) -> Figure {
        switch self {
        case .value(let v): .value((v * factor).rounded(2))
        case .share(let x, let y): .share(numerator: min((x * factor).rounded(0), y), denominator: y)
        }
    }
}
