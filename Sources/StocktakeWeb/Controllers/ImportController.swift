import Foundation
import Hummingbird
import StocktakeApp
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
        let problems: [ProblemRow]
        let hasProblems: Bool
        let imported: String?
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account, account.role != .viewer else { throw HTTPError(.forbidden) }
        return render(context, problems: [], imported: nil, status: .ok)
    }

    private func render(_ context: AppRequestContext, problems: [ImportProblem], imported: String?, status: HTTPResponse.Status) -> Response {
        let t = UIText.forLanguage(context.language)
        let rows = problems.map { ProblemRow($0, t: t) }
        return services.renderer.page(
            "import", View(t: t.catalog, csrf: context.session?.csrfToken ?? "", problems: rows, hasProblems: !rows.isEmpty, imported: imported),
            frame: Frame(context, title: t.importData), status: status)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account, account.role != .viewer else { throw HTTPError(.forbidden) }
        guard let file = form.files["file"], !file.content.isEmpty else {
            throw HTTPError(.badRequest, message: UIText.forLanguage(context.language).errorNoFile)
        }
        let name = AuditEvent.fileName(file.filename)
        let input = ImportFile.read(file.content, file: name, enteredBy: account.username.rawValue)
        do {
            let plan = try await services.actions.importFigures(input, as: account, via: .page)
            await services.versions.written()
            let t = UIText.forLanguage(context.language)
            return render(context, problems: [], imported: "\(t.imported): \(name) — \(plan.dataSet.recordCount) (+\(plan.unchanged) =)", status: .ok)
        } catch let refused as RecordsRefused {
            return render(context, problems: refused.problems, imported: nil, status: .forbidden)
        } catch let problems as ImportProblems {
            return render(context, problems: problems.problems, imported: nil, status: .unprocessableContent)
        }
    }
}
