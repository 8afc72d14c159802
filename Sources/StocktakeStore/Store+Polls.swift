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

    public var description: String {
        switch self {
        case .unknown(let code): "no poll has the code '\(code)'"
        case .exists(let code): "a poll with the code '\(code)' exists already"
        case .notOnRoll(let name): "\(name) is not on this poll's roll"
        case .alreadyVoted(let name): "\(name) has voted in this poll already: one ballot per voter"
        case .closed(let code): "poll '\(code)' is closed"
        case .stillOpen(let code): "poll '\(code)' is open: no result is shown, to anyone, before it closes"
        case .answers(let detail): detail
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
        try await sql.select().column("username").from("poll_voted").where("poll_code", .equal, code).where("username", .equal, username).first() != nil
    }

    /// Whether a ballot with this receipt was counted in the poll. The receipt says nothing of the ballot.
    public func isCounted(_ code: String, receipt: String) async throws -> Bool {
        try await sql.select().column("receipt_hash").from("poll_receipts").where("poll_code", .equal, code)
            .where("receipt_hash", .equal, Store.tokenHash(receipt)).first() != nil
    }
}

extension Store {
    public func createPoll(_ poll: ConfidencePoll, roll: [Username], by username: String) async throws {
        guard !poll.officials.isEmpty else { throw PollError.answers("a poll needs at least one official") }
        guard !roll.isEmpty else { throw PollError.answers("a poll needs a roll of voters") }
        try await transaction { tx in
            let db = tx.sql
            if try await tx.poll(poll.code.rawValue) != nil { throw PollError.exists(poll.code.rawValue) }
            let thresholds = poll.thresholds.map { "\($0.answer.rawValue),\($0.numerator),\($0.denominator),\($0.strictly ? "strict" : "or_more")" }.joined(separator: ";")
            try await db.insert(into: "polls").columns("code", "title", "unit_code", "period", "base", "thresholds", "closed", "created_by")
                .values(
                    SQLBind(poll.code.rawValue), SQLBind(poll.title), SQLBind(poll.unit.rawValue), SQLBind(poll.period?.description),
                    SQLBind(poll.base.rawValue), SQLBind(thresholds), SQLBind(0), SQLBind(username))
                .run()
            let officials = db.insert(into: "poll_officials").columns("poll_code", "position", "name", "role")
            let counts = db.insert(into: "poll_counts").columns("poll_code", "position", "answer", "count")
            for (index, official) in poll.officials.enumerated() {
                officials.values(SQLBind(poll.code.rawValue), SQLBind(index), SQLBind(official.name), SQLBind(official.position))
                for answer in ConfidencePoll.Answer.allCases { counts.values(SQLBind(poll.code.rawValue), SQLBind(index), SQLBind(answer.rawValue), SQLBind(0)) }
            }
            try await officials.run()
            try await counts.run()
            let voters = db.insert(into: "poll_roll").columns("poll_code", "username")
            for name in Set(roll.map(\.rawValue)).sorted() { voters.values(SQLBind(poll.code.rawValue), SQLBind(name)) }
            try await voters.run()
            try await tx.record([AuditEvent(
                username: username, action: .pollOpened, unit: poll.unit, subject: poll.code.rawValue,
                detail: "\(poll.officials.count) officials, \(Set(roll).count) voters on the roll")])
        }
    }

    /// Casts one voter's ballot: marks the voter as having voted and adds the answers to the counts, in one
    /// transaction, and returns a receipt. Every count row of the poll is rewritten, not only the ones that
    /// grow, so that nothing in the rows (PostgreSQL's row versions included) tells which answers this
    /// transaction added.
    public func cast(_ code: String, by username: String, answers: [ConfidencePoll.Answer]) async throws -> String {
        let receipt = Self.randomToken()
        try await transaction { tx in
            let db = tx.sql
            guard let poll = try await tx.poll(code) else { throw PollError.unknown(code) }
            guard !poll.isClosed else { throw PollError.closed(code) }
            guard answers.count == poll.officials.count else {
                throw PollError.answers("one answer per official: \(poll.officials.count) expected, \(answers.count) given")
            }
            guard try await db.select().column("username").from("poll_roll").where("poll_code", .equal, code).where("username", .equal, username).first() != nil else {
                throw PollError.notOnRoll(username)
            }
            if try await tx.hasVoted(code, username) { throw PollError.alreadyVoted(username) }
            try await db.insert(into: "poll_voted").columns("poll_code", "username").values(SQLBind(code), SQLBind(username)).run()
            var cases = SQLQueryString("CASE")
            for (index, answer) in answers.enumerated() {
                cases.appendInterpolation(unsafeRaw: " WHEN position = ")
                cases.appendInterpolation(bind: index)
                cases.appendInterpolation(unsafeRaw: " AND answer = ")
                cases.appendInterpolation(bind: answer.rawValue)
                cases.appendInterpolation(unsafeRaw: " THEN 1")
            }
            cases.appendInterpolation(unsafeRaw: " ELSE 0 END")
            try await db.raw("UPDATE poll_counts SET count = count + (\(cases)) WHERE poll_code = \(bind: code)").run()
            try await db.insert(into: "poll_receipts").columns("poll_code", "receipt_hash").values(SQLBind(code), SQLBind(Self.tokenHash(receipt))).run()
        }
        return receipt
    }

    public func closePoll(_ code: String, by username: String) async throws {
        try await transaction { tx in
            guard let poll = try await tx.poll(code) else { throw PollError.unknown(code) }
            try await tx.sql.update("polls").set("closed", to: 1).where("code", .equal, code).run()
            try await tx.record([AuditEvent(username: username, action: .pollClosed, unit: poll.unit, subject: code, detail: "closed")])
        }
    }

    /// The result of a closed poll; an open poll's is refused, whoever asks.
    public func tally(_ code: String) async throws -> PollTally {
        guard let poll = try await poll(code) else { throw PollError.unknown(code) }
        guard poll.isClosed else { throw PollError.stillOpen(code) }
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
