import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// The JSON API: the same authorization as the pages, JSON errors with stable codes.
@Suite struct APITests {
    struct Answer {
        let status: HTTPResponse.Status
        let json: [String: Any]
    }

    static func call(_ client: LiveClient, _ method: HTTPRequest.Method, _ path: String, token: String? = nil, cookie: String? = nil, body: String? = nil) async throws -> Answer {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let cookie { headers[.cookie] = cookie }
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return Answer(status: response.status, json: object)
        }
    }

    static func signIn(_ client: LiveClient, _ username: String) async throws -> String {
        let answer = try await call(client, .post, "/api/v1/session", body: #"{"username": "\#(username)", "password": "\#(WebHarness.password)"}"#)
        #expect(answer.status == .created)
        return try #require(answer.json["token"] as? String)
    }

    static func errorCode(_ answer: Answer) -> String? { (answer.json["error"] as? [String: Any])?["code"] as? String }

    @Test func readsNeedASessionAndAnswerWithTheDataSetFormat() async throws {
        try await WebHarness.run { client, _ async throws in
            let anonymous = try await Self.call(client, .get, "/api/v1/units")
            #expect(anonymous.status == .unauthorized && Self.errorCode(anonymous) == "unauthenticated")
            let token = try await Self.signIn(client, "viewer")
            let units = try await Self.call(client, .get, "/api/v1/units", token: token)
            #expect((units.json["units"] as? [[String: Any]])?.contains { $0["code"] as? String == "BG" } == true)
            let unit = try await Self.call(client, .get, "/api/v1/units/BG", token: token)
            #expect((unit.json["children"] as? [String]) == ["BG-CITY", "BG-YD"])
            #expect(try await Self.call(client, .get, "/api/v1/units/XX", token: token).status == .notFound)
            #expect((try await Self.call(client, .get, "/api/v1/indicators", token: token).json["indicators"] as? [Any])?.count == 15)
            #expect((try await Self.call(client, .get, "/api/v1/documents", token: token).json["documents"] as? [Any])?.count == 10)
            #expect((try await Self.call(client, .get, "/api/v1/targets?period=2024", token: token).json["targets"] as? [Any])?.count == 4)
            let observations = try await Self.call(client, .get, "/api/v1/observations?unit=BG&indicator=grdp_growth&period=2024", token: token)
            #expect((observations.json["observations"] as? [[String: Any]])?.first?["value"] as? String == "13.85")
            #expect(Self.errorCode(try await Self.call(client, .get, "/api/v1/observations", token: token)) == "missing_parameter")
            #expect(Self.errorCode(try await Self.call(client, .get, "/api/v1/targets?period=20x4", token: token)) == "invalid_parameter")
            let evaluation = try await Self.call(client, .get, "/api/v1/evaluations/BG?period=2024", token: token)
            let results = try #require(evaluation.json["results"] as? [[String: Any]])
            let communes = try #require(results.first { $0["indicator"] as? String == "nr_communes" })
            #expect((communes["actual"] as? [String: Any])?["percent"] as? String == "87.3626373626")
            let ranking = try await Self.call(client, .get, "/api/v1/rankings/grdp_growth?period=2024&level=province", token: token)
            let ranked = try #require(ranking.json["ranking"] as? [[String: Any]])
            // The harness holds one province; RankTests compares the database's ranks with the evaluator's.
            #expect(ranked.map { "\($0["unit"] ?? "")@\($0["position"] ?? "")/\($0["of"] ?? "")" } == ["BG@1/1"])
            let noIndicator = try await Self.call(client, .get, "/api/v1/rankings/no_such?period=2024", token: token)
            #expect(noIndicator.status == .notFound && Self.errorCode(noIndicator) == "unknown_indicator")
            let unknown = try await Self.call(client, .get, "/api/v1/nothing-here", token: token)
            #expect(unknown.status == .notFound && Self.errorCode(unknown) == "not_found")
            #expect(Self.errorCode(try await Self.call(client, .put, "/api/v1/units", token: token)) != nil)
        }
    }

    @Test func writesFollowTheSameRemitAsThePages() async throws {
        try await WebHarness.run { client, store async throws in
            let body = #"{"unit": "BG-CITY", "indicator": "new_party_members", "period": "2024", "value": "300"}"#
            let outsider = try await Self.signIn(client, "yendung")
            let refused = try await Self.call(client, .post, "/api/v1/observations", token: outsider, body: body)
            #expect(refused.status == .forbidden && Self.errorCode(refused) == "outside_remit")

            let editor = try await Self.signIn(client, "city")
            let created = try await Self.call(client, .post, "/api/v1/observations", token: editor, body: body)
            #expect(created.status == .created && created.json["revision"] as? Int == 1)
            let noReason = try await Self.call(client, .post, "/api/v1/observations", token: editor, body: body.replacingOccurrences(of: "\"300\"", with: "\"301\""))
            #expect(noReason.status == .unprocessableContent && Self.errorCode(noReason) == "invalid_observation")
            #expect(((noReason.json["error"] as? [String: Any])?["details"] as? [[String: String]])?.first?["field"] == "reason")
            let viewer = try await Self.signIn(client, "viewer")
            #expect(try await Self.call(client, .post, "/api/v1/observations", token: viewer, body: body).status == .forbidden)
            #expect(try await store.observations(units: [UnitCode(unchecked: "BG-CITY")]).count == 1)

            // A browser's cookie may read but not write: writes need the bearer token, which pages never send.
            let browser = Browser(client)
            _ = try await browser.signIn("city")
            let cookie = "\(SessionMiddleware.cookieName)=\(browser.cookies[SessionMiddleware.cookieName] ?? "")"
            #expect(try await Self.call(client, .get, "/api/v1/units", cookie: cookie).status == .ok)
            let viaCookie = try await Self.call(client, .post, "/api/v1/observations", cookie: cookie, body: body)
            #expect(viaCookie.status == .forbidden && Self.errorCode(viaCookie) == "bearer_required")

            #expect(try await Self.call(client, .delete, "/api/v1/session", token: editor).status == .noContent)
            #expect(try await Self.call(client, .get, "/api/v1/units", token: editor).status == .unauthorized)
        }
    }

    @Test func wrongCredentialsGiveOneAnswer() async throws {
        try await WebHarness.run { client, _ async throws in
            let wrong = try await Self.call(client, .post, "/api/v1/session", body: #"{"username": "city", "password": "nope"}"#)
            let unknown = try await Self.call(client, .post, "/api/v1/session", body: #"{"username": "nobody", "password": "nope"}"#)
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(NSDictionary(dictionary: wrong.json) == NSDictionary(dictionary: unknown.json))
            #expect(Self.errorCode(try await Self.call(client, .post, "/api/v1/session", body: "not json")) == "invalid_body")
        }
    }
}
