import Foundation

/// Which of the figures expected of a unit for a period it has entered. Expected are the indicators the unit has
/// a target for in the period, and those it reported its own figure for the year before: what a reviewing body
/// waits for without a list of its own. A roll-up of the units below does not count; the unit's own figure does.
public struct Completeness: Sendable, Equatable {
    public let unit: UnitCode
    public let expected: [IndicatorCode]
    public let reported: [IndicatorCode]
    public let missing: [IndicatorCode]

    /// Reported of expected, from 0 to 1; none when nothing is expected.
    public var share: Decimal? { expected.isEmpty ? nil : Decimal(reported.count) / Decimal(expected.count) }
    public var isComplete: Bool { missing.isEmpty }

    /// `targets` and `figures` may hold other units' and periods'; only the unit's in `period` and the year
    /// before count.
    public init(of unit: UnitCode, period: Period, targets: [Target], figures: [ObservationKey: UnitFigure]) {
        var expected = Set(targets.filter { $0.unit == unit && $0.period == period }.map(\.indicator))
        for (key, figure) in figures where key.unit == unit && key.period == period.yearEarlier && figure.own != nil {
            expected.insert(key.indicator)
        }
        let sorted = expected.sorted()
        let reported = sorted.filter { figures[ObservationKey(unit: unit, indicator: $0, period: period)]?.own != nil }
        self.unit = unit
        self.expected = sorted
        self.reported = reported
        missing = sorted.filter { !reported.contains($0) }
    }
}
