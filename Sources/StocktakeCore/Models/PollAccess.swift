/// Who may see a confidence vote and its tally: one rule for the poll page, the API, the conference page, the
/// report and the command line. The voters on its roll (their ballot and receipt), the secretary of its body
/// (who opens and closes it) and administrators see the vote and, once it is closed, its tally; nobody else
/// sees either. The command line reads the database directly, so it reads as an administrator.
public struct PollAccess: Hashable, Sendable {
    public let onRoll: Bool
    public let isSecretary: Bool
    public let isAdministrator: Bool

    public var maySee: Bool { onRoll || isSecretary || isAdministrator }

    /// Whether the tally of `poll` may be shown: to those who may see the vote, and only once it is closed.
    public func maySeeTally(of poll: ConfidencePoll) -> Bool { maySee && poll.isClosed }

    /// `roll` is the poll's roll; `bodies` the units whose secretary the account is.
    public init(_ poll: ConfidencePoll, roll: [String], account: Account, secretaryOf bodies: [UnitCode]) {
        onRoll = roll.contains(account.username.rawValue)
        isSecretary = bodies.contains(poll.unit)
        isAdministrator = account.role == .administrator
    }

    init(onRoll: Bool, isSecretary: Bool, isAdministrator: Bool) {
        self.onRoll = onRoll
        self.isSecretary = isSecretary
        self.isAdministrator = isAdministrator
    }

    /// Someone at the command line, holding the database itself.
    public static let console = PollAccess(onRoll: false, isSecretary: false, isAdministrator: true)
}

/// Who asks to see a vote: a signed-in account, or the command line.
public enum PollReader: Sendable {
    case account(Account)
    case console
}
