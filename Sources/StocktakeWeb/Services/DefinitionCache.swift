import Foundation
import StocktakeCore
import StocktakeStore

/// Units and indicators as the pages read them. A stored unit never changes (imports only add units), so a unit
/// with the units above it is kept by code for the life of the process (up to `limit`, then all dropped at once);
/// the indicators and the first root are read again when the data version moves. A page served from
/// ``PageCache`` then reads nothing from the store but the data version.
final class DefinitionCache: @unchecked Sendable {
    private let lock = NSLock()
    /// Root first, the unit last.
    private var lineages: [UnitCode: [OrgUnit]] = [:]
    private var indicators: (version: Int, byCode: [IndicatorCode: Indicator])?
    private var root: (version: Int, unit: OrgUnit?)?
    private let limit: Int

    init(limit: Int = 20_000) { self.limit = limit }

    /// `code`'s unit and the units above it, root first and the unit last; nil for an unknown code.
    func lineage(of code: UnitCode, in store: Store) async throws -> [OrgUnit]? {
        if let kept = lock.withLock({ lineages[code] }) { return kept }
        guard let unit = try await store.units(codes: [code]).first else { return nil }
        let chain = try await store.ancestors(of: code) + [unit]
        lock.withLock {
            if lineages.count >= limit { lineages.removeAll() }
            lineages[code] = chain
        }
        return chain
    }

    /// Every indicator by code, as of data version `version`.
    func indicators(version: Int, in store: Store) async throws -> [IndicatorCode: Indicator] {
        if let kept = lock.withLock({ indicators }), kept.version == version { return kept.byCode }
        let byCode = try await store.indicatorsByCode()
        lock.withLock { indicators = (version, byCode) }
        return byCode
    }

    /// The first root in code order that is not synthetic, as of data version `version`.
    func firstRoot(version: Int, in store: Store) async throws -> OrgUnit? {
        if let kept = lock.withLock({ root }), kept.version == version { return kept.unit }
        let unit = try await store.roots().first { $0.origin != .synthetic }
        lock.withLock { root = (version, unit) }
        return unit
    }
}
