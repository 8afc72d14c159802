import SQLKit

extension Migrations {
    /// The figures that count, maintained by every write: per unit, indicator and period, the latest own figure
    /// and the exact parts of the children's roll-up (see ``UnitFigure``). Derived from `observations`, which
    /// stay the truth: `stocktake rebuild` recomputes this table and `stocktake verify` compares it with a rebuild.
    static let createUnitFigures = Migration(version: 10, name: "CreateUnitFigures") { db in
        try await db.create(table: "unit_figures")
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("indicator_code", type: .text, .notNull, .references("indicators", "code"))
            .column("period", type: .text, .notNull)
            .column("own_revision", type: .int)
            .column("own_value", type: .text)
            .column("own_denominator", type: .text)
            .column("own_synthetic", type: .int, .notNull)
            .column("rollup_sum", type: .text)
            .column("rollup_base", type: .text)
            .column("reporting", type: .int, .notNull)
            .column("expected", type: .int, .notNull)
            .column("rollup_synthetic", type: .int, .notNull)
            .primaryKey("unit_code", "indicator_code", "period")
            .check(SQLRaw("own_revision IS NOT NULL OR rollup_sum IS NOT NULL"), named: "unit_figures_not_empty")
            .run()
        try await db.create(index: "unit_figures_period_indicator").on("unit_figures").column("period").column("indicator_code").run()
        // Filled by the rebuild of `addRankKeys`: a rebuild writes the newest schema's rows, which this step's table
        // does not have yet.
    }
}
