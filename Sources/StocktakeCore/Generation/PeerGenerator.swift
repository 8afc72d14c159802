import Foundation

/// Makes synthetic peers so that ranks have something to rank against: it fills a level up to its real size
/// (63 provinces in 6 regions) with synthetic units, and gives every peer without a figure a synthetic one,
/// chosen so that the ranks the sources reported come out of the computation unchanged (first of 63 in GRDP
/// growth stays first, 12th in GRDP size stays 12th).
///
/// Everything it makes is marked synthetic: units by their origin, figures by their source.
public struct PeerGenerator: Sendable {
    public struct Region: Sendable {
        public var name: String
        public var size: Int

        public init(_ name: String, size: Int) {
            self.name = name
            self.size = size
        }
    }

    /// Vietnam's six socio-economic regions and how many of the 63 provinces each has.
    public static let vietnameseRegions = [
        Region("Northern Midlands and Mountains", size: 14), Region("Red River Delta", size: 11),
        Region("North Central and Central Coast", size: 14), Region("Central Highlands", size: 5),
        Region("Southeast", size: 6), Region("Mekong Delta", size: 13),
    ]

    public var seed: UInt64
    public var level: Level = .province
    public var regions: [Region] = vietnameseRegions
    public var enteredAt: Date

    public init(seed: UInt64, enteredAt: Date) {
        self.seed = seed
        self.enteredAt = enteredAt
    }

    public struct GenerationError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The synthetic units and figures to add to `snapshot` for `period`. Nothing stored is changed.
    public func generate(for snapshot: DataSet, period: Period) throws(GenerationError) -> DataSet {
        var random = SeededGenerator(seed: seed)
        let tree = UnitTree(snapshot.units)
        let existing = snapshot.units.filter { $0.level == level && $0.isActive(in: period) }
        guard let parent = existing.compactMap(\.parent).first else {
            throw GenerationError(description: "no \(level) unit with a parent is stored: import the sample data first")
        }
        var result = DataSet()
        // Fill each region up to its size.
        var peers = existing
        var serial = 0
        for region in regions {
            let present = existing.filter { $0.groups[.region] == region.name }
            let clusterName = present.compactMap { $0.groups[.cluster] }.first
            for _ in 0..<max(0, region.size - present.count) {
                serial += 1
                let number = serial < 10 ? "0\(serial)" : "\(serial)"
                var groups: [GroupKind: String] = [.region: region.name]
                if let clusterName { groups[.cluster] = clusterName }
                let unit = OrgUnit(
                    code: OrgUnit.syntheticCode(number), names: LocalizedText(["en": "Synthetic province \(number)", "vi": "Tỉnh giả lập \(number)"]),
                    level: level, parent: parent, groups: groups, origin: .synthetic)
                result.units.append(unit)
                peers.append(unit)
            }
        }
        // Give every peer without a figure one consistent with the ranks the sources reported.
        let latest = snapshot.latestObservations
        let indicators = Dictionary(snapshot.indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let anchors = latest.values.filter { $0.key.period == period && !$0.claims.ranks.isEmpty && tree[$0.key.unit]?.level == level }
            .sorted { $0.key < $1.key }
        for anchor in anchors {
            guard let indicator = indicators[anchor.key.indicator] else { continue }
            let others = peers.filter { $0.code != anchor.key.unit && latest[ObservationKey(unit: $0.code, indicator: indicator.code, period: period)] == nil }
            let better = try chooseBetter(anchor: anchor, candidates: others, tree: tree, random: &random)
            let values = draw(around: anchor.figure.measured, indicator: indicator, better: better.count, worse: others.count - better.count, total: peers.count, random: &random)
            let betterCodes = Set(better.map(\.code))
            var betterValues = values.better.makeIterator()
            var worseValues = values.worse.makeIterator()
            for unit in others {
                let value = betterCodes.contains(unit.code) ? betterValues.next()! : worseValues.next()!
                result.observations.append(Observation(
                    key: ObservationKey(unit: unit.code, indicator: indicator.code, period: period), figure: .value(value),
                    source: .init(kind: .synthetic, citation: "stocktake generate --seed \(seed): synthetic peer figure, not a real one"),
                    enteredBy: "stocktake generate", enteredAt: enteredAt))
            }
        }
        return result
    }

    /// Picks which peers rank above the anchor so that each reported rank holds: for a rank r among some peers,
    /// exactly r − 1 of them are better.
    func chooseBetter(
        anchor: Observation, candidates: [OrgUnit], tree: UnitTree, random: inout SeededGenerator
    ) throws(GenerationError) -> [OrgUnit] {
        guard let unit = tree[anchor.key.unit] else { return [] }
        var better: [OrgUnit] = []
        var remaining = candidates.shuffled(using: &random)
        // Narrow scopes first: a region's better peers also count towards the national rank.
        let claims = anchor.claims.ranks.sorted { $0.peers == .level ? false : $1.peers == .level }
        for claim in claims {
            let inScope: (OrgUnit) -> Bool = { peer in
                switch claim.peers {
                case .level: return true
                case .parent: return peer.parent == unit.parent
                case .group(let kind): return peer.groups[kind] != nil && peer.groups[kind] == unit.groups[kind]
                }
            }
            let already = better.filter(inScope).count
            let needed = claim.position - 1 - already
            let pool = remaining.filter(inScope)
            guard needed >= 0, needed <= pool.count else {
                throw GenerationError(description: "\(anchor.key): rank \(claim.position) among \(claim.peers) peers cannot be reached with \(pool.count + already + 1) peers")
            }
            let chosen = Array(pool.prefix(needed))
            better += chosen
            let chosenCodes = Set(chosen.map(\.code))
            // Peers in this scope that were not chosen must rank below, so they leave the pool for wider scopes.
            remaining = remaining.filter { !chosenCodes.contains($0.code) && !inScope($0) }
        }
        return better
    }

    /// Values strictly better and strictly worse than the anchor's, at the indicator's printed precision so that
    /// no synthetic figure ties with it. Positions (counts where lower is better) are distinct whole numbers.
    func draw(
        around anchor: Decimal, indicator: Indicator, better: Int, worse: Int, total: Int, random: inout SeededGenerator
    ) -> (better: [Decimal], worse: [Decimal]) {
        let higher = indicator.better == .higher
        if indicator.kind == .count && !higher {
            let position = Int(anchor.exactText) ?? 1
            let above = Array(1..<max(1, position)).shuffled(using: &random)
            let below = Array((position + 1)...max(position + 1, position + worse + 1)).shuffled(using: &random)
            return (above.prefix(better).map { Decimal($0) }, below.prefix(worse).map { Decimal($0) })
        }
        let step = Decimal(sign: .plus, exponent: -indicator.decimals, significand: 1)
        func value(up: Bool) -> Decimal {
            // A relative margin of 1–60 % (in basis points), at least one printed unit.
            let margin = max(step, (anchor.magnitude * Decimal(random.int(in: 100...6000)) / 10000).rounded(indicator.decimals))
            let moved = up ? anchor + margin : anchor - margin
            let floor = indicator.kind == .rate ? anchor - 10 * anchor.magnitude : Decimal(0)
            return max(moved, floor).rounded(indicator.decimals)
        }
        let above = (0..<better).map { _ in value(up: higher) }
        let below = (0..<worse).map { _ in value(up: !higher) }
        return (above, below)
    }
}

extension OrgUnit {
    static func syntheticCode(_ number: String) -> UnitCode { UnitCode(unchecked: "SYN-P\(number)") }
}
