import SQLKit

extension Migrations {
    /// Targets and key tasks set by documents.
    static let createTargetsAndTasks = Migration(version: 3, name: "CreateTargetsAndTasks") { db in
        try await db.create(table: "targets")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("indicator_code", type: .text, .notNull, .references("indicators", "code"))
            .column("period", type: .text, .notNull)
            .column("document_code", type: .text, .references("documents", "code"))
            .column("bound", type: .text, .notNull)
            .column("basis", type: .text, .notNull)
            // Exact decimals as text: the one representation both engines keep exactly without a NUMERIC type.
            .column("value", type: .text)
            .column("upper", type: .text)
            .check(oneOf("bound", ["at_least", "at_most", "between", "exactly"]), named: "targets_bound")
            .check(oneOf("basis", ["absolute", "change_on_year_earlier"]), named: "targets_basis")
            .check(SQLRaw("(bound = 'between') = (upper IS NOT NULL)"), named: "targets_upper_only_between")
            .check(SQLRaw("value IS NOT NULL OR (bound IN ('at_least', 'at_most') AND basis = 'absolute')"), named: "targets_value_stated")
            .run()
        try await db.create(index: "targets_unit_period").on("targets").column("unit_code").column("period").run()
        try await db.create(table: "key_tasks")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("unit_code", type: .text, .notNull, .references("units", "code"))
            .column("document_code", type: .text, .references("documents", "code"))
            .column("period", type: .text, .notNull)
            .column("deadline", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("completed_on", type: .text)
            .column("on_time", type: .int)
            .check(oneOf("status", ["not_started", "in_progress", "done", "dropped"]), named: "key_tasks_status")
            .check(SQLRaw("(status = 'done') = (on_time IS NOT NULL)"), named: "key_tasks_done_timeliness")
            .check(SQLRaw("completed_on IS NULL OR status = 'done'"), named: "key_tasks_completed_only_done")
            .check(SQLRaw("on_time IS NULL OR on_time IN (0, 1)"), named: "key_tasks_on_time_flag")
            .run()
        try await db.create(table: "key_task_titles")
            .column("task_code", type: .text, .notNull, .references("key_tasks", "code"))
            .column("language", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .primaryKey("task_code", "language")
            .run()
    }
}
