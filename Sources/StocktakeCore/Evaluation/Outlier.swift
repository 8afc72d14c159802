import Foundation

/// A figure far from what its unit's earlier years, or its peers this year, lead one to expect: the modified
/// z-score of Iglewicz and Hoaglin, 0.6745 · (x − median) / MAD, beyond 3.5. The median and the median absolute
/// deviation are not pulled by the one slip years ago that a mean and a range are pulled by. Earlier years are
/// first carried to the year entered along their median change a year, so that steady growth is not an outlier.
/// The spread judged by is at least a tenth of the figures' size and one step of the indicator's precision: ten
/// smooth years make a MAD so small that the noise of real reporting would be flagged everywhere, which a warning
/// at every entry would teach people to click away.
public struct Outlier: Sendable, Hashable {
    public enum Basis: String, Sendable, Hashable, CaseIterable {
        /// The unit's own earlier years.
        case history
        /// The units beside it (same parent), the same period.
        case peers
    }

    public var basis: Basis
    public var value: Decimal
    /// What the figures compared with lead one to expect: their median (for history, carried along the trend).
    public var expected: Decimal
    /// The figures from `low` to `high` are not outliers.
    public var low: Decimal
    public var high: Decimal
    /// How many figures it was compared with.
    public var count: Int

    /// |modified z| beyond this is an outlier (Iglewicz and Hoaglin's recommendation).
    public static let threshold: Decimal = 3.5
    /// Fewer earlier years than this say too little about a unit to call a figure far from them.
    public static let minimumHistory = 4
    /// Fewer peers than this say too little about a level.
    public static let minimumPeers = 5
    /// 1 / 0.6745: MAD times this estimates a standard deviation.
    static let madScale = Decimal(string: "1.4826")!
    /// The mean absolute deviation times this estimates it when more than half the figures are equal (MAD 0).
    static let meanScale = Decimal(string: "1.2533")!
    /// The least spread, as a share of the figures' median.
    static let relativeFloor = Decimal(string: "0.1")!

    /// `value` against the unit's earlier figures, each with how many years before the entered period it is;
    /// `resolution` is the indicator's smallest printed step (1 for a count).
    public static func againstHistory(_ value: Decimal, earlier: [(yearsBefore: Int, value: Decimal)], resolution: Decimal = 0) -> Outlier? {
        guard earlier.count >= minimumHistory else { return nil }
        let oldestFirst = earlier.sorted { $0.yearsBefore > $1.yearsBefore }
        var changes: [Decimal] = []
        for (older, newer) in zip(oldestFirst, oldestFirst.dropFirst()) where older.yearsBefore > newer.yearsBefore {
            let gap = older.yearsBefore - newer.yearsBefore
            changes.append(gap == 1 ? newer.value - older.value : (newer.value - older.value) / Decimal(gap))
        }
        let trend = median(changes) ?? 0
        let carried = earlier.map { $0.value + trend * Decimal($0.yearsBefore) }
        return test(value, against: carried, basis: .history, resolution: resolution)
    }

    /// `value` against the same figure of its peers, the same period.
    public static func againstPeers(_ value: Decimal, peers: [Decimal], resolution: Decimal = 0) -> Outlier? {
        guard peers.count >= minimumPeers else { return nil }
        return test(value, against: peers, basis: .peers, resolution: resolution)
    }

    /// Whether figures of `kind` are compared with their peers': rates and shares only. Amounts and counts grow with
    /// a unit's size, and a city beside rural districts is not an outlier.
    public static func comparesPeers(_ kind: IndicatorKind) -> Bool {
        kind == .rate || kind == .share
    }

    /// The one test of a unit's figure, at entry and in the findings: against the unit's earlier years, and when
    /// they say nothing against it, for a rate or a share, against `peers` (the same figure of the units beside it,
    /// without the unit's own).
    public static func of(_ value: Decimal, unit: UnitCode, indicator: Indicator, history: History, peers: [Decimal]) -> Outlier? {
        of(value, unit: unit, indicator: indicator, history: history) { againstPeers(value, peers: peers, resolution: $0) }
    }

    /// ``of(_:unit:indicator:history:peers:)`` with the peers' test given: `amongPeers` takes the resolution.
    static func of(_ value: Decimal, unit: UnitCode, indicator: Indicator, history: History, amongPeers: (Decimal) -> Outlier?) -> Outlier? {
        let resolution = resolution(decimals: indicator.decimals)
        if let outlier = history.outlier(value, unit: unit, indicator: indicator.code, resolution: resolution) { return outlier }
        guard comparesPeers(indicator.kind) else { return nil }
        return amongPeers(resolution)
    }

    /// A group of peers' figures sorted once, so that each is judged against the others without sorting them again
    /// (a nation's rates and shares are hundreds of thousands of figures in groups of up to 63).
    struct PeerGroup {
        let sorted: [Decimal]
        /// Where each figure, in the order given, stands in `sorted`.
        let position: [Int]

        init(_ values: [Decimal]) {
            let order = values.indices.sorted { values[$0] < values[$1] }
            sorted = order.map { values[$0] }
            var position = [Int](repeating: 0, count: values.count)
            for (rank, index) in order.enumerated() { position[index] = rank }
            self.position = position
        }

        /// The figure at `index` (in the order given) against the others, as ``Outlier/againstPeers(_:peers:resolution:)``
        /// judges it. The others' median is read from the sorted figures, and a figure inside the band of the least
        /// spread stops there; the others are gathered only for the rest.
        func outlier(at index: Int, resolution: Decimal) -> Outlier? {
            let count = sorted.count - 1
            guard count >= Outlier.minimumPeers else { return nil }
            let skipped = position[index]
            let value = sorted[skipped]
            func other(_ k: Int) -> Decimal { sorted[k < skipped ? k : k + 1] }
            let center = count % 2 == 1 ? other(count / 2) : (other(count / 2 - 1) + other(count / 2)) / 2
            let least = max(center.magnitude * Outlier.relativeFloor, resolution)
            if least > 0, (value - center).magnitude <= Outlier.threshold * least { return nil }
            var others = sorted
            others.remove(at: skipped)
            return Outlier.againstPeers(value, peers: others, resolution: resolution)
        }
    }

    /// The smallest step of a figure printed with `decimals` decimals.
    public static func resolution(decimals: Int) -> Decimal { Decimal(sign: .plus, exponent: -max(0, decimals), significand: 1) }

    static func test(_ value: Decimal, against figures: [Decimal], basis: Basis, resolution: Decimal) -> Outlier? {
        guard let center = median(figures) else { return nil }
        // Inside the band of the least spread, a figure is never an outlier: most figures stop here, before the
        // deviations are sorted (a tenth of a national evaluation's time otherwise).
        let least = max(center.magnitude * relativeFloor, resolution)
        if least > 0, (value - center).magnitude <= threshold * least { return nil }
        let deviations = figures.map { ($0 - center).magnitude }
        var spread = (median(deviations) ?? 0) * madScale
        if spread == 0 { spread = deviations.reduce(0, +) / Decimal(deviations.count) * meanScale }
        spread = max(spread, center.magnitude * relativeFloor, resolution)
        guard spread > 0 else { return nil }
        let reach = threshold * spread
        let (low, high) = (center - reach, center + reach)
        guard value < low || value > high else { return nil }
        return Outlier(basis: basis, value: value, expected: center, low: low, high: high, count: figures.count)
    }

    static func median(_ values: [Decimal]) -> Decimal? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
