import SQLKit

extension Migrations {
    /// The check of a figure against its unit's earlier years changed from a range to the modified z-score on the
    /// median and MAD, carried along the trend, and a rate or a share is now also judged against the units beside
    /// it (``StocktakeCore/Outlier``): the table of stored findings takes the new kind (`far_from_peers`) and is
    /// recomputed, so that `stocktake verify` and every read agree with the rule in force. Its rows are computed
    /// from the records, never entered, so the table is made again rather than altered (SQLite changes a check
    /// only by copying the table).
    static let recomputeHistoryFindings = Migration(version: 18, name: "RecomputeHistoryFindings") { db in
        try await db.drop(table: "unit_findings").run()
        try await createFindingsTable(db, kinds: ["rollup_mismatch", "missing_reports", "outside_history", "far_from_peers", "comparison_mismatch"])
        try await Transaction(sql: db).rebuildFindings()
    }
}
