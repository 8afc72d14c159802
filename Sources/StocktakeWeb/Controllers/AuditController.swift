import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// Who changed what, filtered by unit subtree, person, kind of event, period and days, a page at a time, and as
/// CSV or XLSX: administrators read every event, others the events about their own unit's subtree
/// (``Actions/auditTrail(_:as:export:)``).
struct AuditController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/audit", use: show)
        for format in Download.TableFormat.allCases {
            router.get("/audit.\(format.rawValue)") { request, context in try await download(format, request, context: context) }
        }
    }

    struct View {
        let t: [String: String]
        let query: Filled
        let actions: [Choice]
        let events: [Event]
        let empty: Bool
        let newerHref: String?
        let olderHref: String?
        let page: Int
        let csvHref: String
        let xlsxHref: String
    }

    /// The filters as given, to fill the form again.
    struct Filled {
        let unit, user, period, from, through: String
    }

    struct Event {
        let when: String
        let who: String
        let action: String
        let unit: String
        let period: String
        let before: String
        let after: String
        let subject: String
        let detail: String
    }

    /// The filters of a page's or the API's query string.
    static func query(_ request: Request) -> AuditQuery {
        let q = request.uri.queryParameters
        func text(_ name: String) -> String? { q[name[...]].map { String($0.prefix(200)) } }
        return AuditQuery(
            unit: text("unit"), user: text("user"), action: text("action"), period: text("period"), from: text("from"),
            through: text("through"), page: text("page").flatMap { Int($0) } ?? 1)
    }

    /// The query string of `query` on page `page`, for links that keep the filters.
    static func link(_ query: AuditQuery, page: Int? = nil) -> String {
        let pairs: [(String, String?)] = [
            ("unit", query.unit), ("user", query.user), ("action", query.action), ("period", query.period), ("from", query.from),
            ("through", query.through), ("page", page.map(String.init)),
        ]
        return pairs.compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        }.joined(separator: "&")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let t = UIText.forLanguage(context.language)
        let query = Self.query(request)
        let page = try await services.actions.auditTrail(query, as: account)
        let format = t.format
        let events = page.events.map {
            // Records written before imports kept only the file's name may still hold its full path.
            let subject = [AuditEvent.Action.imported, .reviewImported].contains($0.action) ? AuditEvent.fileName($0.subject) : $0.subject
            return Event(
                when: format.date($0.at), who: $0.username, action: t.auditAction($0.action), unit: $0.unit?.rawValue ?? "",
                period: $0.period?.description ?? "", before: $0.before ?? "", after: $0.after ?? "", subject: subject, detail: $0.detail)
        }
        let actions = [Choice(value: "", label: t.allKinds, selected: query.action == nil)]
            + AuditEvent.Action.allCases.map { Choice(value: $0.rawValue, label: t.auditAction($0), selected: query.action == $0.rawValue) }
        let filters = Self.link(query)
        let view = View(
            t: t.catalog,
            query: Filled(unit: query.unit ?? "", user: query.user ?? "", period: query.period ?? "", from: query.from ?? "", through: query.through ?? ""),
            actions: actions, events: events, empty: events.isEmpty,
            newerHref: page.page > 1 ? "/audit?\(Self.link(query, page: page.page - 1))" : nil,
            olderHref: page.hasMore ? "/audit?\(Self.link(query, page: page.page + 1))" : nil, page: page.page,
            csvHref: "/audit.csv?\(filters)", xlsxHref: "/audit.xlsx?\(filters)")
        return services.renderer.page("audit", view, frame: Frame(context, title: t.audit))
    }

    /// Every event the filters select (up to ``Actions/auditExportLimit``), as data: UTC times, codes.
    func download(_ format: Download.TableFormat, _ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let page = try await services.actions.auditTrail(Self.query(request), as: account, export: true)
        let table = DataTable(
            columns: ["at", "user", "action", "unit", "period", "subject", "before", "after", "detail"],
            rows: page.events.map { e in
                [.text(e.at.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))), .text(e.username), .text(e.action.rawValue), .text(orEmpty: e.unit?.rawValue ?? ""),
                 .text(orEmpty: e.period?.description ?? ""), .text(orEmpty: e.subject), .text(orEmpty: e.before ?? ""), .text(orEmpty: e.after ?? ""),
                 .text(orEmpty: e.detail)]
            })
        return try Download.table(table, format: format, name: "audit", sheet: "audit")
    }
}
