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

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let scope = try await PageScope.resolve(request, context: context, services: services, unitCode: code)
        let t = UIText.forLanguage(context.language)
        let tree = scope.evaluator.tree
        let indicators = scope.evaluator.indicators.values.sorted { $0.code < $1.code }
        let chosen = request.uri.queryParameters["indicator"].flatMap { IndicatorCode(validating: String($0)) }
            .flatMap { scope.evaluator.indicators[$0] } ?? indicators.first
        var rows: [Row] = []
        for childCode in tree.children[scope.unit.code] ?? [] {
            guard let child = tree[childCode] else { continue }
            let merger = child.merger.map { m in
                Merged(name: scope.name(child), successor: tree[m.successor].map { UnitLink($0, scope: scope) }, day: scope.format.date(m.effective))
            }
            var actual = "—"
            var status: StatusBadge?
            var rank = ""
            if let indicator = chosen, let result = scope.evaluation.results[ObservationKey(unit: childCode, indicator: indicator.code, period: scope.period)] {
                actual = result.actual.map { scope.format.figure($0, indicator: indicator) } ?? "—"
                status = result.targets.first.map { StatusBadge($0.status, format: scope.format) }
                rank = scope.format.rank(scope.evaluation.ranks(for: result.key)[.parent]) ?? ""
            }
            rows.append(Row(unit: UnitLink(child, scope: scope), actual: actual, status: status, rank: rank, hasChildren: !(tree.children[childCode] ?? []).isEmpty, merger: merger))
        }
        let view = View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), level: scope.unit.level.rawValue, ancestors: scope.ancestors,
            period: scope.period.description, periods: scope.periodChoices,
            indicators: indicators.map { Choice(value: $0.code.rawValue, label: scope.name($0), selected: $0.code == chosen?.code) },
            indicatorName: chosen.map(scope.name) ?? "", rows: rows, dashboardHref: "/dashboard?\(scope.query())")
        return services.renderer.page("unit", view, frame: Frame(context, title: "\(t.units) — \(scope.name(scope.unit))"))
    }
}
