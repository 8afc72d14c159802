import Hummingbird
import StocktakeCore
import StocktakeStore

/// Who changed what: administrators see every write, others the writes about units in their own subtree.
struct AuditController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/audit", use: show)
    }

    struct View {
        let t: [String: String]
        let events: [Event]
    }

    struct Event {
        let when: String
        let who: String
        let action: String
        let unit: String
        let subject: String
        let detail: String
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let format = UIText.forLanguage(context.language).format
        var units: Set<UnitCode>?
        if account.role != .administrator {
            let tree = UnitTree(try await services.store.units())
            units = Set(account.unit.map { tree.subtree(of: $0) } ?? [])
        }
        let events = try await services.store.auditEvents(units: units).map {
            // Records written before imports kept only the file's name may still hold its full path.
            let subject = [AuditEvent.Action.imported, .reviewImported].contains($0.action) ? AuditEvent.fileName($0.subject) : $0.subject
            return Event(when: format.date($0.at), who: $0.username, action: $0.action.rawValue, unit: $0.unit?.rawValue ?? "", subject: subject, detail: $0.detail)
        }
        let t = UIText.forLanguage(context.language)
        return services.renderer.page("audit", View(t: t.catalog, events: events), frame: Frame(context, title: t.audit))
    }
}
