import Crypto
import Foundation
import SQLKit

extension Migrations {
    /// Ballots sealed while a vote is open, counted once at the close. Who voted and the receipts become tables
    /// ordered by their key alone (SQLite: WITHOUT ROWID, so no rowid keeps the order of voting), and a voter is
    /// marked by a fixed-length hash of the poll and name, so every mark of a vote takes the same room on a
    /// page and rewriting them in sorted order leaves no trace of the order they came in.
    static let sealBallots = Migration(version: 9, name: "SealBallots") { db in
        let sqlite = db.dialect.name == "sqlite"
        let withoutRowID = sqlite ? " WITHOUT ROWID" : ""
        try await db.raw("""
            CREATE TABLE poll_ballots (poll_code TEXT NOT NULL REFERENCES polls(code), id TEXT NOT NULL, sealed TEXT NOT NULL, \
            PRIMARY KEY (poll_code, id))\(unsafeRaw: withoutRowID)
            """).run()
        let voted = try await db.select().columns("poll_code", "username").from("poll_voted").all().map {
            (try $0.decode(column: "poll_code", as: String.self), try $0.decode(column: "username", as: String.self))
        }
        let receipts = try await db.select().columns("poll_code", "receipt_hash").from("poll_receipts").all().map {
            (try $0.decode(column: "poll_code", as: String.self), try $0.decode(column: "receipt_hash", as: String.self))
        }
        try await db.drop(table: "poll_voted").run()
        try await db.drop(table: "poll_receipts").run()
        try await db.raw("""
            CREATE TABLE poll_voted (poll_code TEXT NOT NULL REFERENCES polls(code), voter TEXT NOT NULL, \
            PRIMARY KEY (poll_code, voter))\(unsafeRaw: withoutRowID)
            """).run()
        try await db.raw("""
            CREATE TABLE poll_receipts (poll_code TEXT NOT NULL REFERENCES polls(code), receipt_hash TEXT NOT NULL, \
            PRIMARY KEY (poll_code, receipt_hash))\(unsafeRaw: withoutRowID)
            """).run()
        let marks = voted.map { ($0.0, Store.voterMark($0.0, $0.1)) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        if !marks.isEmpty {
            let insert = db.insert(into: "poll_voted").columns("poll_code", "voter")
            for (code, mark) in marks { insert.values(SQLBind(code), SQLBind(mark)) }
            try await insert.run()
        }
        if !receipts.isEmpty {
            let insert = db.insert(into: "poll_receipts").columns("poll_code", "receipt_hash")
            for (code, hash) in receipts.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { insert.values(SQLBind(code), SQLBind(hash)) }
            try await insert.run()
        }
        // Which key sealed a vote's ballots, so a server given another key refuses rather than seals unreadably.
        try await db.raw("ALTER TABLE polls ADD COLUMN key_check TEXT").run()
    }
}
