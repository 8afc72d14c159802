import Hummingbird
import StocktakeApp

/// How the web's two doors answer a refused action: a page shows the status and the rule in the reader's
/// language (``UIText/message(_:)``), the API a JSON error whose code clients rely on (the codes the API
/// document lists) with the message in English.
extension ActionError {
    var status: HTTPResponse.Status {
        switch self {
        case .unknown: .notFound
        case .invalid: .badRequest
        case .refused: .forbidden
        case .reasonRequired, .unusual: .unprocessableContent
        case .alreadyDone, .unchanged, .notNow: .conflict
        }
    }

    var apiCode: String {
        switch self {
        case .unknown(let kind, _, _):
            switch kind {
            case .unit: "unknown_unit"
            case .ratingProposal: "no_proposal"
            case .awardRule, .awardCandidate: "no_candidate"
            case .conference: "unknown_conference"
            case .conclusion: "unknown_conclusion"
            case .vote: "unknown_poll"
            case .keyTask: "unknown_task"
            case .account: "unknown_account"
            case .indicator: "unknown_indicator"
            case .document: "unknown_document"
            case .record: "not_found"
            }
        case .invalid(let field, _, _): field == "answers" ? "invalid_ballot" : "invalid_parameter"
        case .refused(let refusal):
            switch refusal {
            case .outsideRemit, .readOnly, .administratorsOnly: "outside_remit"
            case .notSecretary: "not_secretary"
            case .notOnRoll: "not_on_roll"
            case .ownSubmission: "own_submission"
            }
        case .reasonRequired: "reason_required"
        case .alreadyDone: "already_made"
        case .unchanged: "unchanged"
        case .notNow: "not_accepted"
        case .unusual: "unusual_figure"
        }
    }

    /// Sentence case for people reading a page or an API message.
    var message: String {
        let text = description
        return text.prefix(1).uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }

    var apiError: APIError { APIError(status, apiCode, message) }
}
