import Foundation
import SQLKit
import Testing
@testable import StocktakeCore
@testable import StocktakeStore
import StocktakeTestSupport

/// The promises of a secret confidence vote, on both engines.
@Suite struct PollTests {
    static let officials = [
        ConfidencePoll.Official(name: "Official A", position: "Secretary"),
        ConfidencePoll.Official(name: "Official B", position: "Deputy Secretary"),
    ]
    static let code = "BG-2024-confidence"
    static let key = BallotKey.generate()

    static func poll(_ code: String = code, base: ConfidencePoll.Base = .cast) -> ConfidencePoll {
        ConfidencePoll(code: PollCode(unchecked: code), title: "Confidence vote 2024", unit: UnitCode(unchecked: "BG"), officials: officials, base: base)
    }

    static func voters(_ n: Int) -> [Username] { (1...n).map { Username(unchecked: "voter\($0)") } }

    static func withPoll(roll: Int, base: ConfidencePoll.Base = .cast, _ body: @escaping (Store) async throws -> Void) async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            try await store.createPoll(poll(base: base), roll: voters(roll), by: "admin", key: key)
            try await body(store)
        }
    }

    @Test func oneBallotPerVoterAlsoWhenCastConcurrently() async throws {
        try await Self.withPoll(roll: 12) { store async throws in
            let code = Self.code
            // Twelve voters at once, and the first of them trying five times at once.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for voter in Self.voters(12) {
                    group.addTask { (try? await store.cast(code, by: voter.rawValue, answers: [.high, .low], key: Self.key)) != nil }
                }
                for _ in 0..<5 {
                    group.addTask { (try? await store.cast(code, by: "voter1", answers: [.low, .low], key: Self.key)) != nil }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 12)
            await #expect(throws: PollError.alreadyVoted("voter3")) { try await store.cast(code, by: "voter3", answers: [.high, .high], key: Self.key) }
            await #expect(throws: PollError.notOnRoll("stranger")) { try await store.cast(code, by: "stranger", answers: [.high, .high], key: Self.key) }
            try await store.closePoll(code, by: "secretary", key: Self.key)
            let tally = try await store.tally(code, for: .console)
            #expect(tally.cast == 12 && tally.roll == 12 && tally.isConsistent)
            let a = tally.lines[0].counts
            let b = tally.lines[1].counts
            // voter1's ballot is one of the six tries; the others were refused whole.
            #expect(a[.high, default: 0] + a[.low, default: 0] == 12 && a[.low, default: 0] <= 1)
            #expect(b[.low] == 12)
        }
    }

    @Test func noResultBeforeTheClose() async throws {
        try await Self.withPoll(roll: 6) { store async throws in
            for voter in Self.voters(5) { _ = try await store.cast(Self.code, by: voter.rawValue, answers: [.low, .blank], key: Self.key) }
            await #expect(throws: PollError.stillOpen(Self.code)) { try await store.tally(Self.code, for: .console) }
            try await store.closePoll(Self.code, by: "secretary", key: Self.key)
            await #expect(throws: PollError.closed(Self.code)) { try await store.cast(Self.code, by: "voter6", answers: [.high, .high], key: Self.key) }
            let tally = try await store.tally(Self.code, for: .console)
            #expect(tally.lines[1].counts[.blank] == 5 && tally.lines[1].valid == 0 && tally.isConsistent)
        }
    }

    /// A roll of one voter, or a close after the first ballot, showed that ballot in the tally.
    @Test func aSmallRollIsRefusedAndTooFewBallotsShowNoTally() async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            await #expect(throws: PollError.rollTooSmall(1)) { try await store.createPoll(Self.poll(), roll: Self.voters(1), by: "admin", key: Self.key) }
            // The same name twice is one voter.
            await #expect(throws: PollError.rollTooSmall(4)) {
                try await store.createPoll(Self.poll(), roll: Self.voters(4) + Self.voters(2), by: "admin", key: Self.key)
            }
            #expect(try await store.poll(Self.code) == nil)
        }
        try await Self.withPoll(roll: 9) { store async throws in
            _ = try await store.cast(Self.code, by: "voter1", answers: [.low, .high], key: Self.key)
            try await store.closePoll(Self.code, by: "secretary", key: Self.key)
            let tally = try await store.tally(Self.code, for: .console)
            #expect(tally.isWithheld && tally.cast == 1 && tally.roll == 9 && tally.lines.isEmpty)
            // Not only hidden: the counts were never written.
            #expect(try await store.sql.select().column("count").from("poll_counts").all().isEmpty)
        }
        try await Self.withPoll(roll: 9) { store async throws in
            for voter in Self.voters(5) { _ = try await store.cast(Self.code, by: voter.rawValue, answers: [.low, .high], key: Self.key) }
            try await store.closePoll(Self.code, by: "secretary", key: Self.key)
            let tally = try await store.tally(Self.code, for: .console)
            #expect(!tally.isWithheld && tally.lines[0].counts[.low] == 5)
        }
    }

    @Test func anotherKeyIsRefusedAndChangesNothing() async throws {
        try await Self.withPoll(roll: 6) { store async throws in
            let other = BallotKey.generate()
            await #expect(throws: PollError.wrongKey(Self.code)) { try await store.cast(Self.code, by: "voter1", answers: [.low, .high], key: other) }
            for voter in Self.voters(5) { _ = try await store.cast(Self.code, by: voter.rawValue, answers: [.low, .high], key: Self.key) }
            await #expect(throws: PollError.wrongKey(Self.code)) { try await store.closePoll(Self.code, by: "secretary", key: other) }
            #expect(try await store.poll(Self.code)?.isClosed == false)
            // A ballot whose seal is broken stops the close whole.
            let id = try await store.sql.select().column("id").from("poll_ballots").first(decodingColumn: "id", as: String.self)!
            try await store.sql.update("poll_ballots").set("sealed", to: try other.seal([.high, .high], poll: Self.code)).where("id", .equal, id).run()
            await #expect(throws: PollError.sealedBallot(Self.code)) { try await store.closePoll(Self.code, by: "secretary", key: Self.key) }
            #expect(try await store.poll(Self.code)?.isClosed == false)
            #expect(try await store.sql.select().column("id").from("poll_ballots").all().count == 5)
        }
    }

    @Test func aVoterOnAnOpenRollCannotBeRemoved() async throws {
        try await Self.withPoll(roll: 5) { store async throws in
            try await store.addAccount(Account(username: Username(unchecked: "voter2"), role: .viewer, unit: nil, language: "en"), passwordHash: "x")
            await #expect(throws: PollError.onOpenRoll(name: "voter2", poll: Self.code)) { try await store.removeAccount(named: "voter2") }
            #expect(try await store.account(named: "voter2") != nil)
            try await store.closePoll(Self.code, by: "secretary", key: Self.key)
            #expect(try await store.removeAccount(named: "voter2"))
        }
    }

    @Test func thresholdsAreExactFractionsOfTheStatedBase() async throws {
        // Nine cast: six low is exactly two thirds (reached, "or more"), and more than half.
        try await Self.withPoll(roll: 10) { store async throws in
            for (i, voter) in Self.voters(9).enumerated() {
                _ = try await store.cast(Self.code, by: voter.rawValue, answers: [i < 6 ? .low : .high, i < 4 ? .low : .confidence], key: Self.key)
            }
            try await store.closePoll(Self.code, by: "secretary", key: Self.key)
            let tally = try await store.tally(Self.code, for: .console)
            #expect(tally.baseCount == 9)
            #expect(tally.lines[0].reached.map(\.description) == ["low > 1/2", "low ≥ 2/3"])
            #expect(tally.lines[1].reached.isEmpty)  // 4 of 9 is not more than half
        }
        // On the whole roll of ten, the same six low are more than half but not two thirds.
        try await Self.withPoll(roll: 10, base: .roll) { store async throws in
            for (i, voter) in Self.voters(9).enumerated() {
                _ = try await store.cast(Self.code, by: voter.rawValue, answers: [i < 6 ? .low : .high, .high], key: Self.key)
            }
            try await store.closePoll(Self.code, by: "secretary", key: Self.key)
            let tally = try await store.tally(Self.code, for: .console)
            #expect(tally.baseCount == 10 && tally.cast == 9)
            #expect(tally.lines[0].reached.map(\.description) == ["low > 1/2"])
        }
        let half = ConfidencePoll.Threshold(answer: .low, numerator: 1, denominator: 2, strictly: true)
        #expect(!half.isReached(count: 4, base: 8) && half.isReached(count: 5, base: 8) && !half.isReached(count: 0, base: 0))
    }

    @Test func aReceiptProvesItsBallotWasCountedAndNothingElse() async throws {
        try await Self.withPoll(roll: 5) { store async throws in
            var receipts: [String] = []
            for voter in Self.voters(5) { receipts.append(try await store.cast(Self.code, by: voter.rawValue, answers: [.high, .blank], key: Self.key)) }
            // Receipts are stored hashed, so the table does not hold what voters were given.
            let stored = try await store.sql.select().column("receipt_hash").from("poll_receipts").all(decodingColumn: "receipt_hash", as: String.self)
            #expect(stored.count == 5 && Set(stored).isDisjoint(with: receipts))
            try await store.closePoll(Self.code, by: "secretary", key: Self.key)
            #expect(try await store.isCounted(Self.code, receipt: receipts[1]))
            #expect(!(try await store.isCounted(Self.code, receipt: "not-a-receipt")))
        }
    }

    /// A vote opened by the earlier schema, which counted ballots as they came in and kept voters' names in
    /// rowid order, is carried over: its voters become sorted marks, and the close adds the sealed ballots cast
    /// since to the counts it had.
    @Test func aVoteOpenedBeforeBallotsWereSealedClosesWithAllItsBallots() async throws {
        try await TestDatabase.withFresh { url async throws in
            let location = try DatabaseLocation(parsing: url)
            let old = try await Store.connect(location, logger: .init(label: "test"))
            do {
                try await Migrations.apply(Array(Migrations.all.prefix { $0.version < 9 }), on: old)
                let db = old.sql
                // Written as that schema's rows: today's import also maintains tables that schema did not have.
                try await db.raw("INSERT INTO units (code, level, origin) VALUES ('BG', 'province', 'recorded')").run()
                try await db.raw("INSERT INTO polls (code, title, unit_code, base, thresholds, closed, created_by) VALUES ('OLD', 'Old vote', 'BG', 'cast', '', 0, 'admin')").run()
                try await db.raw("INSERT INTO poll_officials (poll_code, position, name, role) VALUES ('OLD', 0, 'Official A', 'Secretary')").run()
                for voter in Self.voters(6) { try await db.raw("INSERT INTO poll_roll (poll_code, username) VALUES ('OLD', \(bind: voter.rawValue))").run() }
                for (answer, count) in [("high", 2), ("confidence", 0), ("low", 1), ("blank", 0)] {
                    try await db.raw("INSERT INTO poll_counts (poll_code, position, answer, count) VALUES ('OLD', 0, \(bind: answer), \(bind: count))").run()
                }
                for voter in ["voter3", "voter1", "voter2"] { try await db.raw("INSERT INTO poll_voted (poll_code, username) VALUES ('OLD', \(bind: voter))").run() }
                try await db.raw("INSERT INTO poll_receipts (poll_code, receipt_hash) VALUES ('OLD', 'r1'), ('OLD', 'r2'), ('OLD', 'r3')").run()
                try await old.close()
            } catch {
                try? await old.close()
                throw error
            }
            try await Store.using(location) { store in
                let voted3 = try await store.hasVoted("OLD", "voter3")
                let voted4 = try await store.hasVoted("OLD", "voter4")
                #expect(voted3 && !voted4)
                await #expect(throws: PollError.alreadyVoted("voter1")) { try await store.cast("OLD", by: "voter1", answers: [.low], key: Self.key) }
                _ = try await store.cast("OLD", by: "voter4", answers: [.low], key: Self.key)
                _ = try await store.cast("OLD", by: "voter5", answers: [.confidence], key: Self.key)
                await #expect(throws: PollError.wrongKey("OLD")) { try await store.closePoll("OLD", by: "secretary", key: BallotKey.generate()) }
                try await store.closePoll("OLD", by: "secretary", key: Self.key)
                let tally = try await store.tally("OLD", for: .console)
                #expect(tally.cast == 5 && tally.lines[0].counts == [.high: 2, .confidence: 1, .low: 2, .blank: 0] && tally.isConsistent)
            }
        }
    }
}
