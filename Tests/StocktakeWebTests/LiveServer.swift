import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// The application served on a loopback port for the length of a test, and a client for it.
///
/// Hummingbird's own test clients give up on a request after 15 or 20 seconds; on a busy two-core machine a
/// PostgreSQL test can wait longer than that for its turn, and the test would fail for no fault of the code. This
/// client waits as long as a person's browser would let a page load: the limit is only there to end a test that
/// hangs, not to judge speed.
enum LiveServer {
    static let requestLimit: TimeAmount = .minutes(10)

    static func run<App: ApplicationProtocol>(
        _ build: (@escaping @Sendable (Int) async -> Void) async throws -> App,
        _ body: @escaping @Sendable (LiveClient) async throws -> Void
    ) async throws {
        let (ports, port) = AsyncStream.makeStream(of: Int.self)
        let app = try await build { port.yield($0) }
        let services = ServiceGroup(configuration: .init(services: [app], logger: app.logger))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var running = ports.makeAsyncIterator()
            guard let bound = await running.next() else { throw CancellationError() }
            let client = LiveClient(port: bound)
            do {
                try await body(client)
            } catch {
                try? await client.shutdown()
                await services.triggerGracefulShutdown()
                throw error
            }
            try await client.shutdown()
            await services.triggerGracefulShutdown()
        }
    }
}

/// Sends requests to the served application over real HTTP, without following redirects (tests read them).
struct LiveClient: Sendable {
    let port: Int
    private let http = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    init(port: Int) { self.port = port }

    struct Response: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: ByteBuffer
    }

    @discardableResult
    func execute<Return>(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil,
        testCallback: @escaping (Response) async throws -> Return = { $0 }
    ) async throws -> Return {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(uri)")
        request.method = HTTPMethod(rawValue: method.rawValue)
        for field in headers { request.headers.add(name: field.name.rawName, value: field.value) }
        if let body { request.body = .bytes(body) }
        let response = try await http.execute(request, deadline: .now() + LiveServer.requestLimit)
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let name = HTTPFields.Element.Name(name) { fields.append(HTTPFields.Element(name: name, value: value)) }
        }
        let bytes = try await response.body.collect(upTo: 256 << 20)
        return try await testCallback(Response(status: HTTPResponse.Status(code: Int(response.status.code)), headers: fields, body: bytes))
    }

    func shutdown() async throws { try await http.shutdown() }
}
