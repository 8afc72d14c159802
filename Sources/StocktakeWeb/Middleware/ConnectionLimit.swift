import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// HTTP/1.1 connections with a ceiling: past `maximum` open connections a new one is answered
/// `503 Service Unavailable` and closed, so held connections cannot use up the process's file
/// descriptors, and a client is told to come back rather than left waiting in the listen queue.
struct LimitedHTTP1Channel: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let channel: any Channel
        /// nil for a connection turned away.
        let http: HTTP1Channel.Value?
    }

    let http: HTTP1Channel
    let open: OpenConnections

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        guard open.enter() else {
            var refusal = channel.allocator.buffer(capacity: 128)
            refusal.writeString("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            // Half-close, and read what the client sent until it closes, so that its unread request does not make
            // the kernel reset the connection before the client has read the answer; close anyway after a moment.
            channel.writeAndFlush(refusal).whenComplete { _ in channel.close(mode: .output, promise: nil) }
            channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
            return channel.eventLoop.makeSucceededFuture(Value(channel: channel, http: nil))
        }
        channel.closeFuture.whenComplete { [open] _ in open.leave() }
        return http.setup(channel: channel, logger: logger).map { Value(channel: channel, http: $0) }
    }

    func handle(value: Value, logger: Logger) async {
        guard let http = value.http else { return }
        await self.http.handle(value: http, logger: logger)
    }
}

/// The count of open connections that ``LimitedHTTP1Channel`` keeps under its ceiling.
final class OpenConnections: @unchecked Sendable {
    let maximum: Int
    private let lock = NSLock()
    private var count = 0

    init(maximum: Int) { self.maximum = maximum }

    /// Counts a new connection when there is room for it.
    func enter() -> Bool {
        lock.withLock {
            guard count < maximum else { return false }
            count += 1
            return true
        }
    }

    func leave() { lock.withLock { count -= 1 } }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with a time limit and a connection ceiling: a connection that sends nothing complete (a header
    /// left unfinished, or no next request) for `requestTimeout` is closed, and past `maxConnections` open
    /// connections new ones are turned away.
    static func limited(requestTimeout: Duration, maxConnections: Int) -> HTTPServerBuilder {
        let open = OpenConnections(maximum: maxConnections)
        return HTTPServerBuilder { responder in
            LimitedHTTP1Channel(http: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: TimeAmount(requestTimeout))), open: open)
        }
    }
}
