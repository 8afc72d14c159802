import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// Entering and correcting figures and task statuses, for the units in the person's remit. A correction is a
/// new revision with a reason; the history view shows every revision.
struct EntryController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/entry", use: form)
        router.post("/entry", use: enter)
        router.get("/history", use: history)
        router.post("/tasks/{code}/status", use: changeTask)
    }

    struct View {
        let t: [String: String]
        let unit: UnitLink
        let ancestors: [UnitLink]
        let period: String
        let periods: [Choice]
        let units: [Choice]
        let indicators: [Choice]
        let current: [Current]
        let tasks: [TaskForm]
        let problems: [ProblemRow]
        let hasProblems: Bool
        let fields: [String: String]
        /// Why the figure typed is unusual, when it is: the form asks for a confirmation.
        let warning: String?
        let csrf: String
    }

    struct Current {
        let indicator: String
        let value: String
        let revision: Int
        let historyHref: String
    }

    struct TaskForm {
        let code: String
        let title: String
        let deadline: String
        let status: String
        let choices: [Choice]
        /// A refused change of this task: the fields as typed, and why it was refused.
        let completedOn: String
        let note: String
        let error: String?
    }

    /// A refused task change, to show beside the task's form.
    struct KeptTask {
        let code: String
        let fields: [String: String]
        let message: String
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.writable(request, context: context, services: services)
        return try await render(scope, context: context, problems: [], fields: [:], status: .ok)
    }

    private func render(
        _ scope: PageScope, context: AppRequestContext, problems: [ImportProblem], fields: [String: String], task kept: KeptTask? = nil,
        warning: String? = nil, status: HTTPResponse.Status
    ) async throws -> Response {
        let t = UIText.forLanguage(context.language)
        let store = services.store
        // The units to switch to: the ones above and the unit itself, and the ones directly below, that the
        // person may write to (a nation's administrator is not offered every unit of the nation at once).
        let children = try await store.children(of: scope.unit.code)
        let tree = UnitTree(scope.ancestorUnits + [scope.unit] + children)
        let writable = (scope.ancestorUnits + [scope.unit] + children).filter {
            context.account?.mayWrite(to: $0.code, in: tree) == true && $0.origin != .synthetic && $0.isActive(in: scope.period)
        }
        let byCode = try await services.definitions.indicators(version: scope.version, in: store)
        let indicators = byCode.values.sorted { $0.code < $1.code }
        let review = try await store.unitReview(of: scope.unit.code, period: scope.period, asOf: scope.asOf)
        let current = (review?.results ?? []).compactMap { result -> Current? in
            guard let own = result.own, let indicator = byCode[result.indicator] else { return nil }
            return Current(indicator: scope.name(indicator), value: scope.format.figure(own.figure, indicator: indicator), revision: own.revision,
                           historyHref: "/history?\(scope.query())&indicator=\(indicator.code.rawValue)")
        }
        let statuses: [(String, String)] = [("not_started", t.notStarted), ("in_progress", t.inProgress), ("done", t.done), ("dropped", t.dropped)]
        let tasks = try await store.tasks(periods: [scope.period], units: [scope.unit.code]).map { task in
            let refused = kept?.code == task.code.rawValue ? kept : nil
            let chosen = refused?.fields["status"] ?? task.status.name
            return TaskForm(code: task.code.rawValue, title: task.title[context.language], deadline: scope.format.date(task.deadline),
                            status: t.status(task.status),
                            choices: statuses.map { Choice(value: $0.0, label: $0.1, selected: $0.0 == chosen) },
                            completedOn: refused?.fields["completed_on"] ?? "", note: refused?.fields["note"] ?? "", error: refused?.message)
        }
        let view = View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), ancestors: scope.ancestors, period: scope.period.description,
            periods: scope.periodChoices,
            units: writable.map { Choice(value: $0.code.rawValue, label: scope.name($0), selected: $0.code == scope.unit.code) },
            indicators: indicators.map { Choice(value: $0.code.rawValue, label: "\(scope.name($0)) (\($0.measure[scope.language]))", selected: $0.code.rawValue == fields["indicator"]) },
            current: current, tasks: tasks,
            problems: problems.map { ProblemRow($0, t: t) },
            hasProblems: !problems.isEmpty, fields: fields, warning: warning, csrf: context.session?.csrfToken ?? "")
        return services.renderer.page("entry", view, frame: Frame(context, title: "\(t.dataEntry) — \(scope.name(scope.unit))"), status: status)
    }

    @Sendable func enter(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let scope = try await PageScope.writable(request, context: context, services: services, unitCode: form["unit"] ?? "")
        let period = try Period.requested(form["period"] ?? "")
        let entry = FigureEntry(
            unit: scope.unit.code.rawValue, indicator: form["indicator"] ?? "", period: period, value: form["value"] ?? "",
            denominator: form["denominator"], reason: form["reason"], citation: form["citation"], confirmation: form["confirmation"])
        do {
            try await services.actions.enterFigure(entry, as: account, via: .page)
            await services.versions.written()
        } catch let problems as ImportProblems {
            return try await render(scope, context: context, problems: problems.problems, fields: form.fields, status: .unprocessableContent)
        } catch let unusual as ActionError where unusual.isUnusual {
            // The form comes back as typed, with the warning and a field to confirm the figure in.
            let warning = UIText.forLanguage(context.language).message(unusual)
            return try await render(scope, context: context, problems: [], fields: form.fields, warning: warning, status: unusual.status)
        } catch ActionError.unchanged {
            // The same figure again: nothing to store, and the history shows it is there.
        }
        return .redirect(to: "/history?unit=\(scope.unit.code.rawValue)&period=\(period)&indicator=\(entry.indicator)", type: .normal)
    }

    struct HistoryView {
        let t: [String: String]
        let unit: UnitLink
        let ancestors: [UnitLink]
        let period: String
        let indicator: String
        let revisions: [Revision]
        let mayWrite: Bool
        let entryHref: String
    }

    struct Revision {
        let revision: Int
        let value: String
        let source: String
        let enteredBy: String
        let enteredAt: String
        let reason: String
        let latest: Bool
    }

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let raw = request.uri.queryParameters["indicator"].map(String.init) ?? ""
        let indicator = try await scope.indicator(raw, services: services)
        let code = indicator.code
        let t = UIText.forLanguage(context.language)
        let revisions = try await services.store.history(of: ObservationKey(unit: scope.unit.code, indicator: code, period: scope.period))
        let newest = revisions.map(\.revision).max()
        let view = HistoryView(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), ancestors: scope.ancestors, period: scope.period.description, indicator: scope.name(indicator),
            revisions: revisions.reversed().map {
                Revision(revision: $0.revision, value: scope.format.figure($0.figure, indicator: indicator), source: $0.source.citation,
                         enteredBy: $0.enteredBy, enteredAt: scope.format.date($0.enteredAt), reason: $0.reason ?? "", latest: $0.revision == newest)
            },
            mayWrite: context.account?.mayWrite(to: scope.unit.code, in: scope.tree) ?? false,
            entryHref: "/entry?\(scope.query())")
        return services.renderer.page("history", view, frame: Frame(context, title: "\(t.history) — \(scope.name(indicator))"))
    }

    @Sendable func changeTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let raw = try context.parameters.require("code")
        guard let code = TaskCode(validating: raw), let task = try await services.store.tasks(codes: [code]).first else {
            throw ActionError.unknown(.keyTask, code: raw)
        }
        let scope = try await PageScope.writable(request, context: context, services: services, unitCode: task.unit.rawValue, period: task.period)
        do {
            try await services.actions.changeTaskStatus(code.rawValue, to: form["status"] ?? "", completedOn: form["completed_on"], note: form["note"], as: account, via: .page)
        } catch let refused as ActionError {
            // The entry page comes back with the task's form as it was typed, and why beside it.
            let kept = KeptTask(code: code.rawValue, fields: form.fields, message: UIText.forLanguage(context.language).message(refused))
            return try await render(scope, context: context, problems: [], fields: [:], task: kept, status: refused.status)
        }
        await services.versions.written()
        return .redirect(to: "/entry?\(scope.query())", type: .normal)
    }
}
