import StocktakeCore

extension Store {
    /// Checks `input` against the store and, unless `dryRun`, writes it in one transaction. Nothing is written
    /// when any record has a problem: the thrown ``ImportProblems`` lists them all.
    @discardableResult
    public func importChecked(_ input: LocatedDataSet, dryRun: Bool = false) async throws -> ImportPlan {
        let plan = try ImportPlanner.plan(input, against: try await catalog(for: input))
        if !dryRun && !plan.isEmpty { try await apply(plan) }
        return plan
    }
}
