import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore

/// Which units have entered the figures expected of them for a period: the unit and the units below it, each
/// with what it reported of what was expected and what is missing, linked to its entry grid.
struct CompletenessController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/completeness", use: show)
        for format in Download.TableFormat.allCases {
            router.get("/completeness.\(format.rawValue)") { request, context in try await download(format, request, context: context) }
        }
    }

    struct View {
        let t: [String: String]
        let unit: UnitLink
        let ancestors: [UnitLink]
        let period: String
        let periods: [Choice]
        let rows: [Row]
        let total: String
        let csvHref: String
        let xlsxHref: String
    }

    struct Row {
        let unit: UnitLink
        let reported: String
        let share: String
        let complete: Bool
        let nothingExpected: Bool
        let missing: String
        let gridHref: String?
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let t = UIText.forLanguage(context.language)
        let (units, completeness) = try await read(scope)
        let indicators = try await services.definitions.indicators(version: scope.version, in: services.store)
        let tree = UnitTree(scope.ancestorUnits + units)
        let format = scope.format
        let rows = zip(units, completeness).map { unit, c in
            Row(unit: UnitLink(unit, scope: scope), reported: "\(format.number(Decimal(c.reported.count), decimals: 0))/\(format.number(Decimal(c.expected.count), decimals: 0))",
                share: c.share.map { format.percent($0 * 100, decimals: 0) } ?? "—", complete: c.isComplete && !c.expected.isEmpty, nothingExpected: c.expected.isEmpty,
                missing: c.missing.map { indicators[$0].map(scope.name) ?? $0.rawValue }.joined(separator: ", "),
                gridHref: context.account?.mayWrite(to: unit.code, in: tree) == true ? "/entry/grid?\(scope.query(unit: unit.code))" : nil)
        }
        let reported = completeness.map(\.reported.count).reduce(0, +), expected = completeness.map(\.expected.count).reduce(0, +)
        let view = View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), ancestors: scope.ancestors, period: scope.period.description, periods: scope.periodChoices,
            rows: rows, total: "\(format.number(Decimal(reported), decimals: 0))/\(format.number(Decimal(expected), decimals: 0))",
            csvHref: "/completeness.csv?\(scope.query())", xlsxHref: "/completeness.xlsx?\(scope.query())")
        return services.renderer.page("completeness", view, frame: Frame(context, title: "\(t.completeness) — \(scope.name(scope.unit)) \(scope.period)"))
    }

    /// The table as data: codes, counts and the missing indicators' codes.
    func download(_ format: Download.TableFormat, _ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let (_, completeness) = try await read(scope)
        let table = DataTable(columns: ["unit", "period", "expected", "reported", "missing"], rows: completeness.map { c in
            [.text(c.unit.rawValue), .text(scope.period.description), .number(Decimal(c.expected.count)), .number(Decimal(c.reported.count)),
             .text(orEmpty: c.missing.map(\.rawValue).joined(separator: " "))]
        })
        let name = "completeness-\(scope.unit.code.rawValue)-\(scope.period.description)"
        return try Download.table(table, format: format, name: name, sheet: name)
    }

    /// The unit and its real units below active in the period, each with its completeness: read for these units
    /// alone (their targets, their figures of the period and the year before).
    private func read(_ scope: PageScope) async throws -> ([OrgUnit], [Completeness]) {
        let store = services.store
        let units = [scope.unit] + (try await scope.unitsBelow(in: store))
        let codes = units.map(\.code)
        let targets = try await store.targets(periods: [scope.period], units: codes)
        let figures = try await store.unitFigures(periods: [scope.period, scope.period.yearEarlier], units: codes)
        return (units, units.map { Completeness(of: $0.code, period: scope.period, targets: targets, figures: figures) })
    }
}
