import Foundation
import StocktakeCore
import StocktakeStore

extension Actions {
    /// Opens a confidence vote: only the body's secretary does.
    public func openPoll(_ poll: ConfidencePoll, roll: [Username], key: BallotKey, as account: Account, via door: Door) async throws {
        _ = try await lineage(of: poll.unit.rawValue)
        try await requireSecretary(account, of: poll.unit)
        do { try await store.createPoll(poll, roll: roll, by: account.username.rawValue, via: door.rawValue, key: key) } catch let error as PollError {
            throw Self.mapped(error, account, poll: poll.code.rawValue)
        }
    }

    /// Closes a vote: only the body's secretary does; its tally is then shown.
    @discardableResult
    public func closePoll(_ code: String, key: BallotKey, as account: Account, via door: Door) async throws -> ConfidencePoll {
        guard let poll = try await store.poll(code) else { throw ActionError.unknown(.vote, code: code) }
        try await requireSecretary(account, of: poll.unit)
        do { try await store.closePoll(code, by: account.username.rawValue, via: door.rawValue, key: key) } catch let error as PollError {
            throw Self.mapped(error, account, poll: code)
        }
        return try await store.poll(code) ?? poll
    }

    /// Casts the account's secret ballot; only voters on the roll may, once. Returns the receipt.
    public func castBallot(_ code: String, answers: [ConfidencePoll.Answer], key: BallotKey, as account: Account, via door: Door) async throws -> String {
        do { return try await store.cast(code, by: account.username.rawValue, answers: answers, key: key) } catch let error as PollError {
            throw Self.mapped(error, account, poll: code)
        }
    }

    func requireSecretary(_ account: Account, of body: UnitCode) async throws {
        let secretary = try await store.secretary(of: body)
        guard secretary == account.username else {
            throw ActionError.refused(.notSecretary(account: account.username, body: body, secretary: secretary))
        }
    }

    /// A vote's refusals in the actions' terms; a key that does not open the ballots stays what it is.
    static func mapped(_ error: PollError, _ account: Account, poll: String) -> any Error {
        switch error {
        case .unknown(let code): ActionError.unknown(.vote, code: code)
        case .notOnRoll: ActionError.refused(.notOnRoll(account: account.username, poll: poll))
        case .answers(let detail): ActionError.invalid(field: "answers", value: detail, expected: "one of high, confidence, low or blank per official, in order")
        case .exists: ActionError.alreadyDone(error.description)
        case .rollTooSmall(let size):
            ActionError.invalid(field: "roll", value: "\(size) voter\(size == 1 ? "" : "s")", expected: "at least \(ConfidencePoll.minimumRoll) voters, so that a ballot stays secret")
        case .alreadyVoted, .closed, .stillOpen, .onOpenRoll, .notShown: ActionError.notNow(error.description)
        case .wrongKey, .sealedBallot, .scrub: error
        }
    }
}
