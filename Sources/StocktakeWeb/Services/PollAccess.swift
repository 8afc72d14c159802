import StocktakeCore

/// Who may see a confidence vote, one rule for the pages and the API: the voters on its roll (their ballot and
/// receipt), the secretary of its body (who opens and closes it), and administrators (the list and, once
/// closed, the result).
struct PollAccess {
    let onRoll: Bool
    let isSecretary: Bool
    let isAdministrator: Bool

    var maySee: Bool { onRoll || isSecretary || isAdministrator }

    /// `roll` is the poll's roll; `bodies` the units whose secretary the account is.
    init(_ poll: ConfidencePoll, roll: [String], account: Account, secretaryOf bodies: [UnitCode]) {
        onRoll = roll.contains(account.username.rawValue)
        isSecretary = bodies.contains(poll.unit)
        isAdministrator = account.role == .administrator
    }
}
