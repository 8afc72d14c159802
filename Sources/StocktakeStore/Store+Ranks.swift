import Foundation
import SQLKit
import StocktakeCore

/// One unit's place in a ranking the database computed, with the maintained figure it was ranked by.
public struct RankedFigure: Sendable, Hashable {
    public let unit: UnitCode
    public let rank: Rank
    public let figure: UnitFigure
}

extension RecordAccess {
    /// Units active in `period` that have a figure of `indicator`, ranked best first by the indicator's
    /// direction within each peer group of `scope`, ties sharing a position (1, 2, 2, 4): the ranks of
    /// ``Evaluation/ranks(for:)``, counted by one query with window functions over the maintained figures' rank
    /// keys, so that no server holds a period in memory. Ordered by position, then unit code.
    ///
    /// - Parameters:
    ///   - peersOf: only this unit's peer group in `scope` (nothing when it has none).
    ///   - level: only the units of this level.
    public func ranking(
        of indicator: Indicator, period: Period, among scope: PeerScope = .level, peersOf unit: OrgUnit? = nil, level: Level? = nil
    ) async throws -> [RankedFigure] {
        if let unit, Ranking.peerGroup(of: unit, in: scope) == nil { return [] }
        let order: SQLQueryString = indicator.better == .higher ? "DESC" : "ASC"
        // The peer group of `Ranking.peerGroup`: same level while active (`peer_level`), and same parent or same
        // group of the kind.
        var join: SQLQueryString = ""
        var partition: SQLQueryString = "f.peer_level"
        var filter: SQLQueryString = "AND f.peer_level IS NOT NULL"
        if let level = unit?.level ?? level { filter = "AND f.peer_level = \(bind: level.rawValue)" }
        switch scope {
        case .level: break
        case .parent:
            join = "JOIN units u ON u.code = f.unit_code"
            partition = "f.peer_level, u.parent_code"
            filter = "\(filter) AND u.parent_code IS NOT NULL"
            if let parent = unit?.parent { filter = "\(filter) AND u.parent_code = \(bind: parent.rawValue)" }
        case .group(let kind):
            join = "JOIN unit_groups g ON g.unit_code = f.unit_code AND g.kind = \(bind: kind.rawValue)"
            partition = "f.peer_level, g.name"
            if let name = unit?.groups[kind] { filter = "\(filter) AND g.name = \(bind: name)" }
        }
        let query: SQLQueryString = """
            SELECT f.*, \
            RANK() OVER (PARTITION BY \(partition) ORDER BY f.rank_key \(order)) AS position, \
            COUNT(*) OVER (PARTITION BY \(partition)) AS peers, \
            SUM(f.peer_synthetic) OVER (PARTITION BY \(partition)) AS synthetic_peers, \
            f.peer_synthetic AS synthetic \
            FROM unit_figures f \(join) \
            WHERE f.period = \(bind: period.description) AND f.indicator_code = \(bind: indicator.code.rawValue) \
            AND f.rank_key IS NOT NULL \(filter) \
            ORDER BY position, f.unit_code
            """
        return try await sql.raw(query).all().map { row in
            let figureRow = try row.decode(model: UnitFigureRow.self, with: rowDecoder)
            let place = try row.decode(model: PlaceRow.self, with: rowDecoder)
            return RankedFigure(
                unit: try storedCode(figureRow.unitCode),
                rank: Rank(position: place.position, of: place.peers, syntheticPeers: place.syntheticPeers - place.synthetic),
                figure: try figureRow.figure(kind: indicator.kind))
        }
    }
}

/// The window functions' columns of a ranking row.
struct PlaceRow: Decodable {
    var position: Int
    var peers: Int
    var syntheticPeers: Int
    var synthetic: Int

    enum CodingKeys: String, CodingKey {
        case position
        case peers
        case syntheticPeers = "synthetic_peers"
        case synthetic
    }
}
