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
        /// A refusal with no form of a row to show it beside (a reader without the right to confirm).
        let error: String?
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
        /// A refused confirmation of this row: why, beside the form, with the reason as typed.
        let error: String?
        let reason: String
    }

    /// What a refused form held, to show again with the error beside it.
    struct Kept {
        let unit: String
        let grade: String?
        let reason: String
        let message: String
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try await PageScope.resolve(request, context: context, services: services), context: context)
    }

    private func render(_ scope: PageScope, context: AppRequestContext, kept: Kept? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = UIText.forLanguage(context.language)
        let round = try await services.actions.ratingRound(body: scope.unit.code.rawValue, period: scope.period, asOf: scope.asOf)
        let names = round.units.mapValues(scope.name)
        let format = scope.format
        let mayConfirm = context.account?.mayWrite(to: scope.unit.code, in: scope.tree) ?? false
        let rows = round.proposals.map { p in
            let history = round.confirmed[p.unit] ?? []
            let e = p.evidence
            let refused = kept?.unit == p.unit.rawValue ? kept : nil
            let chosen = refused?.grade ?? (history.last?.grade ?? p.proposed).rawValue
            return Row(
                code: p.unit.rawValue, name: names[p.unit] ?? p.unit.rawValue,
                score: format.number(p.score, decimals: 2),
                evidence: "\(t.targetsSet): \(e.targetsMet)/\(e.targetsAssessed) · \(t.keyTasks) \(t.onTime): \(e.tasksOnTime)/\(e.tasksCounted) · \(t.findings): \(e.findings)",
                earned: t.grade(p.earned), proposed: t.grade(p.proposed), limited: p.limitedByQuota,
                confirmed: history.last.map { t.grade($0.grade) },
                history: history.reversed().map { "\($0.revision). \(t.grade($0.grade)) — \($0.confirmedBy), \(format.date($0.confirmedAt))\($0.reason.map { ": \($0)" } ?? "")" },
                grades: RatingRule.Grade.allCases.map { Choice(value: $0.rawValue, label: t.grade($0), selected: $0.rawValue == chosen) },
                error: refused?.message, reason: refused?.reason ?? "")
        }
        let view = View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), ancestors: scope.ancestors, period: scope.period.description,
            periods: scope.periodChoices, rule: round.rule.version, quota: "\(round.rule.quotaPercent)% → \(round.quota)", rows: rows,
            unrated: round.unrated.map { names[$0] ?? $0.rawValue },
            mayConfirm: mayConfirm, csrf: context.session?.csrfToken ?? "",
            error: kept.flatMap { kept in mayConfirm && rows.contains { $0.code == kept.unit } ? nil : kept.message })
        return services.renderer.page("ratings", view, frame: Frame(context, title: "\(t.ratings) — \(scope.name(scope.unit)) \(scope.period)"), status: status)
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let scope = try await PageScope.resolve(
            request, context: context, services: services, unitCode: form["body"] ?? "", period: try form["period"].map(Period.requested))
        do {
            try await services.actions.confirmRating(
                body: scope.unit.code.rawValue, unit: form["unit"] ?? "", period: scope.period, grade: form["grade"], reason: form["reason"], asOf: scope.asOf,
                as: account, via: .page)
        } catch let refused as ActionError {
            // The page comes back as it was, the grade and reason as typed, and why beside them.
            let kept = Kept(unit: form["unit"] ?? "", grade: form["grade"], reason: form["reason"] ?? "", message: UIText.forLanguage(context.language).message(refused))
            return try await render(scope, context: context, kept: kept, status: refused.status)
        }
        return .redirect(to: "/ratings?\(scope.query())", type: .normal)
    }
}
