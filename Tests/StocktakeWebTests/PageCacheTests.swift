import Foundation
import Testing
@testable import StocktakeWeb

/// A page asked for by many requests at once after a write is rendered once; the others get its body, or the
/// body of the version before while it is fresh.
@Suite struct PageCacheTests {
    /// Sixteen requests at once for one page of one version: one renders, fifteen wait and get what it rendered.
    @Test func concurrentRequestsForOnePageRenderItOnce() async throws {
        let cache = PageCache()
        let claims = await withTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    switch await cache.claim("dashboard|VN", version: 7) {
                    case .kept(let body): return body
                    case .render:
                        // Long enough that the others ask while it renders.
                        try? await Task.sleep(for: .milliseconds(200))
                        cache.keep("dashboard|VN", version: 7, body: "rendered")
                        return "render"
                    case .renderAlone: return "alone"
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(claims.filter { $0 == "render" }.count == 1)
        #expect(claims.filter { $0 == "rendered" }.count == 15)
        // Kept for the version, not for the next one.
        guard case .kept("rendered") = await cache.claim("dashboard|VN", version: 7) else { Issue.record("not kept"); return }
        guard case .render = await cache.claim("dashboard|VN", version: 8) else { Issue.record("a newer version served an older body"); return }
    }

    /// After a write, the first request renders the new version; requests at the same moment get the version
    /// before while it renders, if that was rendered within `fresh`, and else wait for the new one.
    @Test func othersReadTheVersionBeforeWhileTheFirstRendersTheNewOneIfItIsFresh() async throws {
        let cache = PageCache(fresh: .milliseconds(300))
        guard case .render = await cache.claim("dashboard|BG", version: 1) else { Issue.record("the first did not render"); return }
        cache.keep("dashboard|BG", version: 1, body: "one")
        guard case .render = await cache.claim("dashboard|BG", version: 2) else { Issue.record("the first after a write did not render"); return }
        guard case .kept("one") = await cache.claim("dashboard|BG", version: 2) else { Issue.record("a reader waited for a fresh page's render"); return }
        cache.keep("dashboard|BG", version: 2, body: "two")
        guard case .kept("two") = await cache.claim("dashboard|BG", version: 2) else { Issue.record("not kept"); return }
        // Another page's render bumped the version: this page's body of version 2 is now the one before.
        guard case .render = await cache.claim("indicator|BG", version: 3) else { Issue.record("not rendered"); return }
        cache.keep("indicator|BG", version: 3, body: "indicator")
        guard case .render = await cache.claim("dashboard|BG", version: 3) else { Issue.record("the first after a write did not render"); return }
        guard case .kept("two") = await cache.claim("dashboard|BG", version: 3) else { Issue.record("the version before was not served"); return }
        // Once the body before is older than `fresh`, readers wait for the render instead.
        try await Task.sleep(for: .milliseconds(400))
        let reader = Task { await cache.claim("dashboard|BG", version: 3) }
        while cache.waiters("dashboard|BG", version: 3) < 1 { try await Task.sleep(for: .milliseconds(5)) }
        cache.keep("dashboard|BG", version: 3, body: "three")
        guard case .kept("three") = await reader.value else { Issue.record("a stale body was served"); return }
    }

    /// A render that fails lets each waiting request render for itself rather than wait for ever.
    @Test func aFailedRenderReleasesTheWaitingRequests() async throws {
        let cache = PageCache()
        guard case .render = await cache.claim("indicator|BG", version: 1) else { Issue.record("the first did not render"); return }
        let waiters = Task {
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 {
                    group.addTask { if case .renderAlone = await cache.claim("indicator|BG", version: 1) { true } else { false } }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
        }
        while cache.waiters("indicator|BG", version: 1) < 4 { try await Task.sleep(for: .milliseconds(5)) }
        cache.abandon("indicator|BG", version: 1)
        #expect(await waiters.value == [true, true, true, true])
    }
}
