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

    static func poll(_ code: String = "BG-2024-confidence", base: ConfidencePoll.Base = .cast) -> ConfidencePoll {
        ConfidencePoll(code: PollCode(unchecked: code), title: "Confidence vote 2024", unit: UnitCode(unchecked: "BG"), officials: officials, base: base)
    }

    static func voters(_ n: Int) -> [Username] { (1...n).map { Username(unchecked: "voter\($0)") } }

    static func withPoll(roll: Int, base: ConfidencePoll.Base = .cast, _ body: @escaping (Store) async throws -> Void) async throws {
        try await TestDatabase.withStore { store async throws in
            try await store.importChecked(try StoreTests.sample())
            try await store.createPoll(poll(base: base), roll: voters(roll), by: "admin")
            try await body(store)
        }
    }

    @Test func oneBallotPerVoterAlsoWhenCastConcurrently() async throws {
        try await Self.withPoll(roll: 12) { store async throws in
            let code = "BG-2024-confidence"
            // Twelve voters at once, and the first of them trying five times at once.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for voter in Self.voters(12) {
                    group.addTask { (try? await store.cast(code, by: voter.rawValue, answers: [.high, .low])) != nil }
                }
                for _ in 0..<5 {
                    group.addTask { (try? await store.cast(code, by: "voter1", answers: [.low, .low])) != nil }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 12)
            await #expect(throws: PollError.alreadyVoted("voter3")) { try await store.cast(code, by: "voter3", answers: [.high, .high]) }
            await #expect(throws: PollError.notOnRoll("stranger")) { try await store.cast(code, by: "stranger", answers: [.high, .high]) }
            try await store.closePoll(code, by: "secretary")
            let tally = try await store.tally(code)
            #expect(tally.cast == 12 && tally.roll == 12 && tally.isConsistent)
            let a = tally.lines[0].counts
            let b = tally.lines[1].counts
            // voter1's ballot is one of the six tries; the others were refused whole.
            #expect(a[.high, default: 0] + a[.low, default: 0] == 12 && a[.low, default: 0] <= 1)
            #expect(b[.low] == 12)
        }
    }

    @Test func noResultBeforeTheClose() async throws {
        try await Self.withPoll(roll: 3) { store async throws in
            _ = try await store.cast("BG-2024-confidence", by: "voter1", answers: [.low, .blank])
            await #expect(throws: PollError.stillOpen("BG-2024-confidence")) { try await store.tally("BG-2024-confidence") }
            try await store.closePoll("BG-2024-confidence", by: "secretary")
            await #expect(throws: PollError.closed("BG-2024-confidence")) { try await store.cast("BG-2024-confidence", by: "voter2", answers: [.high, .high]) }
            let tally = try await store.tally("BG-2024-confidence")
            #expect(tally.lines[1].counts[.blank] == 1 && tally.lines[1].valid == 0 && tally.isConsistent)
        }
    }

    @Test func thresholdsAreExactFractionsOfTheStatedBase() async throws {
        // Nine cast: six low is exactly two thirds (reached, "or more"), and more than half.
        try await Self.withPoll(roll: 10) { store async throws in
            for (i, voter) in Self.voters(9).enumerated() {
                _ = try await store.cast("BG-2024-confidence", by: voter.rawValue, answers: [i < 6 ? .low : .high, i < 4 ? .low : .confidence])
            }
            try await store.closePoll("BG-2024-confidence", by: "secretary")
            let tally = try await store.tally("BG-2024-confidence")
            #expect(tally.baseCount == 9)
            #expect(tally.lines[0].reached.map(\.description) == ["low > 1/2", "low ≥ 2/3"])
            #expect(tally.lines[1].reached.isEmpty)  // 4 of 9 is not more than half
        }
        // On the whole roll of ten, the same six low are more than half but not two thirds.
        try await Self.withPoll(roll: 10, base: .roll) { store async throws in
            for (i, voter) in Self.voters(9).enumerated() {
                _ = try await store.cast("BG-2024-confidence", by: voter.rawValue, answers: [i < 6 ? .low : .high, .high])
            }
            try await store.closePoll("BG-2024-confidence", by: "secretary")
            let tally = try await store.tally("BG-2024-confidence")
            #expect(tally.baseCount == 10 && tally.cast == 9)
            #expect(tally.lines[0].reached.map(\.description) == ["low > 1/2"])
        }
        let half = ConfidencePoll.Threshold(answer: .low, numerator: 1, denominator: 2, strictly: true)
        #expect(!half.isReached(count: 4, base: 8) && half.isReached(count: 5, base: 8) && !half.isReached(count: 0, base: 0))
    }

    @Test func aDumpOfTheDatabaseCannotJoinVotersToTheirAnswers() async throws {
        try await Self.withPoll(roll: 4) { store async throws in
            var receipts: [String] = []
            for (voter, answer) in zip(Self.voters(4), [ConfidencePoll.Answer.high, .low, .confidence, .low]) {
                receipts.append(try await store.cast("BG-2024-confidence", by: voter.rawValue, answers: [answer, .blank]))
            }
            // Every row of every poll table, as text.
            var dump: [String: [[String: String]]] = [:]
            for table in ["polls", "poll_officials", "poll_roll", "poll_voted", "poll_counts", "poll_receipts"] {
                dump[table] = try await store.sql.select().columns("*").from(table).all().map { row in
                    Dictionary(uniqueKeysWithValues: row.allColumns.map { column in
                        (column, (try? row.decode(column: column, as: String.self)) ?? (try? row.decode(column: column, as: Int.self)).map(String.init) ?? "")
                    })
                }
            }
            // Who voted: the poll and the name, nothing else — no time, no sequence, no ballot key.
            #expect(dump["poll_voted"]?.first.map { Set($0.keys) } == ["poll_code", "username"])
            // What was voted: counts per official and answer, no name anywhere.
            let names = Set(Self.voters(4).map(\.rawValue))
            for table in ["poll_counts", "poll_receipts"] {
                #expect(dump[table]?.allSatisfy { row in row.values.allSatisfy { !names.contains($0) } } == true)
            }
            #expect(Set(dump["poll_counts"]?.first?.keys.map { $0 } ?? []) == ["poll_code", "position", "answer", "count"])
            // Receipts are stored hashed, so the table does not hold what voters were given either.
            #expect(dump["poll_receipts"]?.allSatisfy { !receipts.contains($0["receipt_hash"] ?? "") } == true)
            if store.engine == .postgres {
                // Every count row was rewritten by each ballot, so the last ballot's transaction id is on all
                // of them and points at no answer in particular.
                let versions = try await store.sql.raw("SELECT DISTINCT xmin::text AS x FROM poll_counts").all()
                #expect(versions.count == 1)
            }
            // A receipt proves its ballot was counted, and nothing else.
            #expect(try await store.isCounted("BG-2024-confidence", receipt: receipts[1]))
            #expect(!(try await store.isCounted("BG-2024-confidence", receipt: "not-a-receipt")))
        }
    }
}
