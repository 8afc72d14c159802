import Foundation
import Testing
@testable import StocktakeWeb

/// A page asked for by many requests at once after a write is rendered once; the others get its body.
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
