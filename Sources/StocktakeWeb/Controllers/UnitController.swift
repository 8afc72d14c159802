import Hummingbird
import StocktakeCore

/// The unit tree: a unit with the way up, and the units below compared side by side on one indicator.
struct UnitController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/units") { request, context in
            let scope = try await PageScope.resolve(request, context: context, services: services)
            return Response.redirect(to: "/units/\(scope.unit.code.rawValue)?\(scope.query())", type: .normal)
        }
        router.get("/units/{code}", use: show)
    }

    struct View {
        let t: [String: String]
        let unit: UnitLink
        let level: String
        let ancestors: [UnitLink]
        let period: String
        let periods: [Choice]
        let indicators: [Choice]
        let indicatorName: String
        let rows: [Row]
        let dashboardHref: String
    }

    struct Row {
        let unit: UnitLink
        let actual: String
        let status: StatusBadge?
        let rank: String
        let hasChildren: Bool
        let merger: Merged?
    }

    struct Merged {
        let name: String
        let successor: UnitLink?
        let day: String
    }

    /// The units below, read from the store with their results on the chosen indicator and their ranks among
    /// their siblings (one ranking per level among them), without evaluating the period whole.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let scope = try await PageScope.resolve(request, context: context, services: services, unitCode: code)
        let store = services.store
        let t = UIText.forLanguage(context.language)
        let byCode = try await services.definitions.indicators(version: scope.version, in: store)
        let indicators = byCode.values.sorted { $0.code < $1.code }
        let chosen = request.uri.queryParameters["indicator"].flatMap { IndicatorCode(validating: String($0)) }.flatMap { byCode[$0] } ?? indicators.first
        let children = try await store.children(of: scope.unit.code)
        let grandchildren = Set(try await store.childParents(of: children.map(\.code)))
        var results: [UnitCode: IndicatorResult] = [:]
        var ranks: [UnitCode: Rank] = [:]
        if let indicator = chosen {
            for review in try await store.unitReviews(of: children.map(\.code), period: scope.period, asOf: scope.asOf, only: [indicator.code]) {
                results[review.unit.code] = review.results.first
            }
            for child in Dictionary(grouping: children, by: \.level).values.compactMap(\.first) {
                for entry in try await store.ranking(of: indicator, period: scope.period, among: .parent, peersOf: child) { ranks[entry.unit] = entry.rank }
            }
        }
        let named = try await store.unitsByCode(children.compactMap { $0.merger?.successor })
        var rows: [Row] = []
        for child in children {
            let merger = child.merger.map { m in
                Merged(
                    name: scope.name(child), successor: (named[m.successor] ?? children.first { $0.code == m.successor }).map { UnitLink($0, scope: scope) },
                    day: scope.format.date(m.effective))
            }
            var actual = "—"
            var status: StatusBadge?
            if let indicator = chosen, let result = results[child.code] {
                actual = result.actual.map { scope.format.figure($0, indicator: indicator) } ?? "—"
                status = result.targets.first.map { StatusBadge($0.status, format: scope.format) }
            }
            rows.append(Row(
                unit: UnitLink(child, scope: scope), actual: actual, status: status, rank: scope.format.rank(ranks[child.code]) ?? "",
                hasChildren: grandchildren.contains(child.code), merger: merger))
        }
        let view = View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), level: t.level(scope.unit.level), ancestors: scope.ancestors,
            period: scope.period.description, periods: scope.periodChoices,
            indicators: indicators.map { Choice(value: $0.code.rawValue, label: scope.name($0), selected: $0.code == chosen?.code) },
            indicatorName: chosen.map(scope.name) ?? "", rows: rows, dashboardHref: "/dashboard?\(scope.query())")
        return services.renderer.page("unit", view, frame: Frame(context, title: "\(t.units) — \(scope.name(scope.unit))"))
    }
}
