import SQLKit

extension Migrations {
    /// The data version each observation was written at, and the version of the last write that changed anything
    /// else (definitions, targets, tasks, the review): a server that evaluated a period at version v then reads
    /// the figures written since v and updates its evaluation in place, when nothing else changed. Rows written
    /// before this step have no version; they are older than any evaluation a server holds after it.
    static let addWrittenVersions = Migration(version: 12, name: "AddWrittenVersions") { db in
        try await db.alter(table: "observations").column("written_version", type: .int).run()
        try await db.create(index: "observations_written_version").on("observations").column("written_version").run()
        try await db.alter(table: "data_version").column("definitions_version", type: .int, .notNull, .default(SQLLiteral.numeric("0"))).run()
        try await db.update("data_version").set(SQLIdentifier("definitions_version"), to: SQLIdentifier("version")).run()
    }
}
