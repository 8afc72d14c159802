import Hummingbird
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

    func link(_ document: Document, scope: PageScope) -> DocumentLink {
        DocumentLink(
            href: "/documents/\(document.code.rawValue)?period=\(scope.period)", reference: document.reference?.description ?? document.code.rawValue,
            title: document.title[scope.language], issuer: document.issuer.flatMap { scope.evaluator.tree[$0] }.map(scope.name) ?? "",
            issued: document.issued.map(scope.format.date) ?? "")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let t = UIText.forLanguage(context.language)
        let documents = scope.review.documents.values.sorted { $0.code < $1.code }.map { link($0, scope: scope) }
        return services.renderer.page("documents", ListView(t: t.catalog, period: scope.period.description, documents: documents), frame: Frame(context, title: t.documents))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let raw = try context.parameters.require("code")
        guard let code = DocumentCode(validating: raw), let document = scope.review.documents[code] else {
            throw HTTPError(.notFound, message: "No document has the code '\(raw)'.")
        }
        let t = UIText.forLanguage(context.language)
        let format = scope.format
        var targets: [TargetRow] = []
        for result in scope.evaluation.results.values.sorted(by: { $0.key < $1.key }) {
            guard let indicator = scope.evaluator.indicators[result.indicator], let unit = scope.evaluator.tree[result.unit] else { continue }
            for target in result.targets where target.target.document == code {
                targets.append(TargetRow(
                    unit: scope.name(unit), indicator: scope.name(indicator),
                    indicatorHref: "/indicators/\(indicator.code.rawValue)?\(scope.query(unit: unit.code))",
                    target: format.bound(target.target, indicator: indicator, derived: target.derivedBound),
                    actual: result.actual.map { format.figure($0, indicator: indicator) } ?? "—", status: StatusBadge(target.status, format: format)))
            }
        }
        let tasks = scope.review.tasks.filter { $0.document == code }.map { task in
            TaskRow(unit: scope.evaluator.tree[task.unit].map(scope.name) ?? task.unit.rawValue, title: task.title[context.language],
                    deadline: format.date(task.deadline), status: DashboardController.statusWord(task.status, t))
        }
        let view = View(t: t.catalog, document: link(document, scope: scope), period: scope.period.description, periods: scope.periodChoices,
                        unit: UnitLink(scope.unit, scope: scope), targets: targets, tasks: tasks)
        return services.renderer.page("document", view, frame: Frame(context, title: view.document.reference))
    }
}
