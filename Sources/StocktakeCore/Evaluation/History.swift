import Foundation

/// The range of each unit's own earlier figures of each indicator (latest revisions only): what the "far outside
/// the unit's own history" check compares with. Built in one pass, figure by figure, so that a store can stream
/// ten years of a nation through it without holding them.
public struct History: Sendable {
    public struct Range: Sendable, Hashable {
        public var low: Decimal
        public var high: Decimal
        public var count: Int
    }

    struct Pair: Hashable {
        let unit: UnitCode
        let indicator: IndicatorCode
    }

    private var ranges: [Pair: Range] = [:]

    public init() {}

    /// The ranges of `latest` (one observation a key: the revision that counts) in the `years` periods of the same
    /// kind before `period`.
    public init(latest: some Sequence<Observation>, before period: Period, years: Int = 10) {
        let earlier = Set(Self.periods(before: period, years: years))
        for observation in latest where earlier.contains(observation.key.period) {
            add(unit: observation.key.unit, indicator: observation.key.indicator, value: observation.figure.measured)
        }
    }

    /// The same period in each of the `years` years before `period`.
    public static func periods(before period: Period, years: Int = 10) -> [Period] {
        var result: [Period] = []
        var cursor = period
        for _ in 0..<years {
            cursor = cursor.yearEarlier
            result.append(cursor)
        }
        return result
    }

    /// Adds one earlier figure (the latest revision of its key).
    public mutating func add(unit: UnitCode, indicator: IndicatorCode, value: Decimal) {
        let pair = Pair(unit: unit, indicator: indicator)
        if var range = ranges[pair] {
            range.low = min(range.low, value)
            range.high = max(range.high, value)
            range.count += 1
            ranges[pair] = range
        } else {
            ranges[pair] = Range(low: value, high: value, count: 1)
        }
    }

    public func range(unit: UnitCode, indicator: IndicatorCode) -> Range? {
        ranges[Pair(unit: unit, indicator: indicator)]
    }

    /// Whether `value` lies beyond the range of at least three earlier figures by more than three times the
    /// range's width (or a tenth of its middle, when all earlier figures were equal).
    public func isFarOutside(_ value: Decimal, unit: UnitCode, indicator: IndicatorCode) -> Range? {
        guard let range = range(unit: unit, indicator: indicator), range.count >= 3 else { return nil }
        let width = max(range.high - range.low, ((range.low + range.high) / 2).magnitude / 10)
        return value > range.high + 3 * width || value < range.low - 3 * width ? range : nil
    }
}
