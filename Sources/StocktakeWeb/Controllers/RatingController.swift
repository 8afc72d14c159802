import Foundation
import Hummingbird
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
        let rule = try await services.store.ratingRule(for: scope.period)
        let rated = try await services.store.ratedReviews(of: scope.unit.code, period: scope.period, asOf: scope.asOf)
        let names = Dictionary(rated.map { ($0.unit.code, scope.name($0.unit)) }, uniquingKeysWith: { a, _ in a })
        let (proposals, quota, unrated) = rule.round(of: rated)
        let confirmed = Dictionary(grouping: try await services.store.ratings(period: scope.period), by: \.unit)
        let format = scope.format
        let rows = proposals.map { p in
            let history = confirmed[p.unit] ?? []
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
            periods: scope.periodChoices, rule: rule.version, quota: "\(rule.quotaPercent)% → \(quota)", rows: rows,
            unrated: unrated.map { names[$0] ?? $0.rawValue },
            mayConfirm: context.account?.mayWrite(to: scope.unit.code, in: scope.tree) ?? false,
            csrf: context.session?.csrfToken ?? "")
        return services.renderer.page("ratings", view, frame: Frame(context, title: "\(t.ratings) — \(scope.name(scope.unit)) \(scope.period)"))
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let scope = try await PageScope.resolve(
            request, context: context, services: services, unitCode: form["body"] ?? "", period: try form["period"].map(Period.requested))
        guard account.mayWrite(to: scope.unit.code, in: scope.tree) else { throw HTTPError(.forbidden) }
        let rule = try await services.store.ratingRule(for: scope.period)
        let rated = try await services.store.ratedReviews(of: scope.unit.code, period: scope.period, asOf: scope.asOf)
        guard let proposal = rule.round(of: rated).proposals.first(where: { $0.unit.rawValue == form["unit"] }) else {
            throw HTTPError(.notFound, message: "No rating proposal for '\(form["unit"] ?? "")' under \(scope.unit.code) in \(scope.period).")
        }
        guard let grade = form["grade"].flatMap(RatingRule.Grade.init(rawValue:)) else {
            throw HTTPError(.badRequest, message: "grade '\(form["grade"] ?? "")': expected excellent, good, completed or not_completed")
        }
        do {
            try await services.store.confirmRating(proposal, period: scope.period, grade: grade, rule: rule, reason: form["reason"], by: account.username.rawValue)
        } catch let error as RatingError {
            throw HTTPError(.unprocessableContent, message: error.description)
        }
        return .redirect(to: "/ratings?\(scope.query())", type: .normal)
    }
}
