import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing
@testable import StocktakeWeb

/// Two server processes' worth of application, each with its own store (its own connections), in front of one
/// database: a figure written through one is shown by the other, and the maintained roll-ups stay equal to a
/// rebuild. On the engine the suite runs on.
@Suite struct TwoServerTests {
    static func actual(_ answer: APITests.Answer, _ indicator: String) -> String? {
        let results = answer.json["results"] as? [[String: Any]] ?? []
        return (results.first { $0["indicator"] as? String == indicator }?["actual"] as? [String: Any])?["value"] as? String
    }

    @Test func aWriteThroughOneServerIsShownByTheOther() async throws {
        try await TestDatabase.withFresh { url async throws in
            let location = try DatabaseLocation(parsing: url)
            try await Store.using(location) { first async throws in
                try await WebHarness.prepare(first)
                try await Store.using(location) { second async throws in
                    try await WebHarness.serve(first) { writer async throws in
                        try await WebHarness.serve(second) { reader async throws in
                            let editor = try await APITests.signIn(writer, "city")
                            let viewer = try await APITests.signIn(reader, "viewer")
                            // The reader has evaluated the year before the write, so a stale evaluation would show.
                            let before = try await APITests.call(reader, .get, "/api/v1/evaluations/BG-CITY?period=2024", token: viewer)
                            #expect(before.status == .ok && Self.actual(before, "new_party_members") == nil)
                            for (revision, value) in [(1, "300"), (2, "301")] {
                                let reason = revision > 1 ? #", "reason": "recounted""# : ""
                                let body = #"{"unit": "BG-CITY", "indicator": "new_party_members", "period": "2024", "value": "\#(value)"\#(reason)}"#
                                let written = try await APITests.call(writer, .post, "/api/v1/observations", token: editor, body: body)
                                #expect(written.status == .created && written.json["revision"] as? Int == revision)
                                // A server reads the data version again at most a quarter of a second after it last did.
                                try await Task.sleep(for: .milliseconds(300))
                                let after = try await APITests.call(reader, .get, "/api/v1/evaluations/BG-CITY?period=2024", token: viewer)
                                #expect(Self.actual(after, "new_party_members") == value, "\(after.json)")
                            }
                            #expect(try await second.verifyFigures().map(\.description) == [])
                        }
                    }
                }
            }
        }
    }

    /// Three servers' stores on one database, four writers each, every writer correcting its own figure of a
    /// district three times: all twelve figures' writes land on their province's roll-ups at once (on PostgreSQL they
    /// conflict on its row and are retried). A fourth server reads the province throughout. Nothing is lost: every
    /// revision is stored, the maintained figures and findings equal a rebuild, and the evaluations read from the
    /// store equal a whole evaluation made afresh.
    @Test func concurrentWritersThroughSeveralServersLoseNothing() async throws {
        try await TestDatabase.withFresh { url async throws in
            let location = try DatabaseLocation(parsing: url)
            try await Store.using(location) { reader async throws in
                try await WebHarness.prepare(reader)
                let indicators = ["new_party_members", "budget_revenue", "grdp_size", "trade_value", "services_output", "nr_model_communes"]
                let keys = ["BG-CITY", "BG-YD"].flatMap { unit in indicators.map { (unit, $0) } }
                var stores: [Store] = []
                for _ in 0..<3 { stores.append(try await Store.open(location)) }
                do {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for (index, key) in keys.enumerated() {
                            let store = stores[index % stores.count]
                            group.addTask {
                                for revision in 1...3 {
                                    _ = try await DataVersionsTests.write(
                                        store, key.0, key.1, "\(100 * revision + index)", reason: revision > 1 ? "recounted" : nil)
                                }
                            }
                        }
                        group.addTask {
                            for _ in 0..<20 {
                                _ = try await reader.unitReview(of: UnitCode(unchecked: "BG"), period: DataVersionsTests.period, asOf: DataVersions.today())
                                _ = try await reader.subtreeFindings(of: UnitCode(unchecked: "BG"), period: DataVersionsTests.period, asOf: DataVersions.today())
                            }
                        }
                        try await group.waitForAll()
                    }
                } catch {
                    for store in stores { try? await store.close() }
                    throw error
                }
                for store in stores { try await store.close() }
                for (index, key) in keys.enumerated() {
                    let revisions = try await reader.history(of: ObservationKey(
                        unit: UnitCode(unchecked: key.0), indicator: IndicatorCode(unchecked: key.1), period: DataVersionsTests.period))
                    #expect(revisions.map(\.revision) == [1, 2, 3], "\(key)")
                    #expect(revisions.last?.figure == .value(Decimal(300 + index)), "\(key)")
                }
                #expect(try await reader.verifyFigures().map(\.description) == [])
                #expect(try await reader.verifyFindings().map(\.description) == [])
                try await DataVersionsTests.expectStoredEqualsWhole(reader, units: ["BG", "BG-CITY", "BG-YD"])
            }
        }
    }
}

