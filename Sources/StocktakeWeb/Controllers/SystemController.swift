import Foundation
import Hummingbird

/// Routes for machines and for every page: health, metrics, the API description and the style sheet.
struct SystemController {
    let openAPI: ByteBuffer
    let styleSheet: ByteBuffer

    init() throws {
        openAPI = try Self.resource("openapi.json")
        styleSheet = try Self.resource("style.css")
    }

    static func resource(_ name: String) throws -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent(name),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw WebError.missingResource(name) }
        return ByteBuffer(bytes: data)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: PrometheusMetrics.exposition())))
        }
        router.get("/api/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: openAPI))
        }
        router.get("/static/style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"], body: .init(byteBuffer: styleSheet))
        }
    }
}
