import Foundation
import Hummingbird

/// Rendered page bodies, kept per page and data version: a page that shows only stored figures (no form, no
/// token) is rendered once per version and then served from here. The cache keeps the newest version's pages,
/// and the one before.
///
/// A page is rendered once per version even when many requests ask for it at once: the first renders it. The
/// others get the body of the version before, if it was rendered less than `fresh` ago, and else wait for the
/// new one. So the request that comes first after a write (a person's own, after saving) always sees it, and a
/// page read at the same moment by others is at most one render and `fresh` behind; without that, every write
/// (ten a second in a review's busy weeks) made every reader of the page wait for its render.
final class PageCache: @unchecked Sendable {
    private struct Body {
        let text: String
        let kept: ContinuousClock.Instant
    }

    private let lock = NSLock()
    private var version = -1
    private var bodies: [String: Body] = [:]
    /// The bodies of the version before `version`.
    private var previous: [String: Body] = [:]
    /// Requests waiting for a body another request is rendering, by version and key.
    private var waiting: [String: [CheckedContinuation<String?, Never>]] = [:]
    private let limit: Int
    let fresh: Duration

    init(limit: Int = 2_000, fresh: Duration = .seconds(1)) {
        self.limit = limit
        self.fresh = fresh
    }

    /// What a request should do for a page.
    enum Claim {
        /// Serve this body.
        case kept(String)
        /// Render the page, then ``keep(_:version:body:)`` or ``abandon(_:version:)`` it.
        case render
        /// Render the page without telling anyone: the request that rendered it first failed.
        case renderAlone
    }

    /// The page's body if kept; else the duty to render it, or, while another request renders it, the body of
    /// the version before if it is fresh, or the body that request renders.
    func claim(_ key: String, version: Int) async -> Claim {
        let flight = "\(version)|\(key)"
        let first: Claim? = lock.withLock {
            if self.version == version, let body = bodies[key] { return .kept(body.text) }
            guard waiting[flight] != nil else {
                waiting[flight] = []
                return .render
            }
            let older = self.version < version ? bodies[key] : previous[key]
            if let older, ContinuousClock.now - older.kept < fresh { return .kept(older.text) }
            return nil
        }
        if let first { return first }
        let body: String? = await withCheckedContinuation { continuation in
            lock.withLock {
                if self.version == version, let body = bodies[key] {
                    continuation.resume(returning: body.text)
                } else if waiting[flight] == nil {
                    continuation.resume(returning: nil)
                } else {
                    waiting[flight]!.append(continuation)
                }
            }
        }
        return body.map { .kept($0) } ?? .renderAlone
    }

    /// Keeps a rendered body and gives it to the requests waiting for it.
    func keep(_ key: String, version: Int, body: String) {
        let waiters = lock.withLock {
            if version > self.version {
                self.version = version
                previous = bodies
                bodies.removeAll()
            }
            if version == self.version {
                if bodies.count >= limit { bodies.removeAll() }
                bodies[key] = Body(text: body, kept: .now)
            }
            return waiting.removeValue(forKey: "\(version)|\(key)") ?? []
        }
        for waiter in waiters { waiter.resume(returning: body) }
    }

    /// How many requests wait for the body of `key` at `version`.
    func waiters(_ key: String, version: Int) -> Int {
        lock.withLock { waiting["\(version)|\(key)"]?.count ?? 0 }
    }

    /// The render failed: the requests waiting for it render the page themselves.
    func abandon(_ key: String, version: Int) {
        let waiters = lock.withLock { waiting.removeValue(forKey: "\(version)|\(key)") ?? [] }
        for waiter in waiters { waiter.resume(returning: nil) }
    }
}

extension WebServices {
    /// A page whose body depends only on `key` and the data version: served from ``PageCache`` when kept,
    /// else built by `build` (a template and its view), rendered and kept — once, however many ask at once.
    func cachedPage(
        _ key: String, scope: PageScope, frame: Frame, build: () async throws -> (template: String, view: Any)
    ) async throws -> Response {
        let fullKey = "\(key)|\(frame.lang)"
        let claim = await pages.claim(fullKey, version: scope.version)
        if case .kept(let body) = claim { return renderer.page(body: body, frame: frame) }
        let body: String?
        do {
            let (template, view) = try await build()
            body = renderer.body(template, view)
        } catch {
            if case .render = claim { pages.abandon(fullKey, version: scope.version) }
            throw error
        }
        if let body {
            pages.keep(fullKey, version: scope.version, body: body)
        } else if case .render = claim {
            pages.abandon(fullKey, version: scope.version)
        }
        return renderer.page(body: body, frame: frame)
    }
}
