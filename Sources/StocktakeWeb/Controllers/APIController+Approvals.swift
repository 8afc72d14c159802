import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// Submission, approval and the audit trail through the API, with the pages' rules (``Actions/approval(_:unit:period:as:via:)``,
/// ``Actions/auditTrail(_:as:export:)``).
extension APIController {
    // MARK: - Approval

    struct SubmissionsAnswer: Encodable {
        let unit: String
        let period: String
        let submissions: [Submission]
    }

    struct Submission: Encodable {
        let unit: String
        let status: String
        let final: Bool
        let approvedBy: [String]
        let nextBody: String?
        let submittedAt: String?
        let submittedBy: String?
        let deadline: String?
        let timeliness: String
        let reopened: [String]
        let steps: [Step]

        enum CodingKeys: String, CodingKey {
            case unit, status, final, deadline, timeliness, reopened, steps
            case approvedBy = "approved_by", nextBody = "next_body", submittedAt = "submitted_at", submittedBy = "submitted_by"
        }

        init(_ s: UnitSubmission) {
            unit = s.unit.rawValue
            status = s.approval.status.rawValue
            final = s.isFinal
            approvedBy = s.approval.approvedBy.map(\.rawValue)
            nextBody = s.nextBody?.rawValue
            submittedAt = s.approval.submittedAt?.formatted(.iso8601)
            submittedBy = s.approval.submittedBy
            deadline = s.deadline?.day.description
            timeliness = s.timeliness.rawValue
            reopened = s.approval.reopened.map(\.rawValue).sorted()
            steps = s.approval.steps.map(Step.init)
        }
    }

    struct Step: Encodable {
        let sequence: Int
        let kind: String
        let body: String?
        let indicator: String?
        let by: String
        let at: String
        let reason: String?

        init(_ step: ApprovalStep) {
            sequence = step.sequence
            kind = step.kind.rawValue
            body = step.body?.rawValue
            indicator = step.indicator?.rawValue
            by = step.by
            at = step.at.formatted(.iso8601)
            reason = step.reason
        }
    }

    /// `GET /approvals`: the submissions of a unit and of the units directly below it.
    @Sendable func submissions(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try account(context)
        let unit = try await body(request.uri.queryParameters["unit"].map(String.init))
        let period = try Self.period(request, required: true)!
        let units = [unit] + (try await services.store.realChildren(of: unit.code, in: period))
        let found = try await services.actions.submissions(of: units, period: period, today: DataVersions.today())
        return SubmissionsAnswer(unit: unit.code.rawValue, period: period.description, submissions: found.map(Submission.init)).response()
    }

    struct ApprovalInput: Decodable {
        let unit: String
        let period: String
        let action: String
        let indicator: String?
        let reason: String?
    }

    /// `POST /approvals`: one step (submit, approve, return, reopen) of a unit's figures for a period.
    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let input = try await decode(ApprovalInput.self, request, context, expected: "unit, period and action, and a reason to return or reopen")
        let period = try Period.requested(input.period)
        let approvalRequest: Approval.Request
        switch input.action {
        case "submit": approvalRequest = .submit
        case "approve": approvalRequest = .approve
        case "return": approvalRequest = .return(reason: input.reason ?? "")
        case "reopen":
            guard let text = input.indicator, let code = IndicatorCode(validating: text) else {
                throw ActionError.unknown(.indicator, code: input.indicator ?? "")
            }
            approvalRequest = .reopen(code, reason: input.reason ?? "")
        default:
            throw ActionError.invalid(field: "action", value: input.action, expected: "submit, approve, return or reopen")
        }
        let step = try await services.actions.approval(approvalRequest, unit: input.unit, period: period, as: account, via: .api)
        await services.versions.written()
        return Step(step).response(status: .created)
    }

    // MARK: - Audit

    struct AuditAnswer: Encodable {
        let page: Int
        let nextPage: Int?
        let events: [Event]

        enum CodingKeys: String, CodingKey {
            case page, events
            case nextPage = "next_page"
        }
    }

    struct Event: Encodable {
        let at, user, action: String
        let unit, period, before, after: String?
        let subject, detail: String

        init(_ event: AuditEvent) {
            // RFC 3339 with its zone, to the millisecond like the stored row.
            at = event.at.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            user = event.username
            action = event.action.rawValue
            unit = event.unit?.rawValue
            period = event.period?.description
            before = event.before
            after = event.after
            subject = event.subject
            detail = event.detail
        }
    }

    /// `GET /audit`: one page of the audit trail the account may read, filtered.
    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let page = try await services.actions.auditTrail(AuditController.query(request), as: account)
        return AuditAnswer(page: page.page, nextPage: page.hasMore ? page.page + 1 : nil, events: page.events.map(Event.init)).response()
    }
}
