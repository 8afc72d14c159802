import SQLKit

extension Migrations {
    /// The check of a figure against its unit's earlier years changed from a range to the modified z-score on the
    /// median and MAD, carried along the trend (``StocktakeCore/Outlier``): the stored findings are recomputed, so
    /// that `stocktake verify` and every read agree with the rule in force.
    static let recomputeHistoryFindings = Migration(version: 18, name: "RecomputeHistoryFindings") { db in
        try await Transaction(sql: db).rebuildFindings()
    }
}
