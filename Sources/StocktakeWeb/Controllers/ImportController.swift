import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore

/// Uploading a JSON data set or CSV observations: checked as the command line checks it, all or nothing, with
/// every problem listed by row. Editors may import figures for their own subtree only; definitions (units,
/// indicators, documents, targets, tasks) are for administrators.
struct ImportController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/import", use: page)
        router.post("/import", use: upload)
    }

    struct View {
        let t: [String: String]
        let csrf: String
        let problems: [EntryController.ProblemRow]
        let hasProblems: Bool
        let imported: String?
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account, account.role != .viewer else { throw HTTPError(.forbidden) }
        return render(context, problems: [], imported: nil, status: .ok)
    }

    private func render(_ context: AppRequestContext, problems: [ImportProblem], imported: String?, status: HTTPResponse.Status) -> Response {
        let t = UIText.forLanguage(context.language)
        let rows = problems.map(EntryController.ProblemRow.init)
        return services.renderer.page(
            "import", View(t: t.catalog, csrf: context.session?.csrfToken ?? "", problems: rows, hasProblems: !rows.isEmpty, imported: imported),
            frame: Frame(context, title: t.importData), status: status)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account, account.role != .viewer else { throw HTTPError(.forbidden) }
        guard let file = form.files["file"], !file.content.isEmpty else {
            throw HTTPError(.badRequest, message: "Choose a file to import.")
        }
        let name = AuditEvent.fileName(file.filename)
        let input = ImportFile.read(file.content, file: name, enteredBy: account.username.rawValue)
        if let refusal = try await remitProblems(input, account: account) {
            return render(context, problems: refusal, imported: nil, status: .forbidden)
        }
        do {
            let plan = try await services.store.importChecked(input) { plan in
                [AuditEvent(
                    username: account.username.rawValue, action: .imported, unit: account.unit, subject: name,
                    detail: "\(plan.dataSet.recordCount) records (\(plan.dataSet.observations.count) figures), \(plan.unchanged) unchanged")]
            }
            await services.versions.written()
            let t = UIText.forLanguage(context.language)
            return render(context, problems: [], imported: "\(t.imported): \(name) — \(plan.dataSet.recordCount) (+\(plan.unchanged) =)", status: .ok)
        } catch let problems as ImportProblems {
            return render(context, problems: problems.problems, imported: nil, status: .unprocessableContent)
        }
    }

    /// What an editor's file may not do: define records, or touch figures outside the editor's subtree.
    private func remitProblems(_ input: LocatedDataSet, account: Account) async throws -> [ImportProblem]? {
        guard !account.mayDefine else { return nil }
        var problems: [ImportProblem] = []
        func refuse(_ location: ImportProblem.Location, _ field: String, _ value: String, _ expected: String) {
            problems.append(ImportProblem(file: input.file, location: location, field: field, value: value, expected: expected))
        }
        for u in input.units { refuse(u.location, "units", u.value.code.rawValue, "figures only: definitions are imported by an administrator") }
        for d in input.documents { refuse(d.location, "documents", d.value.code.rawValue, "figures only: definitions are imported by an administrator") }
        for i in input.indicators { refuse(i.location, "indicators", i.value.code.rawValue, "figures only: definitions are imported by an administrator") }
        for t in input.targets { refuse(t.location, "targets", t.value.code.rawValue, "figures only: definitions are imported by an administrator") }
        for t in input.tasks { refuse(t.location, "tasks", t.value.code.rawValue, "figures only: definitions are imported by an administrator") }
        let tree = UnitTree(try await services.store.units())
        for o in input.observations where !account.mayWrite(to: o.value.observation.key.unit, in: tree) {
            refuse(o.location, "unit", o.value.observation.key.unit.rawValue, "a unit in the subtree of \(account.unit?.rawValue ?? "your unit")")
        }
        return problems.isEmpty ? nil : problems
    }
}
