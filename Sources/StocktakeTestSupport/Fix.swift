import Foundation
import StocktakeCore

/// Small builders for domain values, for the tests of every library.
public enum Fix {
    public static let at = Date(timeIntervalSince1970: 1_736_856_000)

    public static func unit(_ code: String, level: Level = .province, parent: String? = nil, groups: [GroupKind: String] = [:], mergedInto: (String, String)? = nil) -> OrgUnit {
        OrgUnit(
            code: UnitCode(unchecked: code), names: LocalizedText(["en": code]), level: level, parent: parent.map { UnitCode(unchecked: $0) },
            groups: groups, merger: mergedInto.map { .init(successor: UnitCode(unchecked: $0.0), effective: try! CalendarDate(parsing: $0.1)) })
    }

    public static func indicator(_ code: String, _ kind: IndicatorKind, better: BetterDirection = .higher, decimals: Int = 2, weight: String? = nil) -> Indicator {
        Indicator(
            code: IndicatorCode(unchecked: code), names: LocalizedText(["en": code]), measure: LocalizedText(["en": "u"]), kind: kind,
            better: better, decimals: decimals, weight: weight.map { IndicatorCode(unchecked: $0) })
    }

    public static func key(_ unit: String, _ indicator: String, _ period: Period = .year(2024)) -> ObservationKey {
        ObservationKey(unit: UnitCode(unchecked: unit), indicator: IndicatorCode(unchecked: indicator), period: period)
    }

    public static func obs(_ unit: String, _ indicator: String, _ value: Decimal, period: Period = .year(2024), revision: Int = 1, reason: String? = nil, claims: Observation.Claims = .init(), synthetic: Bool = false) -> Observation {
        Observation(
            key: key(unit, indicator, period), revision: revision, figure: .value(value),
            source: .init(kind: synthetic ? .synthetic : .entry, citation: "test"), enteredBy: "test", enteredAt: at, reason: reason, claims: claims)
    }

    public static func share(_ unit: String, _ indicator: String, _ x: Decimal, _ y: Decimal, period: Period = .year(2024)) -> Observation {
        Observation(key: key(unit, indicator, period), figure: .share(numerator: x, denominator: y), source: .init(kind: .entry, citation: "test"), enteredBy: "test", enteredAt: at)
    }

    public static func target(_ code: String, _ unit: String, _ indicator: String, _ bound: Target.Bound, basis: Target.Basis = .absolute, period: Period = .year(2024)) -> Target {
        Target(code: TargetCode(unchecked: code), unit: UnitCode(unchecked: unit), indicator: IndicatorCode(unchecked: indicator), period: period, document: nil, bound: bound, basis: basis)
    }

    public static func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }
}
