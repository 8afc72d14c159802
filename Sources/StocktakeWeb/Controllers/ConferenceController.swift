import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// Review conferences: the record (chairs, the central site and its bridges with who attended where,
/// statements, conclusions), gathered with the host's evaluation, ratings, awards and vote results for the
/// year reviewed. A conclusion becomes a key task of the next period with one action.
struct ConferenceController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/conferences", use: list)
        router.get("/conferences/{code}", use: show)
        router.post("/conferences/{code}/conclusions/{number}/task", use: makeTask)
    }

    struct ListView {
        let t: [String: String]
        let conferences: [Link]
    }

    struct Link {
        let href: String
        let title: String
        let date: String
        let host: String
    }

    struct View {
        let t: [String: String]
        let code: String
        let title: String
        let date: String
        let host: String
        let period: String
        let nextPeriod: String
        let chairs: [String]
        let sites: [SiteView]
        let statements: [StatementView]
        let commentsHeard: String?
        let conclusions: [ConclusionView]
        let source: String?
        let review: DashboardController.View
        let ratings: [RatingLine]
        let hasRatings: Bool
        let awards: [AwardLine]
        let polls: [PollView]
        let ratingsHref: String
        let awardsHref: String
        let dashboardHref: String
        let mayMakeTasks: Bool
        let report: ReportController.Links
        let csrf: String
    }

    struct SiteView {
        let name: String
        let central: Bool
        let attendance: String?
        let attendees: [String]
    }

    struct StatementView {
        let kind: String
        let speaker: String
        let summary: String
    }

    struct ConclusionView {
        let number: Int
        let text: String
        let deadline: String?
        let task: String?
        let taskHref: String?
    }

    struct RatingLine {
        let unit: String
        let grade: String
        let score: String
    }

    struct AwardLine {
        let award: String
        let unit: String
        let evidence: String
    }

    struct PollView {
        let title: String
        let open: Bool
        let lines: [PollLine]
        let base: String
        let withheld: Bool
    }

    struct PollLine {
        let official: String
        let cells: [String]
        let reached: String
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let t = UIText.forLanguage(context.language)
        let format = UIText.forLanguage(context.language).format
        let conferences = try await services.store.conferences()
        let units = try await services.store.unitsByCode(conferences.map(\.host))
        let links = conferences.reversed().map { c in
            Link(href: "/conferences/\(c.code)", title: c.title[context.language], date: format.date(c.date), host: units[c.host]?.names[context.language] ?? c.host.rawValue)
        }
        return services.renderer.page("conferences", ListView(t: t.catalog, conferences: links), frame: Frame(context, title: t.conferences))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let conference = try await services.store.conference(code) else { throw ActionError.unknown(.conference, code: code) }
        let t = UIText.forLanguage(context.language)
        let scope = try await PageScope.resolve(request, context: context, services: services, unitCode: conference.host.rawValue, period: conference.period)
        let language = scope.language
        let format = scope.format
        let store = services.store
        let children = try await store.children(of: conference.host).filter { $0.isActive(in: conference.period) }
        let awarded = try await store.acceptedAwards(in: conference.period, body: conference.host)
        // The units the page names: the host, the units it rates, the awarded ones, those speakers came from.
        let mentioned = Set([conference.host] + awarded.map(\.decision.unit) + conference.statements.compactMap(\.unit)).subtracting(children.map(\.code))
        let units = try await store.unitsByCode(mentioned).merging(children.map { ($0.code, $0) }) { a, _ in a }
        let name = { (code: UnitCode) in units[code].map(scope.name) ?? code.rawValue }
        func person(_ p: Conference.Person) -> String { p.name + (p.position.map { " — \($0[language])" } ?? "") }
        let tasks = try await store.conclusionTasks(of: conference.code)

        let latest = Dictionary(grouping: try await store.ratings(period: conference.period), by: \.unit).compactMapValues(\.last)
        let ratings = children.compactMap { latest[$0.code] }
            .sorted { ($0.score, name($1.unit)) > ($1.score, name($0.unit)) }
            .map { RatingLine(unit: name($0.unit), grade: t.grade($0.grade), score: format.number($0.score, decimals: 2)) }
        let awards = awarded.map { award in
            AwardLine(award: award.rule.award[language], unit: name(award.decision.unit), evidence: award.rule.title[language])
        }
        var polls: [PollView] = []
        // Only the votes the account may see, under the poll page's own rule.
        for poll in try await services.store.polls() where poll.unit == conference.host && poll.period == conference.period {
            guard let account = context.account, try await services.store.access(to: poll, for: .account(account)).maySee else { continue }
            guard poll.isClosed else {
                polls.append(PollView(title: poll.title, open: true, lines: [], base: "", withheld: false))
                continue
            }
            let tally = try await services.store.tally(poll.code.rawValue, for: .account(account))
            polls.append(PollView(
                title: poll.title, open: false,
                lines: tally.lines.map { line in
                    PollLine(
                        official: line.official.name + (line.official.position.isEmpty ? "" : " — \(line.official.position)"),
                        cells: ConfidencePoll.Answer.allCases.map { format.count(line.counts[$0, default: 0], of: tally.baseCount) },
                        reached: line.reached.map(t.threshold).joined(separator: "; "))
                },
                base: "\(t.roll) \(tally.roll) · \(t.cast) \(tally.cast) · \(t.base): \(tally.base == .cast ? t.baseCast : t.baseRoll)",
                withheld: tally.isWithheld))
        }
        let mayWrite = context.account?.mayWrite(to: conference.host, in: scope.tree) ?? false
        let view = View(
            t: t.catalog, code: conference.code.rawValue, title: conference.title[language], date: format.date(conference.date),
            host: name(conference.host), period: conference.period.description, nextPeriod: conference.nextPeriod.description,
            chairs: conference.chairs.map(person),
            sites: conference.sites.sorted { $0.isCentral && !$1.isCentral }.map { site in
                SiteView(name: site.name[language], central: site.isCentral, attendance: site.attendance.map { format.number(Decimal($0), decimals: 0) }, attendees: site.attendees.map(person))
            },
            statements: conference.statements.map { s in
                StatementView(kind: s.kind == .speech ? t.speech : s.kind == .comment ? t.comment : t.closing,
                              speaker: s.speaker.name + (s.unit.map { " (\(name($0)))" } ?? ""), summary: s.summary[language])
            },
            commentsHeard: conference.commentsHeard.map { format.number(Decimal($0), decimals: 0) },
            conclusions: conference.conclusions.map { c in
                ConclusionView(
                    number: c.number, text: c.text[language], deadline: c.deadline.map(format.date), task: tasks[c.number]?.rawValue,
                    taskHref: tasks[c.number].map { _ in "/dashboard?unit=\(conference.host)&period=\(conference.nextPeriod)" })
            },
            source: conference.source, review: try await DashboardController(services: services).view(scope, t: t, mayWrite: false),
            ratings: ratings, hasRatings: !ratings.isEmpty, awards: awards, polls: polls,
            ratingsHref: "/ratings?\(scope.query())", awardsHref: "/awards?\(scope.query())", dashboardHref: "/dashboard?\(scope.query())",
            mayMakeTasks: mayWrite, report: ReportController.Links(unit: conference.host, period: conference.period, t: t), csrf: context.session?.csrfToken ?? "")
        return services.renderer.page("conference", view, frame: Frame(context, title: conference.title[language]))
    }

    @Sendable func makeTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let code = try context.parameters.require("code")
        let number = try context.parameters.require("number", as: Int.self)
        guard let conference = try await services.store.conference(code) else { throw ActionError.unknown(.conference, code: code) }
        try await services.actions.makeTask(conference: conference.code.rawValue, conclusion: number, as: account, via: .page)
        await services.versions.written()
        return .redirect(to: "/conferences/\(conference.code)", type: .normal)
    }
}
