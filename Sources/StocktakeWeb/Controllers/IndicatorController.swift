import Hummingbird
import StocktakeApp
import StocktakeCore

/// One indicator for one unit: its history as a chart, its ranking among peers (ties share a place), and the
/// unit's own figure beside the roll-up of the units below.
struct IndicatorController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/indicators/{code}", use: show)
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
        guard let code = IndicatorCode(validating: raw), let indicator = try await services.definitions.indicators(version: scope.version, in: services.store)[code] else {
            throw ActionError.unknown(.indicator, code: raw)
        }
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

        // History: the latest revision of each year's figure, and the targets of those years.
        let observations = try await services.store.observations(units: [scope.unit.code], indicators: [code])
        var latest: [Period: Observation] = [:]
        for o in observations where { if case .year = o.key.period { true } else { false } }() {
            if (latest[o.key.period]?.revision ?? 0) < o.revision { latest[o.key.period] = o }
        }
        let years = latest.keys.sorted()
        // The unit's targets alone, by index: a nation holds some 65,000 targets a year.
        let targets = try await services.store.targets(periods: Array(Set(years + [scope.period])), units: [scope.unit.code])
            .filter { $0.indicator == code && $0.basis == .absolute }
        let chart = HistoryChart(
            title: "\(scope.name(indicator)) — \(scope.name(scope.unit))",
            points: years.compactMap { year in latest[year].map { .init(label: year.description, value: $0.figure.measured, text: format.plain($0.figure, indicator: indicator)) } },
            targets: targets.compactMap { target in
                target.bound.value.map { .init(label: target.period.description, value: $0, text: format.bound(target, indicator: indicator, derived: nil)) }
            },
            format: format)

        // Ranking among the units of the unit's level active in the period, in position then code order.
        let ranked = try await services.store.ranking(of: indicator, period: scope.period, among: .level, level: scope.unit.level)
        let peers = try await services.store.unitsByCode(ranked.map(\.unit))
        var ranking: [RankRow] = []
        var synthetic = false
        for entry in ranked {
            guard let peer = peers[entry.unit], let actual = entry.figure.actual else { continue }
            synthetic = synthetic || entry.figure.isSynthetic
            ranking.append(RankRow(
                position: String(entry.rank.position), unit: UnitLink(peer, scope: scope), actual: format.figure(actual, indicator: indicator),
                synthetic: entry.figure.isSynthetic, current: peer.code == scope.unit.code))
        }

        return View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), ancestors: scope.ancestors, indicator: scope.name(indicator), code: code.rawValue,
            period: scope.period.description, periods: scope.periodChoices, chart: chart.svg,
            own: result?.own.map { format.figure($0.figure, indicator: indicator) } ?? "—",
            rollup: result?.rollup.map { format.figure($0.figure, indicator: indicator) } ?? "—",
            rollupCoverage: result?.rollup.map { "\($0.reporting)/\($0.expected)" },
            ranking: ranking, scopeName: t.level(scope.unit.level), synthetic: synthetic,
            historyHref: "/history?\(scope.query())&indicator=\(code.rawValue)")
    }
}
