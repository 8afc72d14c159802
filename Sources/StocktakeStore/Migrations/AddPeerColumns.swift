import SQLKit

extension Migrations {
    /// A maintained row's unit level while active and whether it counts as synthetic, beside its rank key, with
    /// an index over (period, indicator, level, key): a unit's place among every unit of its level is then the
    /// count of one index range, where joining `units` for each peer cost a lookup per peer (two seconds for a
    /// commune among 54,848 at national size). The index replaces the one on (period, indicator, key) it extends.
    static let addPeerColumns = Migration(version: 14, name: "AddPeerColumns") { db in
        try await db.alter(table: "unit_figures").column("peer_level", type: .text).run()
        try await db.alter(table: "unit_figures").column("peer_synthetic", type: .int, .notNull, .default(0)).run()
        try await db.drop(index: "unit_figures_rank").run()
        try await db.create(index: "unit_figures_peers").on("unit_figures")
            .column("period").column("indicator_code").column("peer_level").column("rank_key").column("peer_synthetic").run()
        try await Transaction(sql: db).rebuildFigures()
        // Without statistics for the new index SQLite took it for a unit's rows of a period (a scan of the
        // period, 0.9 s at national size) rather than the primary key.
        try await db.raw("ANALYZE").run()
    }
}
