import Foundation
import Hummingbird
import StocktakeCore
import Testing
@testable import StocktakeWeb

@Suite struct SystemTests {
    @Test func healthMetricsAndTheAPIDescriptionArePublic() async throws {
        try await WebHarness.run { client, _ async throws in
            #expect(try await client.execute(uri: "/healthz", method: .get) { String(buffer: $0.body) } == "ok\n")
            _ = try await client.execute(uri: "/login", method: .get) { $0.status }
            let metrics = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(metrics.contains("# TYPE hb_requests counter"))
            #expect(metrics.contains("http_server_request_duration_seconds_bucket{"))
            #expect(metrics.contains("http_route=\"/login\""))
            let openAPI = try await client.execute(uri: "/api/openapi.json", method: .get) { Data(buffer: $0.body) }
            let document = try #require(try JSONSerialization.jsonObject(with: openAPI) as? [String: Any])
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            #expect(try await client.execute(uri: "/static/style.css", method: .get) { $0.status } == .ok)
        }
    }

    @Test func multipartFormsAreRead() throws {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nline 1\r\nline 2\r\n--XyZ--\r\n"
        let form = try Form.multipart(Data(body.utf8), boundary: "XyZ")
        #expect(form.fields["_csrf"] == "abc")
        #expect(form.files["file"]?.filename == "a.csv")
        #expect(form.files["file"].map { String(decoding: $0.content, as: UTF8.self) } == "line 1\r\nline 2")
        #expect(Form.urlEncoded("a=1+2&b=%C3%A1&c") == ["a": "1 2", "b": "á", "c": ""])
    }

    @Test func chartTicksAreRoundAndCoverTheFigures() {
        let ticks = HistoryChart.ticks(low: 13.85, high: 20699.5)
        #expect(ticks.first == 0 && ticks.last! >= 20699.5)
        #expect(ticks == [0, 5000, 10000, 15000, 20000, 25000])
        let narrow = HistoryChart.ticks(low: Decimal(string: "87.36")!, high: Decimal(string: "87.36")!)
        #expect(narrow.first! == 0 && narrow.last! >= Decimal(string: "87.36")! && narrow.count <= 7)
    }
}
