import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore

/// Which units have entered the figures expected of them for a period, and where their submissions stand: the
/// unit and the units below it, each with what it reported of what was expected and what is missing, its approval
/// (submitted on time or late, approved by whom, reopened figures), and the step the reader may take.
struct CompletenessController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/completeness", use: show)
        router.post("/completeness/approval", use: approve)
        for format in Download.TableFormat.allCases {
            router.get("/completeness.\(format.rawValue)") { request, context in try await download(format, request, context: context) }
        }
    }

    struct View {
        let t: [String: String]
        let unit: UnitLink
        let ancestors: [UnitLink]
        let period: String
        let periods: [Choice]
        let rows: [Row]
        let total: String
        let csvHref: String
        let xlsxHref: String
        let submitted: String
        let csrf: String
        /// The page's unit, for the row forms' way back.
        let pageUnit: String
    }

    struct Row {
        let unit: UnitLink
        let reported: String
        let share: String
        let complete: Bool
        let nothingExpected: Bool
        let missing: String
        let gridHref: String?
        let status: StatusBadge
        let approvedBy: String
        let waitingFor: String?
        let reopened: String?
        let submittedOn: String
        let timeliness: StatusBadge?
        let deadline: String
        let hasSteps: Bool
        let steps: [StepView]
        let mayTakeSteps: Bool
        let maySubmit: Bool
        let mayApprove: Bool
        let mayReopen: Bool
        let reopenChoices: [Choice]
        let message: String?
        let reason: String
    }

    struct StepView {
        let when: String
        let what: String
        let who: String
        let reason: String
    }

    /// A refused step: the reason as typed and why, beside the unit's row.
    struct Kept {
        let unit: String
        let reason: String
        let message: String
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try await PageScope.resolve(request, context: context, services: services), context: context)
    }

    func render(_ scope: PageScope, context: AppRequestContext, kept: Kept? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = UIText.forLanguage(context.language)
        let (units, completeness) = try await read(scope)
        let submissions = try await services.actions.submissions(of: units, period: scope.period, today: DataVersions.today())
        let indicators = try await services.definitions.indicators(version: scope.version, in: services.store)
        let tree = UnitTree(scope.ancestorUnits + units)
        let format = scope.format
        func may(_ unit: UnitCode?) -> Bool { unit.map { context.account?.mayWrite(to: $0, in: tree) == true } ?? false }
        let rows = zip(units, zip(completeness, submissions)).map { unit, pair in
            let (c, s) = pair
            let approval = s.approval
            let kept = kept?.unit == unit.code.rawValue ? kept : nil
            let mayReopen = approval.status == .approved && may(approval.approvedBy.last)
            let reopenable = c.reported.filter { !approval.reopened.contains($0) }
            let maySubmit = (approval.status == .open || approval.status == .returned) && may(unit.code) && context.account?.role != .viewer
            return Row(
                unit: UnitLink(unit, scope: scope), reported: "\(format.number(Decimal(c.reported.count), decimals: 0))/\(format.number(Decimal(c.expected.count), decimals: 0))",
                share: c.share.map { format.percent($0 * 100, decimals: 0) } ?? "—", complete: c.isComplete && !c.expected.isEmpty, nothingExpected: c.expected.isEmpty,
                missing: c.missing.map { indicators[$0].map(scope.name) ?? $0.rawValue }.joined(separator: ", "),
                gridHref: may(unit.code) && !approval.isLocked(c.missing.first ?? c.expected.first ?? IndicatorCode(unchecked: "-")) ? "/entry/grid?\(scope.query(unit: unit.code))" : nil,
                status: t.approvalBadge(s), approvedBy: approval.approvedBy.map(\.rawValue).joined(separator: " → "),
                waitingFor: s.nextBody.map { t.waitingFor.replacingOccurrences(of: "{body}", with: $0.rawValue) },
                reopened: approval.reopened.isEmpty ? nil : approval.reopened.sorted().map { indicators[$0].map(scope.name) ?? $0.rawValue }.joined(separator: ", "),
                submittedOn: approval.submittedAt.map { format.date($0) } ?? "", timeliness: t.timelinessBadge(s.timeliness),
                deadline: s.deadline.map { format.date($0.day) } ?? "",
                hasSteps: !approval.steps.isEmpty,
                steps: approval.steps.map { StepView(when: format.date($0.at), what: t.stepKind($0.kind), who: $0.by, reason: ([$0.body?.rawValue, $0.indicator.map { indicators[$0].map(scope.name) ?? $0.rawValue }, $0.reason].compactMap { $0 }).joined(separator: " — ")) },
                mayTakeSteps: maySubmit || may(s.nextBody) || (mayReopen && !reopenable.isEmpty),
                maySubmit: maySubmit,
                mayApprove: may(s.nextBody), mayReopen: mayReopen && !reopenable.isEmpty,
                reopenChoices: reopenable.map { Choice(value: $0.rawValue, label: indicators[$0].map(scope.name) ?? $0.rawValue, selected: false) },
                message: kept?.message, reason: kept?.reason ?? "")
        }
        let reported = completeness.map(\.reported.count).reduce(0, +), expected = completeness.map(\.expected.count).reduce(0, +)
        let submittedCount = submissions.filter { $0.approval.status == .submitted || $0.approval.status == .approved }.count
        let view = View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), ancestors: scope.ancestors, period: scope.period.description, periods: scope.periodChoices,
            rows: rows, total: "\(format.number(Decimal(reported), decimals: 0))/\(format.number(Decimal(expected), decimals: 0))",
            csvHref: "/completeness.csv?\(scope.query())", xlsxHref: "/completeness.xlsx?\(scope.query())",
            submitted: "\(format.number(Decimal(submittedCount), decimals: 0))/\(format.number(Decimal(submissions.count), decimals: 0))",
            csrf: context.session?.csrfToken ?? "", pageUnit: scope.unit.code.rawValue)
        return services.renderer.page(
            "completeness", view, frame: Frame(context, title: "\(t.completeness) — \(scope.name(scope.unit)) \(scope.period)"), status: status)
    }

    /// One step of a row's unit: submit, approve, return or reopen, by ``Actions/approval(_:unit:period:as:via:)``.
    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let scope = try await PageScope.resolve(
            request, context: context, services: services, unitCode: form["page_unit"] ?? "", period: try form["period"].map(Period.requested))
        let unit = form["unit"] ?? ""
        do {
            let step: Approval.Request
            switch form["step"] ?? "" {
            case "submit": step = .submit
            case "approve": step = .approve
            case "return": step = .return(reason: form["reason"] ?? "")
            case "reopen":
                guard let code = form["indicator"].flatMap(IndicatorCode.init(validating:)) else { throw ActionError.unknown(.indicator, code: form["indicator"] ?? "") }
                step = .reopen(code, reason: form["reason"] ?? "")
            default: throw ActionError.invalid(field: "step", value: form["step"] ?? "", expected: "submit, approve, return or reopen")
            }
            try await services.actions.approval(step, unit: unit, period: scope.period, as: account, via: .page)
            await services.versions.written()
        } catch let refused as ActionError {
            let kept = Kept(unit: unit, reason: form.fields["reason"] ?? "", message: UIText.forLanguage(context.language).message(refused))
            return try await render(scope, context: context, kept: kept, status: refused.status)
        }
        return .redirect(to: "/completeness?\(scope.query())", type: .normal)
    }

    /// The table as data: codes, counts and the missing indicators' codes.
    func download(_ format: Download.TableFormat, _ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let (units, completeness) = try await read(scope)
        let submissions = try await services.actions.submissions(of: units, period: scope.period, today: DataVersions.today())
        let table = DataTable(
            columns: ["unit", "period", "expected", "reported", "missing", "status", "approved_by", "submitted_at", "deadline", "timeliness", "reopened"],
            rows: zip(completeness, submissions).map { c, s in
                [.text(c.unit.rawValue), .text(scope.period.description), .number(Decimal(c.expected.count)), .number(Decimal(c.reported.count)),
                 .text(orEmpty: c.missing.map(\.rawValue).joined(separator: " ")), .text(s.isFinal ? "final" : s.approval.status.rawValue),
                 .text(orEmpty: s.approval.approvedBy.map(\.rawValue).joined(separator: " ")),
                 .text(orEmpty: s.approval.submittedAt?.formatted(.iso8601)), .text(orEmpty: s.deadline?.day.description), .text(s.timeliness.rawValue),
                 .text(orEmpty: s.approval.reopened.map(\.rawValue).sorted().joined(separator: " "))]
            })
        let name = "completeness-\(scope.unit.code.rawValue)-\(scope.period.description)"
        return try Download.table(table, format: format, name: name, sheet: name)
    }

    /// The unit and its real units below active in the period, each with its completeness: read for these units
    /// alone (their targets, their figures of the period and the year before).
    private func read(_ scope: PageScope) async throws -> ([OrgUnit], [Completeness]) {
        let store = services.store
        let units = [scope.unit] + (try await scope.unitsBelow(in: store))
        let codes = units.map(\.code)
        let targets = try await store.targets(periods: [scope.period], units: codes)
        let figures = try await store.unitFigures(periods: [scope.period, scope.period.yearEarlier], units: codes)
        return (units, units.map { Completeness(of: $0.code, period: scope.period, targets: targets, figures: figures) })
    }
}
