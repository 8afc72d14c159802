import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// Commendations a body gives for a year: each award rule's candidates with the years and figures that qualify
/// them, and a person's decision to accept or reject (a rejection with a reason; changes are revisions).
struct AwardController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/awards", use: show)
        router.post("/awards", use: decide)
    }

    struct View {
        let t: [String: String]
        let unit: UnitLink
        let ancestors: [UnitLink]
        let period: String
        let periods: [Choice]
        let rules: [RuleView]
        let hasRules: Bool
        let mayDecide: Bool
        let csrf: String
    }

    struct RuleView {
        let ruleCode: String
        let title: String
        let award: String
        let candidates: [CandidateView]
        let hasCandidates: Bool
    }

    struct CandidateView {
        let unitCode: String
        let name: String
        let qualifications: [String]
        let decision: String
        let history: [String]
        /// A refused decision on this candidate: the reason as typed, and why it was refused.
        let keptReason: String
        let error: String?
    }

    /// A refused decision, to show beside the candidate it was about.
    struct Kept {
        let rule: String
        let unit: String
        let reason: String
        let message: String
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try await PageScope.resolve(request, context: context, services: services), context: context, kept: nil, status: .ok)
    }

    private func render(_ scope: PageScope, context: AppRequestContext, kept: Kept?, status: HTTPResponse.Status) async throws -> Response {
        let t = UIText.forLanguage(context.language)
        let store = services.store
        let rounds = try await store.awardRounds(in: scope.period, body: scope.unit.code)
        // The names of the units the page mentions: the candidates and those tied with them.
        let mentioned = Set(rounds.flatMap { $0.candidates.flatMap { candidate in
            [candidate.unit] + candidate.qualifications.flatMap { q -> [UnitCode] in if case .bestOfGroup(_, _, _, let tied) = q { tied } else { [] } }
        } })
        let units = try await store.unitsByCode(mentioned)
        let named = Names(units: units, indicators: try await services.definitions.indicators(version: scope.version, in: store))
        let rules = rounds.map { round in
            RuleView(
                ruleCode: round.rule.code.rawValue, title: round.rule.title[scope.language], award: round.rule.award[scope.language],
                candidates: round.candidates.map { candidate in
                    let history = round.decisions[candidate.unit] ?? []
                    let refused = kept.flatMap { $0.rule == round.rule.code.rawValue && $0.unit == candidate.unit.rawValue ? $0 : nil }
                    return CandidateView(
                        unitCode: candidate.unit.rawValue, name: units[candidate.unit].map(scope.name) ?? candidate.unit.rawValue,
                        qualifications: candidate.qualifications.map { Self.describe($0, t: t, scope: scope, names: named) },
                        decision: history.last.map { $0.accepted ? t.accepted : t.rejected } ?? t.decisionOpen,
                        history: history.reversed().map { "\($0.revision). \($0.accepted ? t.accepted : t.rejected) — \($0.decidedBy), \(scope.format.date($0.decidedAt))\($0.reason.map { ": \($0)" } ?? "")" },
                        keptReason: refused?.reason ?? "", error: refused?.message)
                },
                hasCandidates: !round.candidates.isEmpty)
        }
        let view = View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), ancestors: scope.ancestors, period: scope.period.description,
            periods: scope.periodChoices, rules: rules, hasRules: !rules.isEmpty,
            mayDecide: context.account?.mayWrite(to: scope.unit.code, in: scope.tree) ?? false, csrf: context.session?.csrfToken ?? "")
        return services.renderer.page("awards", view, frame: Frame(context, title: "\(t.awards) — \(scope.name(scope.unit)) \(scope.period)"), status: status)
    }

    /// The units and indicators a page names.
    struct Names {
        let units: [UnitCode: OrgUnit]
        let indicators: [IndicatorCode: Indicator]
    }

    /// A qualification in the reader's language, with figures formatted for it.
    static func describe(_ q: AwardCandidate.Qualification, t: UIText, scope: PageScope, names: Names) -> String {
        let name = { (code: UnitCode) in names.units[code].map(scope.name) ?? code.rawValue }
        switch q {
        case .streak(let atLeast, let years):
            // Past the top grade, each year says which grade it had.
            let list = years.map { "\($0.period) (\(scope.format.number($0.score, decimals: 2))\(atLeast == .excellent ? "" : ", \(t.grade($0.grade))"))" }.joined(separator: ", ")
            let grade = atLeast == .excellent ? t.grade(atLeast) : "\(t.grade(atLeast)) \(t.orBetter)"
            return years.count > 1 ? "\(grade) \(years.count) \(t.consecutiveYears): \(list)" : "\(grade) \(list)"
        case .bestOfGroup(let group, let score, let among, let tied):
            return "\(t.bestOfGroupText) \(among) \(t.unitsIn) \(group): \(scope.format.number(score, decimals: 2))" + (tied.isEmpty ? "" : ", \(t.tiedWith) \(tied.map(name).joined(separator: ", "))")
        case .rank(let indicator, _, let rank, let actual):
            let label = names.indicators[indicator].map(scope.name) ?? indicator.rawValue
            return "\(label) \(scope.format.number(actual, decimals: 2)): \(t.rankText) \(rank.position)/\(rank.of)"
        }
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let scope = try await PageScope.resolve(
            request, context: context, services: services, unitCode: form["body"] ?? "", period: try form["period"].map(Period.requested))
        do {
            try await services.actions.decideAward(
                body: scope.unit.code.rawValue, rule: form["rule"] ?? "", unit: form["unit"] ?? "", period: scope.period, decision: form["decision"] ?? "",
                reason: form["reason"], as: account, via: .page)
        } catch let refused as ActionError {
            // The page comes back as it was, the reason as typed, and why beside the candidate's form.
            let kept = Kept(rule: form["rule"] ?? "", unit: form["unit"] ?? "", reason: form.fields["reason"] ?? "", message: UIText.forLanguage(context.language).message(refused))
            return try await render(scope, context: context, kept: kept, status: refused.status)
        }
        return .redirect(to: "/awards?\(scope.query())", type: .normal)
    }
}
