import Foundation
import Hummingbird

/// Rendered page bodies, kept per page and data version: a page that shows only stored figures (no form, no
/// token) is rendered once per version and then served from here. Any write moves the version, so nothing
/// stale is shown; the cache keeps the newest version's pages only.
final class PageCache: @unchecked Sendable {
    private let lock = NSLock()
    private var version = -1
    private var bodies: [String: String] = [:]
    private let limit: Int

    init(limit: Int = 2_000) { self.limit = limit }

    func kept(_ key: String, version: Int) -> String? {
        lock.withLock { self.version == version ? bodies[key] : nil }
    }

    func keep(_ key: String, version: Int, body: String) {
        lock.withLock {
            if version > self.version {
                self.version = version
                bodies.removeAll()
            }
            guard version == self.version else { return }
            if bodies.count >= limit { bodies.removeAll() }
            bodies[key] = body
        }
    }
}

extension WebServices {
    /// A page whose body depends only on `key` and the data version: served from ``PageCache`` when kept,
    /// else built by `build` (a template and its view), rendered and kept.
    func cachedPage(
        _ key: String, scope: PageScope, frame: Frame, build: () async throws -> (template: String, view: Any)
    ) async throws -> Response {
        let fullKey = "\(key)|\(frame.lang)"
        if let body = pages.kept(fullKey, version: scope.version) { return renderer.page(body: body, frame: frame) }
        let (template, view) = try await build()
        guard let body = renderer.body(template, view) else { return renderer.page(body: nil, frame: frame) }
        pages.keep(fullKey, version: scope.version, body: body)
        return renderer.page(body: body, frame: frame)
    }
}
