import SQLKit

extension Migrations {
    /// The organization tree: units, their names per language and their groups (region, cluster).
    static let createUnits = Migration(version: 1, name: "CreateUnits") { db in
        try await db.create(table: "units")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("level", type: .text, .notNull)
            .column("parent_code", type: .text, .references("units", "code"))
            .column("successor_code", type: .text, .references("units", "code"))
            .column("merged_on", type: .text)
            .column("origin", type: .text, .notNull)
            .check(oneOf("origin", ["recorded", "synthetic"]), named: "units_origin")
            .check(SQLRaw("parent_code <> code"), named: "units_not_own_parent")
            .check(SQLRaw("successor_code <> code"), named: "units_not_own_successor")
            .check(SQLRaw("(successor_code IS NULL) = (merged_on IS NULL)"), named: "units_merger_complete")
            .run()
        try await db.create(index: "units_parent").on("units").column("parent_code").run()
        try await db.create(table: "unit_names")
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("language", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .primaryKey("unit_code", "language")
            .run()
        try await db.create(table: "unit_groups")
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("kind", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .primaryKey("unit_code", "kind")
            .run()
    }
}
