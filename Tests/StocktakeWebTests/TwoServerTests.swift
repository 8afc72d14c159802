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
}
