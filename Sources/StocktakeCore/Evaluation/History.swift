import Foundation

/// Each unit's own earlier figures of each indicator (latest revisions only) in the years before one period: what
/// the "far from the unit's own history" check (``Outlier/againstHistory(_:earlier:)``) compares with. Built
/// figure by figure, so that a store can stream ten years of a nation through it; it keeps at most one figure a
/// year for each unit and indicator.
public struct History: Sendable {
    /// One earlier figure: how many years before the period it is, and its value.
    public typealias Point = (yearsBefore: Int, value: Decimal)

    struct Pair: Hashable {
        let unit: UnitCode
        let indicator: IndicatorCode
    }

    private var points: [Pair: [Point]] = [:]
    /// The earlier periods kept, each with how many years before the period it is.
    private let window: [Period: Int]

    /// No earlier figures.
    public init() { window = [:] }

    /// Empty, to be filled with ``add(unit:indicator:period:value:)`` from the `years` periods before `period`.
    public init(before period: Period, years: Int = 10) {
        window = Dictionary(uniqueKeysWithValues: Self.periods(before: period, years: years).enumerated().map { ($1, $0 + 1) })
    }

    /// The figures of `latest` (one observation a key: the revision that counts) in the `years` periods of the
    /// same kind before `period`.
    public init(latest: some Sequence<Observation>, before period: Period, years: Int = 10) {
        self.init(before: period, years: years)
        for observation in latest {
            add(unit: observation.key.unit, indicator: observation.key.indicator, period: observation.key.period, value: observation.figure.measured)
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

    /// Adds one earlier figure (the latest revision of its key); a period outside the window is not kept.
    public mutating func add(unit: UnitCode, indicator: IndicatorCode, period: Period, value: Decimal) {
        guard let yearsBefore = window[period] else { return }
        points[Pair(unit: unit, indicator: indicator), default: []].append((yearsBefore, value))
    }

    /// The unit's earlier figures of `indicator`.
    public func earlier(unit: UnitCode, indicator: IndicatorCode) -> [Point] {
        points[Pair(unit: unit, indicator: indicator)] ?? []
    }

    /// Whether `value` is far from the unit's earlier figures, trend considered; `resolution` is the indicator's
    /// smallest printed step.
    public func outlier(_ value: Decimal, unit: UnitCode, indicator: IndicatorCode, resolution: Decimal = 0) -> Outlier? {
        Outlier.againstHistory(value, earlier: earlier(unit: unit, indicator: indicator), resolution: resolution)
    }
}
