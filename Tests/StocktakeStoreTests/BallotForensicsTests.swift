import Foundation
import SQLKit
import Testing
@testable import StocktakeCore
@testable import StocktakeStore
import StocktakeTestSupport

/// The database files read as an attacker would: copies of the SQLite file and its write-ahead log taken after
/// every ballot and after the close, and PostgreSQL's heap read as superuser through pageinspect. Nothing in them
/// may join a voter to an answer.
@Suite struct BallotForensicsTests {
    static let code = PollTests.code
    static let pollTables = ["poll_voted", "poll_ballots", "poll_receipts", "poll_counts"]

    /// What a copy of the database files shows: the rows of the poll tables in each reconstructed committed state,
    /// and the files' bytes.
    struct Snapshot {
        var rows: [String: [[String: String]]] = [:]
        var database = Data()
        var log = Data()
        var rowidReadable: [String: Bool] = [:]
    }

    /// Casts `ballots` (voter1, voter2, … in order) on a fresh SQLite file, copying the file and its -wal after
    /// each ballot and after the close, and opening each copy as its own database.
    static func sqliteRun(_ ballots: [[ConfidencePoll.Answer]], roll: Int) async throws -> (open: [Snapshot], closed: Snapshot, sealed: [String], tally: PollTally) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-forensics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("live.sqlite").path
        return try await Store.using(.sqliteFile(path)) { store in
            try await store.importChecked(try StoreTests.sample())
            try await store.createPoll(PollTests.poll(), roll: PollTests.voters(roll), by: "admin", key: PollTests.key)
            var open: [Snapshot] = []
            var sealed: Set<String> = []
            for (index, answers) in ballots.enumerated() {
                _ = try await store.cast(code, by: "voter\(index + 1)", answers: answers, key: PollTests.key)
                let snapshot = try await copy(path, as: folder.appendingPathComponent("after-\(index + 1).sqlite").path)
                sealed.formUnion(snapshot.rows["poll_ballots", default: []].compactMap { $0["sealed"] })
                open.append(snapshot)
            }
            try await store.closePoll(code, by: "secretary", key: PollTests.key)
            let closed = try await copy(path, as: folder.appendingPathComponent("closed.sqlite").path)
            return (open, closed, sealed.sorted(), try await store.tally(code, for: .console))
        }
    }

    /// Copies the file and its log byte for byte, then opens the copy: SQLite replays the copied log, which is
    /// how an attacker rebuilds the committed state at the moment of the copy.
    static func copy(_ path: String, as target: String) async throws -> Snapshot {
        var snapshot = Snapshot()
        snapshot.database = try Data(contentsOf: URL(fileURLWithPath: path))
        snapshot.log = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
        try snapshot.database.write(to: URL(fileURLWithPath: target))
        if !snapshot.log.isEmpty { try snapshot.log.write(to: URL(fileURLWithPath: target + "-wal")) }
        try await Store.using(.sqliteFile(target)) { copy in
            for table in pollTables {
                snapshot.rows[table] = try await copy.sql.select().columns("*").from(table).all().map { row in
                    Dictionary(uniqueKeysWithValues: row.allColumns.map { column in
                        (column, (try? row.decode(column: column, as: String.self)) ?? (try? row.decode(column: column, as: Int.self)).map(String.init) ?? "")
                    })
                }
                snapshot.rowidReadable[table] = (try? await copy.sql.raw("SELECT rowid FROM \(ident: table)").all()) != nil
            }
        }
        return snapshot
    }

    /// Every occurrence of `needle` in `haystack`.
    static func offsets(of needle: String, in haystack: Data) -> [Int] {
        let bytes = [UInt8](haystack)
        let pattern = Array(needle.utf8)
        guard pattern.count <= bytes.count else { return [] }
        var found: [Int] = []
        var i = 0
        while i <= bytes.count - pattern.count {
            if bytes[i] == pattern[0], Array(bytes[i..<i + pattern.count]) == pattern { found.append(i) }
            i += 1
        }
        return found
    }

    /// The readable content with the random values (ciphertexts, random ids, receipt hashes) masked, each row
    /// as its sorted "column=value" pairs, the rows sorted.
    static func masked(_ rows: [String: [[String: String]]]) -> [String: [String]] {
        rows.mapValues { table in
            table.map { row in
                row.map { column, value in "\(column)=\(["sealed", "id", "receipt_hash"].contains(column) ? "*" : value)" }.sorted().joined(separator: " ")
            }.sorted()
        }
    }

    /// The tables a ballot writes to; `poll_counts` is written once, at the close, with the totals.
    static func rowidFree(_ snapshot: Snapshot) -> Bool {
        ["poll_voted", "poll_ballots", "poll_receipts"].allSatisfy { snapshot.rowidReadable[$0] == false }
    }

    @Test func sqliteCopiesAfterEachBallotAndAfterTheCloseLinkNoVoterToAnAnswer() async throws {
        guard try TestDatabase.engine == .sqlite else { return }
        // The same voters, in the same order, once answering one way and once the other: whatever the copies
        // show that differs between the two runs (beyond random values) would be a link to the answers.
        let first: [[ConfidencePoll.Answer]] = [[.low, .high], [.high, .low], [.confidence, .blank], [.low, .low], [.high, .high], [.blank, .confidence]]
        let second: [[ConfidencePoll.Answer]] = first.map { $0.map { $0 == .low ? .high : $0 == .high ? .low : $0 } }
        let a = try await Self.sqliteRun(first, roll: 8)
        let b = try await Self.sqliteRun(second, roll: 8)

        for (k, (x, y)) in zip(a.open, b.open).enumerated() {
            // While the vote is open nothing is counted: no count row exists, in any committed state.
            #expect(x.rows["poll_counts"]?.isEmpty == true && y.rows["poll_counts"]?.isEmpty == true)
            #expect(x.rows["poll_ballots"]?.count == k + 1 && x.rows["poll_voted"]?.count == k + 1)
            // Each state shows the same thing whatever the answers were, but for random values.
            #expect(Self.masked(x.rows) == Self.masked(y.rows), "copy after ballot \(k + 1)")
            // No rowid gives the order of voting.
            #expect(Self.rowidFree(x), "rowid readable after ballot \(k + 1): \(x.rowidReadable)")
            // The files grow by the same bytes whatever the answers: the log holds no answer-sized difference.
            #expect(x.database.count == y.database.count && x.log.count == y.log.count)
        }
        // A sealed ballot is the same length for every answer and opens only with the key.
        let other = BallotKey.generate()
        for sealed in a.sealed {
            #expect(Data(base64Encoded: sealed)?.count == 12 + PollTests.officials.count + 16)
            #expect((try? other.open(sealed, poll: Self.code, officials: 2)) == nil)
        }
        #expect(Set(try a.sealed.map { try PollTests.key.open($0, poll: Self.code, officials: 2) }.map { $0.map(\.rawValue).joined(separator: ",") })
            == Set(first.map { $0.map(\.rawValue).joined(separator: ",") }))

        for (run, answers) in [(a, first), (b, second)] {
            let closed = run.closed
            // The close emptied the log: no earlier committed state can be rebuilt from it.
            #expect(closed.log.isEmpty)
            #expect(closed.rows["poll_ballots"]?.isEmpty == true)
            // No sealed ballot is left anywhere in the file, not in free space either.
            for sealed in run.sealed { #expect(Self.offsets(of: sealed, in: closed.database).isEmpty) }
            // Each voter's mark is in the file once, and the marks lie in their sorted order: the page keeps no
            // trace of the order they were written in.
            let marks = PollTests.voters(answers.count).map { Store.voterMark(Self.code, $0.rawValue) }.sorted()
            let places = marks.map { Self.offsets(of: $0, in: closed.database) }
            #expect(places.allSatisfy { $0.count == 1 })
            let positions = places.compactMap(\.first)
            #expect(positions == positions.sorted(by: >) || positions == positions.sorted())
            let receipts = closed.rows["poll_receipts", default: []].compactMap { $0["receipt_hash"] }.sorted()
            let receiptPositions = receipts.compactMap { Self.offsets(of: $0, in: closed.database).first }
            #expect(receiptPositions.count == answers.count && (receiptPositions == receiptPositions.sorted(by: >) || receiptPositions == receiptPositions.sorted()))
            // Only totals are kept.
            #expect(closed.rows["poll_counts"]?.count == PollTests.officials.count * ConfidencePoll.Answer.allCases.count)
            #expect(Self.rowidFree(closed))
            #expect(run.tally.lines[0].counts[.low, default: 0] == answers.filter { $0[0] == .low }.count && run.tally.isConsistent)
        }
    }

    /// One row per heap item of `table`, read from its pages as superuser: line pointer, its state, and the
    /// transaction that wrote the tuple.
    static func heap(_ store: Store, _ table: String) async throws -> [(lp: Int, flags: Int, xmin: String?)] {
        try await store.sql.raw("""
            SELECT lp, lp_flags, t_xmin::text AS xmin FROM generate_series(0, (pg_relation_size('\(unsafeRaw: table)') / current_setting('block_size')::int)::int - 1) AS blk,
            LATERAL heap_page_items(get_raw_page('\(unsafeRaw: table)', blk)) ORDER BY blk, lp
            """).all().map { row in
            (try row.decode(column: "lp", as: Int.self), try row.decode(column: "lp_flags", as: Int.self), try row.decode(column: "xmin", as: String?.self))
        }
    }

    /// The raw bytes of every page of `table`, as hexadecimal.
    static func pages(_ store: Store, _ table: String) async throws -> String {
        let bytes = try await store.sql.raw("""
            SELECT string_agg(encode(get_raw_page('\(unsafeRaw: table)', blk), 'hex'), '') AS bytes
            FROM generate_series(0, (pg_relation_size('\(unsafeRaw: table)') / current_setting('block_size')::int)::int - 1) AS blk
            """).first(decodingColumn: "bytes", as: String?.self)
        return (bytes ?? nil) ?? ""
    }

    static func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }

    @Test func postgresHeapReadAsSuperuserLinksNoVoterToAnAnswer() async throws {
        guard try TestDatabase.engine == .postgres else { return }
        try await PollTests.withPoll(roll: 8) { store async throws in
            try await store.sql.raw("CREATE EXTENSION IF NOT EXISTS pageinspect").run()
            let ballots: [[ConfidencePoll.Answer]] = [[.low, .high], [.high, .low], [.confidence, .blank], [.low, .low], [.high, .high], [.blank, .confidence]]
            var sealed: Set<String> = []
            let other = BallotKey.generate()
            for (index, answers) in ballots.enumerated() {
                _ = try await store.cast(Self.code, by: "voter\(index + 1)", answers: answers, key: PollTests.key)
                // No count exists while the vote is open: not as a row, not as a dead row version.
                #expect(try await Self.heap(store, "poll_counts").isEmpty)
                // What shares a transaction with a voter's mark is a sealed ballot and a receipt hash, nothing
                // readable: no other table holds a tuple of that transaction.
                let voterTransactions = Set(try await Self.heap(store, "poll_voted").compactMap(\.xmin))
                for table in ["polls", "poll_officials", "poll_roll", "poll_counts", "audit_events"] {
                    #expect(try await Self.heap(store, table).allSatisfy { $0.xmin.map { !voterTransactions.contains($0) } ?? true }, "\(table)")
                }
                for row in try await store.sql.select().column("sealed").from("poll_ballots").all(decodingColumn: "sealed", as: String.self) {
                    #expect((try? other.open(row, poll: Self.code, officials: 2)) == nil)
                    sealed.insert(row)
                }
            }
            try await store.closePoll(Self.code, by: "secretary", key: PollTests.key)

            // No tuple of a sealed ballot is left, live or dead, and no page holds one.
            #expect(try await Self.heap(store, "poll_ballots").isEmpty)
            // Who voted, the receipts and the totals: every tuple live, all written by the close's one
            // transaction, lying in sorted order.
            let voted = try await Self.heap(store, "poll_voted")
            let receipts = try await Self.heap(store, "poll_receipts")
            let counts = try await Self.heap(store, "poll_counts")
            #expect(voted.count == ballots.count && receipts.count == ballots.count && counts.count == 8)
            let transactions = Set((voted + receipts + counts).map { $0.xmin ?? "none" })
            #expect(transactions.count == 1 && (voted + receipts + counts).allSatisfy { $0.flags == 1 })
            let inHeapOrder = try await store.sql.raw("SELECT voter FROM poll_voted ORDER BY ctid").all(decodingColumn: "voter", as: String.self)
            #expect(inHeapOrder == inHeapOrder.sorted())
            let receiptOrder = try await store.sql.raw("SELECT receipt_hash FROM poll_receipts ORDER BY ctid").all(decodingColumn: "receipt_hash", as: String.self)
            #expect(receiptOrder == receiptOrder.sorted())
            // The pages' free space keeps no old version either.
            let voterPages = try await Self.pages(store, "poll_voted")
            for mark in inHeapOrder { #expect(voterPages.components(separatedBy: Self.hex(mark)).count == 2) }
            for table in Self.pollTables {
                let bytes = try await Self.pages(store, table)
                for ballot in sealed { #expect(!bytes.contains(Self.hex(ballot))) }
            }
            let tally = try await store.tally(Self.code, for: .console)
            #expect(tally.lines[0].counts[.low] == 2 && tally.lines[1].counts[.blank] == 1 && tally.isConsistent)
        }
    }
}
