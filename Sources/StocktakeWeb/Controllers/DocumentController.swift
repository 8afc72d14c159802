import Hummingbird
import StocktakeApp
import StocktakeCore

/// Leadership documents: the targets and key tasks each one set, and how each stands in the period.
struct DocumentController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/documents", use: list)
        router.get("/documents/{code}", use: show)
    }

    struct ListView {
        let t: [String: String]
        let period: String
        let documents: [DocumentLink]
    }

    struct DocumentLink {
        let href: String
        let reference: String
        let title: String
        let issuer: String
        let issued: String
    }

    struct View {
        let t: [String: String]
        let document: DocumentLink
        let period: String
        let periods: [Choice]
        let unit: UnitLink
        let targets: [TargetRow]
        let tasks: [TaskRow]
    }

    struct TargetRow {
        let unit: String
        let indicator: String
        let indicatorHref: String
        let target: String
        let actual: String
        let status: StatusBadge?
    }

    struct TaskRow {
        let unit: String
        let title: String
        let deadline: String
        let status: String
    }

    func link(_ document: Document, scope: PageScope, issuers: [UnitCode: OrgUnit]) -> DocumentLink {
        DocumentLink(
            href: "/documents/\(document.code.rawValue)?period=\(scope.period)", reference: document.reference?.description ?? document.code.rawValue,
            title: document.title[scope.language], issuer: document.issuer.flatMap { issuers[$0] }.map(scope.name) ?? "",
            issued: document.issued.map(scope.format.date) ?? "")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let t = UIText.forLanguage(context.language)
        let stored = try await services.store.documents()
        let issuers = try await services.store.unitsByCode(stored.compactMap(\.issuer))
        let documents = stored.map { link($0, scope: scope, issuers: issuers) }
        return services.renderer.page("documents", ListView(t: t.catalog, period: scope.period.description, documents: documents), frame: Frame(context, title: t.documents))
    }

    /// A document's targets with how each stands, read from the store for the units the document sets targets
    /// for, on those indicators alone; its key tasks of the period.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let store = services.store
        let raw = try context.parameters.require("code")
        guard let code = DocumentCode(validating: raw), let document = try await store.documents(codes: [code]).first else {
            throw ActionError.unknown(.document, code: raw)
        }
        let t = UIText.forLanguage(context.language)
        let format = scope.format
        let indicators = try await services.definitions.indicators(version: scope.version, in: store)
        let set = try await store.targets(periods: [scope.period], document: code)
        let tasks = try await store.tasks(periods: [scope.period], document: code)
        let named = try await store.unitsByCode(set.map(\.unit) + tasks.map(\.unit) + [document.issuer].compactMap { $0 })
        let reviews = try await store.unitReviews(
            of: Set(set.map(\.unit)).sorted(), period: scope.period, asOf: scope.asOf, only: Set(set.map(\.indicator)))
        var targets: [TargetRow] = []
        for review in reviews {
            for result in review.results {
                guard let indicator = indicators[result.indicator] else { continue }
                for target in result.targets where target.target.document == code {
                    targets.append(TargetRow(
                        unit: scope.name(review.unit), indicator: scope.name(indicator),
                        indicatorHref: "/indicators/\(indicator.code.rawValue)?\(scope.query(unit: review.unit.code))",
                        target: format.bound(target.target, indicator: indicator, derived: target.derivedBound),
                        actual: result.actual.map { format.figure($0, indicator: indicator) } ?? "—", status: StatusBadge(target.status, format: format)))
                }
            }
        }
        let rows = tasks.map { task in
            TaskRow(unit: named[task.unit].map(scope.name) ?? task.unit.rawValue, title: task.title[context.language],
                    deadline: format.date(task.deadline), status: t.status(task.status))
        }
        let view = View(t: t.catalog, document: link(document, scope: scope, issuers: named), period: scope.period.description, periods: scope.periodChoices,
                        unit: UnitLink(scope.unit, scope: scope), targets: targets, tasks: rows)
        return services.renderer.page("document", view, frame: Frame(context, title: view.document.reference))
    }
}
