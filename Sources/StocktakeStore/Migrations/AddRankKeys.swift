import SQLKit

extension Migrations {
    /// The key peers are ranked by (``OrderKey`` bytes of the figure that counts), so that the database ranks
    /// units with one indexed query instead of the server holding every figure of a period. The index on
    /// (period, indicator, key) replaces the one on (period, indicator) it extends. The rebuild of
    /// ``addPeerColumns`` fills the keys: a rebuild writes the newest schema's rows, which this step's table lacks.
    static let addRankKeys = Migration(version: 11, name: "AddRankKeys") { db in
        try await db.alter(table: "unit_figures").column("rank_key", type: .blob).run()
        try await db.drop(index: "unit_figures_period_indicator").run()
        try await db.create(index: "unit_figures_rank").on("unit_figures").column("period").column("indicator_code").column("rank_key").run()
    }
}
