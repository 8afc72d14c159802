import SQLKit
import StocktakeCore

extension Store {
    /// Imports observations too many for one transaction (a nation's ten years) in batches: each batch is
    /// checked and written in its own transaction, against definitions read once and the stored revisions of
    /// the batch's own units. A batch with any problem stops the import there; the batches before it stay.
    ///
    /// - Parameters:
    ///   - next: returns the next batch of observations (definitions go through ``importChecked(_:dryRun:)``
    ///     first), or nil when done; keep a batch's units together, for the revision check.
    ///   - progress: called after each batch with the number of observations written so far.
    public func importBatches(
        _ next: () -> LocatedDataSet?, progress: (Int) -> Void = { _ in }
    ) async throws -> (imported: Int, unchanged: Int) {
        // Units and indicators, read once; batches of observations need no more (see ``catalog(for:)``).
        let definitions = try await catalog(for: LocatedDataSet(file: "definitions"))
        var imported = 0
        var unchanged = 0
        do {
            while let batch = next() {
                precondition(
                    batch.units.isEmpty && batch.documents.isEmpty && batch.indicators.isEmpty && batch.targets.isEmpty && batch.tasks.isEmpty,
                    "importBatches takes observations only; import definitions with importChecked first")
                let plan = try await transaction { tx in
                    var catalog = definitions
                    catalog.revisions = try await tx.revisions(of: batch)
                    for target in try await tx.targetsNamed(by: batch) { catalog.targets[target.code] = target }
                    let plan = try ImportPlanner.plan(batch, against: catalog)
                    // Batches would each recompute the same parents' findings: their periods are marked instead.
                    try await tx.insert(plan, findings: .deferred)
                    return plan
                }
                imported += plan.dataSet.observations.count
                unchanged += plan.unchanged
                progress(imported)
            }
        } catch {
            // The batches before the one that stopped the import stay, and so must their findings.
            try await refreshStaleFindings(in: self)
            throw error
        }
        try await refreshStaleFindings(in: self)
        // A nation's rows change which index serves a query: the planner's statistics are read again.
        if imported >= Self.analyzeAfter { try await analyze() }
        return (imported, unchanged)
    }
}

extension RecordAccess {
    /// Stored revisions of the figures a file or batch mentions, read by its periods and units in one query.
    func revisions(of batch: LocatedDataSet) async throws -> [ObservationKey: [Observation]] {
        let keys = Set(batch.observations.map(\.value.observation.key))
        let periods = Set(keys.map(\.period)).sorted()
        let units = Set(keys.map(\.unit)).sorted()
        guard !periods.isEmpty else { return [:] }
        var result: [ObservationKey: [Observation]] = [:]
        // A file naming many units reads its periods whole rather than bind tens of thousands of codes. The
        // indicators are named too, so that SQLite seeks by the key rather than scan the period.
        let few = units.count <= 5_000
        let indicators = Set(keys.map(\.indicator)).sorted()
        for observation in try await observations(periods: periods, units: few ? units : nil, indicators: few ? indicators : nil)
        where keys.contains(observation.key) {
            result[observation.key, default: []].append(observation)
        }
        return result
    }
}

extension Store {
    /// Rows imported at once beyond which the planner's statistics are gathered again.
    static let analyzeAfter = 50_000

    /// Gathers the statistics each engine's planner chooses indexes by (`ANALYZE`): about 8 s for a nation's
    /// 4.9 million observations on SQLite. Without them SQLite read one unit's figures of a year through the
    /// index on the period.
    public func analyze() async throws {
        try await sql.raw("ANALYZE").run()
    }
}
