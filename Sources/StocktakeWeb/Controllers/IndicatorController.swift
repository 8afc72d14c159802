import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore

/// One indicator for one unit: its history as a chart, its ranking among peers (ties share a place), and the
/// unit's own figure beside the roll-up of the units below.
struct IndicatorController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/indicators/{code}", use: show)
        for format in Download.TableFormat.allCases {
            for table in Table.allCases {
                router.get("/indicators/{code}/\(table.rawValue).\(format.rawValue)") { request, context in try await download(table, format, request, context: context) }
            }
        }
    }

    struct View {
        let t: [String: String]
        let unit: UnitLink
        let ancestors: [UnitLink]
        let indicator: String
        let code: String
        let period: String
        let periods: [Choice]
        let chart: String
        let own: String
        let rollup: String
        let rollupCoverage: String?
        let ranking: [RankRow]
        let scopeName: String
        let synthetic: Bool
        let historyHref: String
        let belowChart: String
        let belowCSV: String
        let belowXLSX: String
        let hasBelow: Bool
        let rankingCSV: String
        let rankingXLSX: String
    }

    struct RankRow {
        let position: String
        let unit: UnitLink
        let actual: String
        let synthetic: Bool
        let current: Bool
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let raw = try context.parameters.require("code")
        let indicator = try await scope.indicator(raw, services: services)
        let code = indicator.code
        let t = UIText.forLanguage(context.language)
        let frame = Frame(context, title: "\(scope.name(indicator)) — \(scope.name(scope.unit))")
        return try await services.cachedPage("indicator|\(code)|\(scope.unit.code)|\(scope.period)", scope: scope, frame: frame) {
            ("indicator", try await view(scope, indicator: indicator, t: t))
        }
    }

    /// The unit's result, history and ranking, read from the store: the ranking by the database over the
    /// maintained figures of the unit's level.
    func view(_ scope: PageScope, indicator: Indicator, t: UIText) async throws -> View {
        let code = indicator.code
        let format = scope.format
        let result = try await services.store.unitReview(of: scope.unit.code, period: scope.period, asOf: scope.asOf)?.results
            .first { $0.indicator == code }

        // History: the figure that counts in each stored year (the unit's own, else the roll-up of the units
        // below), the year before derived from a stated change when it is not stored, and the targets.
        let years = scope.periods.filter { if case .year = $0 { true } else { false } }
        let figures = try await services.store.unitFigures(periods: years, units: [scope.unit.code], indicators: [code])
        let stored = years.compactMap { year in
            figures[ObservationKey(unit: scope.unit.code, indicator: code, period: year)].flatMap { figure in figure.actual.map { (year, $0, figure.own == nil) } }
        }
        var points: [HistoryChart.Point] = stored.map { year, actual, rollup in
            .init(label: year.description, value: actual.measured, text: format.plain(actual, indicator: indicator), kind: rollup ? .rollup : .own)
        }
        if let previous = result?.derivedYearBefore(unlessStored: stored.map(\.0)) {
            points.append(.init(label: scope.period.yearEarlier.description, value: previous.figure.measured, text: "≈ " + format.plain(previous.figure, indicator: indicator), kind: .derived))
        }
        // The unit's targets alone, by index: a nation holds some 65,000 targets a year.
        let targets = try await services.store.targets(periods: Array(Set(years + [scope.period])), units: [scope.unit.code])
            .filter { $0.indicator == code && $0.basis == .absolute }
        let chart = HistoryChart(
            id: "history", title: "\(scope.name(indicator)) — \(scope.name(scope.unit))", measure: indicator.measure[scope.language],
            points: points,
            targets: targets.compactMap { target in
                target.bound.value.map { .init(label: target.period.description, value: $0, text: format.bound(target, indicator: indicator, derived: nil)) }
            },
            words: .init(own: t.ownFigure, rollup: t.rollupOfChildren, derived: t.figureDerived, target: t.target),
            format: format)
        let below = try await unitsBelow(scope, indicator: indicator)
        let bars = UnitsBarChart(
            id: "below", title: "\(t.children): \(scope.name(indicator)) — \(scope.name(scope.unit)) \(scope.period)", measure: indicator.measure[scope.language],
            bars: below.map { .init(label: scope.name($0.unit), value: $0.figure.measured, text: format.plain($0.figure, indicator: indicator), rollup: $0.rollup) },
            rollupWord: t.rollupOfChildren)

        // Ranking among the units of the unit's level active in the period, in position then code order.
        let ranked = try await services.store.ranking(of: indicator, period: scope.period, among: .level, level: scope.unit.level)
        let peers = try await services.store.unitsByCode(ranked.map(\.unit))
        var ranking: [RankRow] = []
        var synthetic = false
        for entry in ranked {
            guard let peer = peers[entry.unit], let actual = entry.figure.actual else { continue }
            synthetic = synthetic || entry.figure.isSynthetic
            ranking.append(RankRow(
                position: format.number(Decimal(entry.rank.position), decimals: 0), unit: UnitLink(peer, scope: scope), actual: format.figure(actual, indicator: indicator),
                synthetic: entry.figure.isSynthetic, current: peer.code == scope.unit.code))
        }

        return View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), ancestors: scope.ancestors, indicator: scope.name(indicator), code: code.rawValue,
            period: scope.period.description, periods: scope.periodChoices, chart: chart.svg,
            own: result?.own.map { format.figure($0.figure, indicator: indicator) } ?? "—",
            rollup: result?.rollup.map { format.figure($0.figure, indicator: indicator) } ?? "—",
            rollupCoverage: result?.rollup.map { "\($0.reporting)/\($0.expected)" },
            ranking: ranking, scopeName: t.level(scope.unit.level), synthetic: synthetic,
            historyHref: "/history?\(scope.query())&indicator=\(code.rawValue)",
            belowChart: bars.svg, belowCSV: "/indicators/\(code.rawValue)/below.csv?\(scope.query())", belowXLSX: "/indicators/\(code.rawValue)/below.xlsx?\(scope.query())",
            hasBelow: !below.isEmpty,
            rankingCSV: "/indicators/\(code.rawValue)/ranking.csv?\(scope.query())", rankingXLSX: "/indicators/\(code.rawValue)/ranking.xlsx?\(scope.query())")
    }

    /// The real units below active in the period with a figure on the indicator (own, else their roll-up), best
    /// first as the indicator counts better, then by code.
    func unitsBelow(_ scope: PageScope, indicator: Indicator) async throws -> [(unit: OrgUnit, figure: Figure, rollup: Bool)] {
        let children = try await scope.unitsBelow(in: services.store)
        let figures = try await services.store.unitFigures(period: scope.period, units: children.map(\.code), indicators: [indicator.code])
        let rows = children.compactMap { child -> (unit: OrgUnit, figure: Figure, rollup: Bool)? in
            guard let figure = figures[ObservationKey(unit: child.code, indicator: indicator.code, period: scope.period)], let actual = figure.actual else { return nil }
            return (child, actual, figure.own == nil)
        }
        return rows.sorted { a, b in
            a.figure.measured != b.figure.measured ? (indicator.better == .lower) == (a.figure.measured < b.figure.measured) : a.unit.code < b.unit.code
        }
    }

    /// The page's tables as data: codes and exact figures.
    enum Table: String, CaseIterable {
        /// The units below, best first.
        case below
        /// The unit's level ranked, in position then code order.
        case ranking
    }

    func download(_ which: Table, _ format: Download.TableFormat, _ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let indicator = try await scope.indicator(try context.parameters.require("code"), services: services)
        let common: [DataTable.Cell] = [.text(indicator.code.rawValue), .text(scope.period.description)]
        let table: DataTable
        switch which {
        case .below:
            table = DataTable(columns: ["unit", "indicator", "period", "value", "denominator", "rollup"], rows: try await unitsBelow(scope, indicator: indicator).map { row in
                let (value, denominator) = DataTable.Cell.figure(row.figure)
                return [.text(row.unit.code.rawValue)] + common + [value, denominator, .text(row.rollup ? "true" : "false")]
            })
        case .ranking:
            let ranked = try await services.store.ranking(of: indicator, period: scope.period, among: .level, level: scope.unit.level)
            table = DataTable(columns: ["position", "of", "unit", "indicator", "period", "value", "denominator", "synthetic"], rows: ranked.compactMap { entry in
                guard let actual = entry.figure.actual else { return nil }
                let (value, denominator) = DataTable.Cell.figure(actual)
                return [.number(Decimal(entry.rank.position)), .number(Decimal(entry.rank.of)), .text(entry.unit.rawValue)] + common
                    + [value, denominator, .text(entry.figure.isSynthetic ? "true" : "false")]
            })
        }
        let name = "\(indicator.code.rawValue)-\(which.rawValue)-\(scope.unit.code.rawValue)-\(scope.period.description)"
        return try Download.table(table, format: format, name: name, sheet: String(name.prefix(31)))
    }
}
