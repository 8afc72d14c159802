import Foundation
#if canImport(Glibc)
import Glibc
private let systemSend = Glibc.send
#elseif canImport(Darwin)
import Darwin
private let systemSend = Darwin.send
#endif

/// A TCP connection to the server on loopback, written and read byte by byte as an attacker's client would:
/// half-sent requests, held connections, many at once (each on its own thread, so that blocking reads do not
/// take the test runner's threads).
final class RawConnection: @unchecked Sendable {
    private let socket: Int32
    private let lock = NSLock()
    private var closed = false

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Connects to 127.0.0.1:`port`; a read waits at most `readLimit` seconds, so a test that expects the server
    /// to close a connection fails instead of hanging when the server keeps it.
    init(port: Int, readLimit: Int = 60) throws {
        #if canImport(Glibc)
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
        var timeout = timeval(tv_sec: readLimit, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw Failure(description: "connect: \(errno)")
        }
    }

    deinit { hangUp() }

    /// Closes the connection from this side.
    func hangUp() {
        let first = lock.withLock { () -> Bool in
            defer { closed = true }
            return !closed
        }
        if first { close(socket) }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { systemSend(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send: \(errno)") }
            sent += n
        }
    }

    enum Ending: Equatable {
        /// The server closed the connection (after sending what was read).
        case closed
        /// Nothing more came within the read limit and the connection is still open.
        case stillOpen
        /// The server reset the connection.
        case reset
    }

    /// Reads until the server closes the connection, or until `until` appears in what was read.
    func read(until marker: String? = nil) -> (text: String, ending: Ending) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                received += buffer[0..<n]
                if let marker, String(decoding: received, as: UTF8.self).contains(marker) {
                    return (String(decoding: received, as: UTF8.self), .stillOpen)
                }
                continue
            }
            let ending: Ending = n == 0 ? .closed : (errno == EAGAIN || errno == EWOULDBLOCK ? .stillOpen : .reset)
            return (String(decoding: received, as: UTF8.self), ending)
        }
    }

    /// One whole request on a connection of its own; the response's text.
    static func request(port: Int, _ text: String) throws -> String {
        let connection = try RawConnection(port: port)
        try connection.send(text)
        return connection.read().text
    }

    /// Runs `count` blocking jobs at once, each on a thread of its own, and gives back their results.
    static func concurrently<T: Sendable>(_ count: Int, _ job: @escaping @Sendable (Int) throws -> T) async throws -> [T] {
        try await withCheckedThrowingContinuation { continuation in
            let results = Results<T>(count)
            let group = DispatchGroup()
            for index in 0..<count {
                group.enter()
                Thread.detachNewThread {
                    results.set(index, Result { try job(index) })
                    group.leave()
                }
            }
            group.notify(queue: .global()) {
                continuation.resume(with: Result { try results.all.map { try $0.get() } })
            }
        }
    }

    private final class Results<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Result<T, any Error>?]
        init(_ count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<T, any Error>) { lock.withLock { values[index] = value } }
        var all: [Result<T, any Error>] { lock.withLock { values.compactMap { $0 } } }
    }
}
