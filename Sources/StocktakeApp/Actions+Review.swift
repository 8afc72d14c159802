import Foundation
import StocktakeCore
import StocktakeStore

/// A body's rating round: the year's rule, the proposals with their evidence, and the confirmed revisions.
public struct RatingRound: Sendable {
    public let body: UnitCode
    public let rule: RatingRule
    public let proposals: [RatingRule.Proposal]
    public let quota: Int
    public let unrated: [UnitCode]
    public let confirmed: [UnitCode: [ConfirmedRating]]
    /// The units rated, by code: what the doors name them by.
    public let units: [UnitCode: OrgUnit]
}

extension Actions {
    /// The round of the units `body` rates, read from the store for that body alone.
    public func ratingRound(body text: String, period: Period, asOf: CalendarDate) async throws -> RatingRound {
        try await ratingRound(of: try await lineage(of: text).unit.code, period: period, asOf: asOf)
    }

    /// The round of a body already read (the remit check read its lineage).
    private func ratingRound(of body: UnitCode, period: Period, asOf: CalendarDate) async throws -> RatingRound {
        let rule = try await store.ratingRule(for: period)
        let rated = try await store.ratedReviews(of: body, period: period, asOf: asOf)
        let (proposals, quota, unrated) = rule.round(of: rated)
        let confirmed = Dictionary(grouping: try await store.ratings(period: period), by: \.unit)
        return RatingRound(
            body: body, rule: rule, proposals: proposals, quota: quota, unrated: unrated, confirmed: confirmed,
            units: Dictionary(rated.map { ($0.unit.code, $0.unit) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Confirms a unit's proposed rating, or overrides it (`grade`) with a reason. The first confirmation locks
    /// it; a change is a new revision with a reason. The body's remit decides who may.
    @discardableResult
    public func confirmRating(
        body: String, unit: String, period: Period, grade: String?, reason: String?, asOf: CalendarDate, as account: Account, via door: Door
    ) async throws -> ConfirmedRating {
        let (bodyUnit, tree) = try await lineage(of: body)
        try requireRemit(account, over: bodyUnit.code, in: tree)
        let chosen = try grade.map { text in
            guard let grade = RatingRule.Grade(rawValue: text) else {
                throw ActionError.invalid(field: "grade", value: text, expected: "excellent, good, completed or not_completed")
            }
            return grade
        }
        let round = try await ratingRound(of: bodyUnit.code, period: period, asOf: asOf)
        guard let proposal = round.proposals.first(where: { $0.unit.rawValue == unit }) else {
            throw ActionError.unknown(.ratingProposal, code: unit, within: "under \(bodyUnit.code) in \(period)")
        }
        return try await confirm(proposal, round: round, period: period, grade: chosen ?? proposal.proposed, reason: reason, by: account, via: door)
    }

    /// Confirms, as proposed, every proposal of the body not yet confirmed.
    @discardableResult
    public func confirmAllRatings(body: String, period: Period, asOf: CalendarDate, as account: Account, via door: Door) async throws -> [ConfirmedRating] {
        let (bodyUnit, tree) = try await lineage(of: body)
        try requireRemit(account, over: bodyUnit.code, in: tree)
        let round = try await ratingRound(of: bodyUnit.code, period: period, asOf: asOf)
        var confirmed: [ConfirmedRating] = []
        for proposal in round.proposals where round.confirmed[proposal.unit] == nil {
            confirmed.append(try await confirm(proposal, round: round, period: period, grade: proposal.proposed, reason: nil, by: account, via: door))
        }
        return confirmed
    }

    private func confirm(
        _ proposal: RatingRule.Proposal, round: RatingRound, period: Period, grade: RatingRule.Grade, reason: String?, by account: Account,
        via door: Door
    ) async throws -> ConfirmedRating {
        let revision: Int
        do {
            revision = try await store.confirmRating(proposal, period: period, grade: grade, rule: round.rule, reason: Self.reason(reason), by: account.username.rawValue, via: door.rawValue)
        } catch ReviewError.reasonRequired(let why) {
            throw ActionError.reasonRequired("\(proposal.unit): \(why)")
        }
        guard let stored = try await store.ratings(period: period, unit: proposal.unit).first(where: { $0.revision == revision }) else {
            throw ActionError.unknown(.record, code: "rating \(proposal.unit)/\(period)/\(revision)")
        }
        return stored
    }

    /// Accepts or rejects an award candidate; a rejection, and any change after the first decision, needs a
    /// reason. The remit is the rule's body's. `body`, when given, limits the rules to those of that body.
    @discardableResult
    public func decideAward(
        body: String?, rule: String, unit: String, period: Period, decision: String, reason: String?, as account: Account, via door: Door
    ) async throws -> AwardDecision {
        guard ["accept", "reject"].contains(decision) else { throw ActionError.invalid(field: "decision", value: decision, expected: "accept or reject") }
        var bodyCode: UnitCode?
        if let body { bodyCode = try await lineage(of: body).unit.code }
        let rounds = try await store.awardRounds(in: period, body: bodyCode)
        guard let round = rounds.first(where: { $0.rule.code.rawValue == rule }) else {
            throw ActionError.unknown(.awardRule, code: rule, within: bodyCode.map { "of \($0)" })
        }
        try await requireRemit(account, over: round.rule.body)
        guard let candidate = round.candidates.first(where: { $0.unit.rawValue == unit }) else {
            throw ActionError.unknown(.awardCandidate, code: unit, within: "of \(rule) in \(period)")
        }
        let revision: Int
        do {
            revision = try await store.decideAward(candidate, accepted: decision == "accept", reason: Self.reason(reason), by: account.username.rawValue, via: door.rawValue)
        } catch ReviewError.reasonRequired(let why) {
            throw ActionError.reasonRequired(why)
        }
        let decisions = try await store.awardDecisions(period: period)
        guard let stored = decisions.first(where: { (d: AwardDecision) -> Bool in d.rule == candidate.rule && d.unit == candidate.unit && d.revision == revision }) else {
            throw ActionError.unknown(.record, code: "award decision \(rule)/\(unit)/\(revision)")
        }
        return stored
    }

    /// Makes a conference's conclusion a key task of the next period, once; the host's remit decides who may.
    @discardableResult
    public func makeTask(conference code: String, conclusion number: Int, as account: Account, via door: Door) async throws -> KeyTask {
        guard let conference = try await store.conference(code) else { throw ActionError.unknown(.conference, code: code) }
        try await requireRemit(account, over: conference.host)
        do {
            return try await store.makeTask(from: conference.code, conclusion: number, by: account.username.rawValue, via: door.rawValue)
        } catch ReviewError.alreadyMade(let what) {
            throw ActionError.alreadyDone(what)
        } catch StoreError.notFound(let kind, let what) {
            throw ActionError.unknown(ActionError.Kind(rawValue: kind) ?? .record, code: what)
        }
    }

    /// Imports a review file (rating rules, earlier ratings, award rules, conferences): an administrator's.
    @discardableResult
    public func importReview(_ input: LocatedReview, as account: Account, via door: Door, dryRun: Bool = false) async throws -> ReviewPlan {
        try requireAdministrator(account, to: "import review files (rules and conference records)")
        return try await store.importReview(input, by: account.username.rawValue, via: door.rawValue, dryRun: dryRun)
    }

    /// Names the secretary of a body: an administrator's.
    public func nameSecretary(_ name: String, of body: String, as account: Account, via door: Door) async throws {
        try requireAdministrator(account, to: "name secretaries")
        guard let username = Username(validating: name) else { throw ActionError.invalid(field: "user name", value: name, expected: Username.expectedForm) }
        let unit = try await lineage(of: body).unit.code
        do { try await store.nameSecretary(username, of: unit, by: account.username.rawValue, via: door.rawValue) } catch StoreError.notFound(let kind, let code) {
            throw ActionError.unknown(ActionError.Kind(rawValue: kind) ?? .record, code: code)
        }
    }
}
