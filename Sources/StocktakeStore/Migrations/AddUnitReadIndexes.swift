import SQLKit

extension Migrations {
    /// What one unit's evaluation reads by unit: the units merged into it and its key tasks, by index rather than
    /// by a scan of a nation's units or tasks; then the planner's statistics, without which SQLite read one
    /// unit's figures of a year through the index on the period (half a million rows at national size) instead
    /// of the primary key. ``Store/analyze()`` keeps them current after large writes.
    static let addUnitReadIndexes = Migration(version: 13, name: "AddUnitReadIndexes") { db in
        try await db.create(index: "units_successor").on("units").column("successor_code").run()
        try await db.create(index: "key_tasks_unit_period").on("key_tasks").column("unit_code").column("period").run()
        try await db.raw("ANALYZE").run()
    }
}
