import SQLKit

extension Migrations {
    /// Accounts, their sessions, the audit trail of writes, task status changes, and the data version.
    ///
    /// Sessions live in the database so that a restart keeps people signed in and several servers can share
    /// them. Task status changes are appended, never updated: the imported status is the first revision.
    static let createAccounts = Migration(version: 5, name: "CreateAccounts") { db in
        try await db.create(table: "users")
            .column("username", type: .text, .primaryKey(autoIncrement: false))
            .column("password_hash", type: .text, .notNull)
            .column("role", type: .text, .notNull)
            .column("unit_code", type: .text, .references("units", "code"))
            .column("language", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .check(oneOf("role", ["administrator", "editor", "viewer"]), named: "users_role")
            .check(SQLRaw("role <> 'editor' OR unit_code IS NOT NULL"), named: "users_editor_unit")
            .run()
        try await db.create(table: "sessions")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("username", type: .text, .notNull, .references("users", "username", onDelete: .cascade))
            .column("csrf_token", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("expires_at", type: .text, .notNull)
            .run()
        try await db.create(table: "audit_events")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("at", type: .text, .notNull)
            .column("username", type: .text, .notNull)
            .column("action", type: .text, .notNull)
            .column("unit_code", type: .text)
            .column("subject", type: .text, .notNull)
            .column("detail", type: .text, .notNull)
            .run()
        try await db.create(index: "audit_events_at").on("audit_events").column("at").run()
        try await db.create(table: "task_status_changes")
            .column("task_code", type: .text, .notNull, .references("key_tasks", "code"))
            .column("revision", type: .int, .notNull)
            .column("status", type: .text, .notNull)
            .column("completed_on", type: .text)
            .column("changed_by", type: .text, .notNull)
            .column("changed_at", type: .text, .notNull)
            .column("note", type: .text, .notNull)
            .primaryKey("task_code", "revision")
            .check(SQLRaw("revision >= 2"), named: "task_status_changes_revision")
            .check(oneOf("status", ["not_started", "in_progress", "done", "dropped"]), named: "task_status_changes_status")
            .check(SQLRaw("status = 'done' OR completed_on IS NULL"), named: "task_status_changes_completion")
            .run()
        // One row counting writes, so that a server can tell cheaply whether its cached evaluations are stale,
        // also after another process (an import from the command line) wrote.
        try await db.create(table: "data_version")
            .column("id", type: .int, .primaryKey(autoIncrement: false))
            .column("version", type: .bigint, .notNull)
            .run()
        try await db.insert(into: "data_version").columns("id", "version").values(SQLBind(1), SQLBind(0)).run()
    }
}
