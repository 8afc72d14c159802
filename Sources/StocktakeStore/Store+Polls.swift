import Foundation
import SQLKit
import StocktakeCore

public enum PollError: Error, Equatable, CustomStringConvertible {
    case unknown(String)
    case exists(String)
    case notOnRoll(String)
    case alreadyVoted(String)
    case closed(String)
    case stillOpen(String)
    case answers(String)
    case rollTooSmall(Int)
    case notShown(String)
    case wrongKey(String)
    case sealedBallot(String)
    case onOpenRoll(name: String, poll: String)
    case scrub(String)

    public var description: String {
        switch self {
        case .unknown(let code): "no poll has the code '\(code)'"
        case .exists(let code): "a poll with the code '\(code)' exists already"
        case .notOnRoll(let name): "\(name) is not on this poll's roll"
        case .alreadyVoted(let name): "\(name) has voted in this poll already: one ballot per voter"
        case .closed(let code): "poll '\(code)' is closed"
        case .stillOpen(let code): "poll '\(code)' is open: no result is shown, to anyone, before it closes"
        case .answers(let detail): detail
        case .rollTooSmall(let size):
            "a roll of \(size) voters is too small to keep a ballot secret: a vote needs at least \(ConfidencePoll.minimumRoll) voters on its roll"
        case .notShown(let code): "the tally of poll '\(code)' is shown only to its roll, the secretary of its body and administrators"
        case .wrongKey(let code):
            "poll '\(code)' was opened with another ballot key: give the server or command the key file the vote was opened with"
        case .sealedBallot(let code): "poll '\(code)' holds a sealed ballot this key cannot open: nothing was counted or changed"
        case .onOpenRoll(let name, let poll): "\(name) is on the roll of the open vote '\(poll)': close the vote before removing the account"
        case .scrub(let detail): detail
        }
    }
}

extension RecordAccess {
    public func polls() async throws -> [ConfidencePoll] {
        var polls: [ConfidencePoll] = []
        for code in try await sql.select().column("code").from("polls").orderBy("code").all(decodingColumn: "code", as: String.self) {
            if let poll = try await poll(code) { polls.append(poll) }
        }
        return polls
    }

    public func poll(_ code: String) async throws -> ConfidencePoll? {
        guard let row = try await sql.select().columns("*").from("polls").where("code", .equal, code).first() else { return nil }
        let officials = try await sql.select().columns("name", "role").from("poll_officials").where("poll_code", .equal, code).orderBy("position").all()
            .map { ConfidencePoll.Official(name: try $0.decode(column: "name", as: String.self), position: try $0.decode(column: "role", as: String.self)) }
        let thresholds = try row.decode(column: "thresholds", as: String.self).split(separator: ";").compactMap { item -> ConfidencePoll.Threshold? in
            let parts = item.split(separator: ",").map(String.init)
            guard parts.count == 4, let answer = ConfidencePoll.Answer(rawValue: parts[0]), let n = Int(parts[1]), let d = Int(parts[2]) else { return nil }
            return .init(answer: answer, numerator: n, denominator: d, strictly: parts[3] == "strict")
        }
        return ConfidencePoll(
            code: try storedCode(code), title: try row.decode(column: "title", as: String.self),
            unit: try storedCode(try row.decode(column: "unit_code", as: String.self)),
            period: try row.decode(column: "period", as: String?.self).map { try stored($0, "poll period", Period.init(parsing:)) }, officials: officials,
            base: try storedChoice(try row.decode(column: "base", as: String.self)), thresholds: thresholds,
            isClosed: try row.decode(column: "closed", as: Int.self) == 1)
    }

    public func roll(of code: String) async throws -> [String] {
        try await sql.select().column("username").from("poll_roll").where("poll_code", .equal, code).orderBy("username")
            .all(decodingColumn: "username", as: String.self)
    }

    public func hasVoted(_ code: String, _ username: String) async throws -> Bool {
        try await sql.select().column("voter").from("poll_voted").where("poll_code", .equal, code)
            .where("voter", .equal, Store.voterMark(code, username)).first() != nil
    }

    /// Whether a ballot with this receipt was received in the poll. The receipt says nothing of the ballot.
    public func isCounted(_ code: String, receipt: String) async throws -> Bool {
        try await sql.select().column("receipt_hash").from("poll_receipts").where("poll_code", .equal, code)
            .where("receipt_hash", .equal, Store.tokenHash(receipt)).first() != nil
    }

    /// What `reader` may see of `poll`, under the one rule of ``PollAccess``.
    public func access(to poll: ConfidencePoll, for reader: PollReader) async throws -> PollAccess {
        switch reader {
        case .console: return .console
        case .account(let account):
            return PollAccess(poll, roll: try await roll(of: poll.code.rawValue), account: account, secretaryOf: try await bodies(ofSecretary: account.username))
        }
    }

    /// The result of a closed poll, for a reader the rule lets see it; an open poll's is refused, whoever asks.
    /// With fewer than ``ConfidencePoll/minimumBallots`` ballots it holds the numbers cast, and no per-official line.
    public func tally(_ code: String, for reader: PollReader) async throws -> PollTally {
        guard let poll = try await poll(code) else { throw PollError.unknown(code) }
        guard poll.isClosed else { throw PollError.stillOpen(code) }
        guard try await access(to: poll, for: reader).maySeeTally(of: poll) else { throw PollError.notShown(code) }
        let roll = try await roll(of: code).count
        let cast = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("poll_voted")
            .where("poll_code", .equal, code).first(decodingColumn: "n", as: Int.self) ?? 0
        var counts: [Int: [ConfidencePoll.Answer: Int]] = [:]
        for row in try await sql.select().columns("position", "answer", "count").from("poll_counts").where("poll_code", .equal, code).all() {
            let answer: ConfidencePoll.Answer = try storedChoice(try row.decode(column: "answer", as: String.self))
            counts[try row.decode(column: "position", as: Int.self), default: [:]][answer] = try row.decode(column: "count", as: Int.self)
        }
        return PollTally(poll: poll, roll: roll, cast: cast, counts: counts)
    }
}

extension Store {
    /// A voter's mark in `poll_voted`: a hash of the poll and the name, the same length for every voter, so the
    /// marks of a vote are interchangeable on the page that holds them. (Who voted is not secret from the roll:
    /// the mark hides only the order, not the name, from someone who knows the roll.)
    static func voterMark(_ code: String, _ username: String) -> String { tokenHash(code + "\n" + username) }

    public func createPoll(_ poll: ConfidencePoll, roll: [Username], by username: String, via door: String? = nil, key: BallotKey) async throws {
        guard !poll.officials.isEmpty else { throw PollError.answers("a poll needs at least one official") }
        let voters = Set(roll.map(\.rawValue)).sorted()
        guard voters.count >= ConfidencePoll.minimumRoll else { throw PollError.rollTooSmall(voters.count) }
        try await transaction { tx in
            let db = tx.sql
            if try await tx.poll(poll.code.rawValue) != nil { throw PollError.exists(poll.code.rawValue) }
            let thresholds = poll.thresholds.map { "\($0.answer.rawValue),\($0.numerator),\($0.denominator),\($0.strictly ? "strict" : "or_more")" }.joined(separator: ";")
            try await db.insert(into: "polls").columns("code", "title", "unit_code", "period", "base", "thresholds", "closed", "created_by", "key_check")
                .values(
                    SQLBind(poll.code.rawValue), SQLBind(poll.title), SQLBind(poll.unit.rawValue), SQLBind(poll.period?.description),
                    SQLBind(poll.base.rawValue), SQLBind(thresholds), SQLBind(0), SQLBind(username), SQLBind(key.check))
                .run()
            let officials = db.insert(into: "poll_officials").columns("poll_code", "position", "name", "role")
            for (index, official) in poll.officials.enumerated() {
                officials.values(SQLBind(poll.code.rawValue), SQLBind(index), SQLBind(official.name), SQLBind(official.position))
            }
            try await officials.run()
            let rollRows = db.insert(into: "poll_roll").columns("poll_code", "username")
            for name in voters { rollRows.values(SQLBind(poll.code.rawValue), SQLBind(name)) }
            try await rollRows.run()
            try await tx.record([AuditEvent(
                username: username, action: .pollOpened, unit: poll.unit, subject: poll.code.rawValue,
                detail: "\(poll.officials.count) officials, \(voters.count) voters on the roll\(AuditEvent.door(door))", period: poll.period, after: "open")])
        }
    }

    /// Casts one voter's ballot and returns a receipt. The ballot is stored only sealed with `key`, under a
    /// random id, and nothing is counted until the close: the transaction that marks the voter writes no count
    /// and no answer a copy of the database could read.
    public func cast(_ code: String, by username: String, answers: [ConfidencePoll.Answer], key: BallotKey) async throws -> String {
        let receipt = Self.randomToken()
        try await transaction { tx in
            let db = tx.sql
            guard let poll = try await tx.poll(code) else { throw PollError.unknown(code) }
            guard !poll.isClosed else { throw PollError.closed(code) }
            guard answers.count == poll.officials.count else {
                throw PollError.answers("one answer per official: \(poll.officials.count) expected, \(answers.count) given")
            }
            try await tx.requireKey(key, for: code)
            guard try await db.select().column("username").from("poll_roll").where("poll_code", .equal, code).where("username", .equal, username).first() != nil else {
                throw PollError.notOnRoll(username)
            }
            if try await tx.hasVoted(code, username) { throw PollError.alreadyVoted(username) }
            try await db.insert(into: "poll_voted").columns("poll_code", "voter").values(SQLBind(code), SQLBind(Self.voterMark(code, username))).run()
            try await db.insert(into: "poll_ballots").columns("poll_code", "id", "sealed")
                .values(SQLBind(code), SQLBind(Self.tokenHash(Self.randomToken())), SQLBind(try key.seal(answers, poll: code))).run()
            try await db.insert(into: "poll_receipts").columns("poll_code", "receipt_hash").values(SQLBind(code), SQLBind(Self.tokenHash(receipt))).run()
        }
        return receipt
    }

    /// Closes a vote: opens its sealed ballots with `key`, writes the totals once (none below
    /// ``ConfidencePoll/minimumBallots``), deletes the sealed ballots, and rewrites who voted and the receipts in
    /// sorted order in the same transaction, so that none of them keeps a transaction, a position or a page
    /// slot of its own. Then the database drops what it keeps of the old rows (``scrubPollTables()``). Closing a
    /// closed vote again only repeats that last step.
    public func closePoll(_ code: String, by username: String, via door: String? = nil, key: BallotKey) async throws {
        let engine = engine
        let closing: String? = try await transaction { tx in
            let db = tx.sql
            // PostgreSQL: the close's transaction id, so the scrub can wait for every older transaction.
            let xid = engine == .postgres
                ? try await db.raw("SELECT (txid_current() % 4294967296)::text AS x").first(decodingColumn: "x", as: String.self) : nil
            guard let poll = try await tx.poll(code) else { throw PollError.unknown(code) }
            guard !poll.isClosed else { return xid }
            try await tx.requireKey(key, for: code)
            let sealed = try await db.select().column("sealed").from("poll_ballots").where("poll_code", .equal, code)
                .all(decodingColumn: "sealed", as: String.self)
            var counts = [[ConfidencePoll.Answer: Int]](repeating: [:], count: poll.officials.count)
            for ballot in sealed {
                for (position, answer) in try key.open(ballot, poll: code, officials: poll.officials.count).enumerated() { counts[position][answer, default: 0] += 1 }
            }
            // Counts kept by this program's earlier versions, which counted as ballots came in.
            for row in try await db.select().columns("position", "answer", "count").from("poll_counts").where("poll_code", .equal, code).all() {
                let position = try row.decode(column: "position", as: Int.self)
                guard counts.indices.contains(position) else { continue }
                let answer: ConfidencePoll.Answer = try storedChoice(try row.decode(column: "answer", as: String.self))
                counts[position][answer, default: 0] += try row.decode(column: "count", as: Int.self)
            }
            try await db.delete(from: "poll_counts").where("poll_code", .equal, code).run()
            let cast = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("poll_voted")
                .where("poll_code", .equal, code).first(decodingColumn: "n", as: Int.self) ?? 0
            if cast >= ConfidencePoll.minimumBallots {
                let totals = db.insert(into: "poll_counts").columns("poll_code", "position", "answer", "count")
                for (position, answers) in counts.enumerated() {
                    for answer in ConfidencePoll.Answer.allCases { totals.values(SQLBind(code), SQLBind(position), SQLBind(answer.rawValue), SQLBind(answers[answer, default: 0])) }
                }
                try await totals.run()
            }
            try await db.delete(from: "poll_ballots").where("poll_code", .equal, code).run()
            for (table, column) in [("poll_voted", "voter"), ("poll_receipts", "receipt_hash")] {
                let values = try await db.select().column(SQLIdentifier(column)).from(table).where("poll_code", .equal, code)
                    .all(decodingColumn: column, as: String.self).sorted()
                try await db.delete(from: table).where("poll_code", .equal, code).run()
                guard !values.isEmpty else { continue }
                let insert = db.insert(into: table).columns("poll_code", column)
                for value in values { insert.values(SQLBind(code), SQLBind(value)) }
                try await insert.run()
            }
            try await db.update("polls").set("closed", to: 1).where("code", .equal, code).run()
            try await tx.record([AuditEvent(username: username, action: .pollClosed, unit: poll.unit, subject: code, detail: "closed\(AuditEvent.door(door))")])
            return xid
        }
        try await scrubPollTables(after: closing)
    }

    /// Removes what the database keeps of deleted and replaced poll rows. SQLite (with secure_delete on, so
    /// deleted cells are zeroed) copies the write-ahead log into the file and truncates it, so the log no
    /// longer holds each ballot's transaction. PostgreSQL keeps a dead row version as long as any transaction
    /// older than the close might still read it, whatever database that transaction is in; so the scrub waits
    /// (up to a minute) until none is left, then rewrites the poll tables (VACUUM FULL), leaving no dead row
    /// version, and no free space that held one, in them.
    func scrubPollTables(after closing: String?) async throws {
        switch engine {
        case .sqlite:
            guard case .sqliteFile = location else { return }
            let busy = try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").first().map { try $0.decode(column: "busy", as: Int.self) } ?? 0
            guard busy == 0 else {
                throw PollError.scrub("the vote is closed, but another program holds the database open, so its write-ahead log still holds the ballots' transactions: close that program and close the vote again")
            }
        case .postgres:
            if let closing {
                var waited = 0
                while try await sql.raw("""
                    SELECT count(*) AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND (
                    (backend_xmin IS NOT NULL AND age(backend_xmin) >= age(\(bind: closing)::xid)) OR
                    (backend_xid IS NOT NULL AND age(backend_xid) >= age(\(bind: closing)::xid)))
                    """).first(decodingColumn: "n", as: Int.self) ?? 0 > 0 {
                    waited += 1
                    guard waited < 1200 else {
                        throw PollError.scrub("the vote is closed, but a transaction older than the close is still running, so PostgreSQL keeps the ballots' old row versions: end it and close the vote again")
                    }
                    try await Task.sleep(nanoseconds: 50_000_000)
                }
            }
            try await sql.raw("VACUUM FULL poll_ballots, poll_voted, poll_receipts, poll_counts").run()
        }
    }
}

extension RecordAccess {
    /// Refuses a key other than the one the vote was opened with; a vote opened before ballots were sealed
    /// takes the first key it is given.
    func requireKey(_ key: BallotKey, for code: String) async throws {
        let stored = try await sql.select().column("key_check").from("polls").where("code", .equal, code)
            .first(decodingColumn: "key_check", as: String?.self) ?? nil
        if let stored {
            guard stored == key.check else { throw PollError.wrongKey(code) }
        } else {
            try await sql.update("polls").set("key_check", to: key.check).where("code", .equal, code).run()
        }
    }
}
