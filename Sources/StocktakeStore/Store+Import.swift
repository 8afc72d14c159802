import StocktakeCore

extension Store {
    /// Checks `input` against the store and, unless `dryRun`, writes it: the checks read the store inside the
    /// same transaction as the writes, so what was checked is what is written to. Nothing is written when any
    /// record has a problem: the thrown ``ImportProblems`` lists them all.
    @discardableResult
    public func importChecked(_ input: LocatedDataSet, dryRun: Bool = false) async throws -> ImportPlan {
        try await transaction { tx in
            let plan = try ImportPlanner.plan(input, against: try await tx.catalog(for: input))
            if !dryRun && !plan.isEmpty { try await tx.insert(plan) }
            return plan
        }
    }
}
