import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// Ratings of the units under a body for a year: the proposal with the evidence behind each score and the quota,
/// and the person's confirmation or override with a reason. Confirmed ratings are locked; changes are revisions.
struct RatingController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/ratings", use: show)
        router.post("/ratings", use: confirm)
    }

    struct View {
        let t: [String: String]
        let unit: UnitLink
        let ancestors: [UnitLink]
        let period: String
        let periods: [Choice]
        let rule: String
        let quota: String
        let rows: [Row]
        let unrated: [String]
        let mayConfirm: Bool
        let csrf: String
    }

    struct Row {
        let code: String
        let name: String
        let score: String
        let evidence: String
        let earned: String
        let proposed: String
        let limited: Bool
        let confirmed: String?
        let history: [String]
        let grades: [Choice]
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let t = UIText.forLanguage(context.language)
        let round = try await services.actions.ratingRound(body: scope.unit.code.rawValue, period: scope.period, asOf: scope.asOf)
        let names = round.units.mapValues(scope.name)
        let format = scope.format
        let rows = round.proposals.map { p in
            let history = round.confirmed[p.unit] ?? []
            let e = p.evidence
            return Row(
                code: p.unit.rawValue, name: names[p.unit] ?? p.unit.rawValue,
                score: format.number(p.score, decimals: 2),
                evidence: "\(t.targetsSet): \(e.targetsMet)/\(e.targetsAssessed) · \(t.keyTasks) \(t.onTime): \(e.tasksOnTime)/\(e.tasksCounted) · \(t.findings): \(e.findings)",
                earned: t.grade(p.earned), proposed: t.grade(p.proposed), limited: p.limitedByQuota,
                confirmed: history.last.map { t.grade($0.grade) },
                history: history.reversed().map { "\($0.revision). \(t.grade($0.grade)) — \($0.confirmedBy), \(format.date($0.confirmedAt))\($0.reason.map { ": \($0)" } ?? "")" },
                grades: RatingRule.Grade.allCases.map { Choice(value: $0.rawValue, label: t.grade($0), selected: $0 == (history.last?.grade ?? p.proposed)) })
        }
        let view = View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), ancestors: scope.ancestors, period: scope.period.description,
            periods: scope.periodChoices, rule: round.rule.version, quota: "\(round.rule.quotaPercent)% → \(round.quota)", rows: rows,
            unrated: round.unrated.map { names[$0] ?? $0.rawValue },
            mayConfirm: context.account?.mayWrite(to: scope.unit.code, in: scope.tree) ?? false,
            csrf: context.session?.csrfToken ?? "")
        return services.renderer.page("ratings", view, frame: Frame(context, title: "\(t.ratings) — \(scope.name(scope.unit)) \(scope.period)"))
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let scope = try await PageScope.resolve(
            request, context: context, services: services, unitCode: form["body"] ?? "", period: try form["period"].map(Period.requested))
        try await services.actions.confirmRating(
            body: scope.unit.code.rawValue, unit: form["unit"] ?? "", period: scope.period, grade: form["grade"], reason: form["reason"], asOf: scope.asOf,
            as: account, via: .page)
        return .redirect(to: "/ratings?\(scope.query())", type: .normal)
    }
}
