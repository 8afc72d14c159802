import StocktakeCore

/// Why an action was refused. Every door maps it to its own answer: a page with the message in place, a JSON
/// error with a stable code, one `error:` line on the command line. Nothing was written when one is thrown.
public enum ActionError: Error, Equatable, CustomStringConvertible {
    /// No record of this kind has this code (within a body's round or a year, when `within` says so).
    case unknown(Kind, code: String, within: String? = nil)
    /// A field's value is not one the action takes.
    case invalid(field: String, value: String, expected: String)
    /// The acting account may not do this here.
    case refused(Refusal)
    /// The action needs a reason and none was given.
    case reasonRequired(String)
    /// The action was done already and is done once (a conclusion made a task, a vote opened).
    case alreadyDone(String)
    /// The value is the latest revision already: nothing to store.
    case unchanged(String)
    /// The action's state does not allow it now (a vote closed, a ballot cast twice, a roll too small).
    case notNow(String)
    /// The figure is far from what its unit's earlier years or its peers lead one to expect (``Outlier``): it
    /// is entered once confirmed with a comment saying why it is right.
    case unusual(Outlier, ObservationKey, decimals: Int)

    public enum Kind: String, Sendable {
        case unit, account, conference, conclusion, vote, record, indicator, document
        case keyTask = "key task"
        case ratingProposal = "rating proposal"
        case awardRule = "award rule"
        case awardCandidate = "award candidate"
    }

    public enum Refusal: Equatable, Sendable {
        /// Outside the subtree the account writes to, or a viewer.
        case outsideRemit(account: Username, role: Account.Role, unit: UnitCode)
        /// A viewer, who writes nothing anywhere.
        case readOnly(account: Username)
        /// Only the body's secretary opens and closes its votes.
        case notSecretary(account: Username, body: UnitCode, secretary: Username?)
        /// Definitions, review files and secretaries are an administrator's.
        case administratorsOnly(account: Username, action: String)
        /// Only the voters on the roll cast ballots.
        case notOnRoll(account: Username, poll: String)
        /// Nobody approves figures they submitted.
        case ownSubmission(account: Username, unit: UnitCode)
    }

    /// Whether this is an unusual figure's warning, which a confirmation answers.
    public var isUnusual: Bool {
        if case .unusual = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .unknown(let kind, let code, let within): "no \(kind.rawValue)\(within.map { " \($0)" } ?? "") has the code '\(code)'"
        case .invalid(let field, let value, let expected): "\(field) '\(value)': expected \(expected)"
        case .refused(let refusal): refusal.description
        case .reasonRequired(let why): "a reason is required: \(why)"
        case .alreadyDone(let what), .unchanged(let what), .notNow(let what): what
        case .unusual(let outlier, let key, let decimals):
            "\(key): \(outlier.value.exactText) is unusual, far from \(outlier.basis == .history ? "what the unit's \(outlier.count) earlier years lead one to expect" : "the same figure of the \(outlier.count) units beside it") "
                + "(\(outlier.low.rounded(decimals).exactText) to \(outlier.high.rounded(decimals).exactText)): confirm it with a comment saying why it is right, or correct it"
        }
    }
}

extension ActionError.Refusal: CustomStringConvertible {
    public var description: String {
        switch self {
        case .outsideRemit(let account, let role, let unit):
            "\(account) (\(role.rawValue)) may not write for \(unit): \(role == .viewer ? "a viewer reads only" : "it is outside the account's unit and the units below it")"
        case .notSecretary(let account, let body, let secretary):
            "only the secretary of \(body) (\(secretary?.rawValue ?? "none named")) opens and closes its votes, not \(account)"
        case .readOnly(let account): "\(account) is a viewer: a viewer reads only"
        case .administratorsOnly(let account, let action): "only administrators \(action); \(account) is not one"
        case .notOnRoll(let account, let poll): "\(account) is not on the roll of \(poll)"
        case .ownSubmission(let account, let unit): "\(account) submitted the figures of \(unit) and may not approve them: another member of the approving body does"
        }
    }
}
