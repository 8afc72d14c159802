import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// The review through the API: ratings, commendations, confidence votes, conferences, and review-file
/// imports, with the pages' rules (the remit for ratings, awards and tasks; the secretary for votes).
extension APIController {
    func account(_ context: AppRequestContext) throws -> Account {
        guard let account = context.account else { throw APIError(.unauthorized, "unauthenticated", "Sign in first.") }
        return account
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: AppRequestContext, expected: String) async throws -> T {
        do { return try await request.decode(as: type, context: context) } catch {
            throw APIError(.badRequest, "invalid_body", "Expected a JSON object with \(expected).")
        }
    }

    /// The body named by `code` (query `unit`).
    func body(_ code: String?) async throws -> OrgUnit {
        guard let code, let unit = UnitCode(validating: code), let lineage = try await services.definitions.lineage(of: unit, in: services.store) else {
            throw APIError(.notFound, "unknown_unit", "No unit has the code '\(code ?? "")'.")
        }
        return lineage[lineage.count - 1]
    }

    // MARK: - Ratings

    @Sendable func ratingRound(_ request: Request, context: AppRequestContext) async throws -> Response {
        let period = try Self.period(request, required: true)!
        let round = try await services.actions.ratingRound(body: request.uri.queryParameters["unit"].map(String.init) ?? "", period: period, asOf: DataVersions.today())
        let confirmed = round.confirmed
        return JSONValue.object([
            "body": .string(round.body.rawValue), "period": .string(period.description), "rule": ReviewJSON.json(DatedRatingRule(from: period.firstDay.year, rule: round.rule)),
            "quota": .number(Decimal(round.quota)),
            "proposals": .array(round.proposals.map { p in
                .object([
                    "unit": .string(p.unit.rawValue), "score": .string(p.score.rounded(4).exactText),
                    "evidence": .object([
                        "targets_met": .number(Decimal(p.evidence.targetsMet)), "targets_assessed": .number(Decimal(p.evidence.targetsAssessed)),
                        "tasks_on_time": .number(Decimal(p.evidence.tasksOnTime)), "tasks_counted": .number(Decimal(p.evidence.tasksCounted)),
                        "findings": .number(Decimal(p.evidence.findings)),
                    ]),
                    "earned": .string(p.earned.rawValue), "proposed": .string(p.proposed.rawValue), "limited_by_quota": .bool(p.limitedByQuota),
                    "confirmed": .array((confirmed[p.unit] ?? []).map(Self.json)),
                ])
            }),
            "unrated": .array(round.unrated.map { .string($0.rawValue) }),
        ]).response()
    }

    static func json(_ rating: ConfirmedRating) -> JSONValue {
        DataSetJSON.object([
            "revision": .number(Decimal(rating.revision)), "grade": .string(rating.grade.rawValue), "proposed": .string(rating.proposed.rawValue),
            "score": .string(rating.score.rounded(4).exactText), "rule": .string(rating.ruleVersion), "evidence": .string(rating.evidence),
            "reason": rating.reason.map { .string($0) }, "confirmed_by": .string(rating.confirmedBy), "confirmed_at": .string(rating.confirmedAt.formatted(.iso8601)),
        ])
    }

    struct RatingConfirmation: Decodable {
        let body: String
        let unit: String
        let period: String
        let grade: String?
        let reason: String?
    }

    @Sendable func confirmRating(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let input = try await decode(RatingConfirmation.self, request, context, expected: "body, unit and period, and optionally grade and reason")
        let stored = try await services.actions.confirmRating(
            body: input.body, unit: input.unit, period: try Period.requested(input.period), grade: input.grade, reason: input.reason, asOf: DataVersions.today(),
            as: account, via: .api)
        return Self.json(stored).response(status: .created)
    }

    // MARK: - Commendations

    @Sendable func awardRounds(_ request: Request, context: AppRequestContext) async throws -> Response {
        let period = try Self.period(request, required: true)!
        let body = try await body(request.uri.queryParameters["unit"].map(String.init))
        let rounds = try await services.store.awardRounds(in: period, body: body.code)
        return JSONValue.object([
            "body": .string(body.code.rawValue), "period": .string(period.description),
            "rules": .array(rounds.map { round in
                guard case .object(var rule) = ReviewJSON.json(round.rule) else { return .null }
                rule["candidates"] = .array(round.candidates.map { candidate in
                    .object([
                        "unit": .string(candidate.unit.rawValue), "evidence": .string(candidate.evidence),
                        "qualifications": .array(candidate.qualifications.map(Self.json)),
                        "decisions": .array((round.decisions[candidate.unit] ?? []).map(Self.json)),
                    ])
                })
                return .object(rule)
            }),
        ]).response()
    }

    static func json(_ q: AwardCandidate.Qualification) -> JSONValue {
        switch q {
        case .streak(let atLeast, let years):
            .object(["kind": .string("grade_streak"), "at_least": .string(atLeast.rawValue), "years": .array(years.map { .object(["period": .string($0.period.description), "grade": .string($0.grade.rawValue), "score": .string($0.score.exactText)]) })])
        case .bestOfGroup(let group, let score, let among, let tied):
            .object(["kind": .string("best_of_group"), "group": .string(group), "score": .string(score.exactText), "among": .number(Decimal(among)), "tied_with": .array(tied.map { .string($0.rawValue) })])
        case .rank(let indicator, let scope, let rank, let actual):
            .object(["kind": .string("rank"), "indicator": .string(indicator.rawValue), "among": .string(scope.description), "position": .number(Decimal(rank.position)), "of": .number(Decimal(rank.of)), "actual": .string(actual.exactText)])
        }
    }

    static func json(_ d: AwardDecision) -> JSONValue {
        DataSetJSON.object([
            "revision": .number(Decimal(d.revision)), "decision": .string(d.accepted ? "accepted" : "rejected"), "evidence": .string(d.evidence),
            "reason": d.reason.map { .string($0) }, "decided_by": .string(d.decidedBy), "decided_at": .string(d.decidedAt.formatted(.iso8601)),
        ])
    }

    struct AwardDecisionInput: Decodable {
        let body: String
        let rule: String
        let unit: String
        let period: String
        let decision: String
        let reason: String?
    }

    @Sendable func decideAward(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let input = try await decode(AwardDecisionInput.self, request, context, expected: "body, rule, unit, period and decision (accept or reject), and optionally reason")
        let stored = try await services.actions.decideAward(
            body: input.body, rule: input.rule, unit: input.unit, period: try Period.requested(input.period), decision: input.decision, reason: input.reason,
            as: account, via: .api)
        return Self.json(stored).response(status: .created)
    }

    // MARK: - Confidence votes

    /// The poll's roll and what the account may do with the poll, under the pages' rule (``PollAccess``).
    func pollAccess(_ poll: ConfidencePoll, _ account: Account) async throws -> (roll: [String], access: PollAccess) {
        (try await services.store.roll(of: poll.code.rawValue), try await services.store.access(to: poll, for: .account(account)))
    }

    func poll(_ context: AppRequestContext) async throws -> ConfidencePoll {
        let code = try context.parameters.require("code")
        guard let poll = try await services.store.poll(code) else { throw APIError(.notFound, "unknown_poll", "No vote has the code '\(code)'.") }
        return poll
    }

    static func json(_ poll: ConfidencePoll, rollSize: Int) -> JSONValue {
        DataSetJSON.object([
            "code": .string(poll.code.rawValue), "title": .string(poll.title), "body": .string(poll.unit.rawValue),
            "period": poll.period.map { .string($0.description) }, "closed": .bool(poll.isClosed), "base": .string(poll.base.rawValue),
            "roll_size": .number(Decimal(rollSize)),
            "officials": .array(poll.officials.map { .object(["name": .string($0.name), "position": .string($0.position)]) }),
            "thresholds": .array(poll.thresholds.map { .string($0.description) }),
        ])
    }

    @Sendable func polls(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        var visible: [JSONValue] = []
        for poll in try await services.store.polls() {
            let (roll, access) = try await pollAccess(poll, account)
            if access.maySee { visible.append(Self.json(poll, rollSize: roll.count)) }
        }
        return JSONValue.object(["polls": .array(visible)]).response()
    }

    @Sendable func pollDetail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let poll = try await poll(context)
        let (roll, access) = try await pollAccess(poll, account)
        guard access.maySee else { throw APIError(.forbidden, "not_on_roll", "\(account.username) is not on the roll of \(poll.code).") }
        guard case .object(var fields) = Self.json(poll, rollSize: roll.count) else { throw APIError(.internalServerError, "internal_error", "poll JSON") }
        if access.onRoll { fields["voted"] = .bool(try await services.store.hasVoted(poll.code.rawValue, account.username.rawValue)) }
        if access.maySeeTally(of: poll) {
            let tally = try await services.store.tally(poll.code.rawValue, for: .account(account))
            fields["tally"] = .object([
                "roll": .number(Decimal(tally.roll)), "cast": .number(Decimal(tally.cast)), "base": .string(tally.base.rawValue),
                "withheld": .bool(tally.isWithheld),
                "base_count": .number(Decimal(tally.baseCount)), "consistent": .bool(tally.isConsistent),
                "lines": .array(tally.lines.map { line in
                    .object([
                        "official": .string(line.official.name),
                        "counts": .object(Dictionary(uniqueKeysWithValues: ConfidencePoll.Answer.allCases.map { ($0.rawValue, JSONValue.number(Decimal(line.counts[$0, default: 0]))) })),
                        "valid": .number(Decimal(line.valid)), "thresholds_reached": .array(line.reached.map { .string($0.description) }),
                    ])
                }),
            ])
        }
        return JSONValue.object(fields).response()
    }

    struct Ballot: Decodable {
        let answers: [String]
    }

    @Sendable func castBallot(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let poll = try await poll(context)
        let ballot = try await decode(Ballot.self, request, context, expected: "answers: one of high, confidence, low or blank per official, in order")
        let answers = try ballot.answers.map { text in
            guard let answer = ConfidencePoll.Answer(rawValue: text) else { throw APIError(.badRequest, "invalid_parameter", "answer '\(text)': expected high, confidence, low or blank") }
            return answer
        }
        let receipt = try await services.actions.castBallot(poll.code.rawValue, answers: answers, key: try services.options.requireBallotKey(), as: account, via: .api)
        return JSONValue.object(["receipt": .string(receipt)]).response(status: .created)
    }

    @Sendable func closePoll(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let poll = try await poll(context)
        let closed = try await services.actions.closePoll(poll.code.rawValue, key: try services.options.requireBallotKey(), as: account, via: .api)
        return Self.json(closed, rollSize: try await services.store.roll(of: poll.code.rawValue).count).response()
    }

    // MARK: - Conferences and review files

    func json(_ conference: Conference) async throws -> JSONValue {
        guard case .object(var fields) = ReviewJSON.json(conference) else { return .null }
        let tasks = try await services.store.conclusionTasks(of: conference.code)
        fields["tasks"] = .object(Dictionary(uniqueKeysWithValues: tasks.map { ("\($0.key)", JSONValue.string($0.value.rawValue)) }))
        return .object(fields)
    }

    @Sendable func conferences(_ request: Request, context: AppRequestContext) async throws -> Response {
        var list: [JSONValue] = []
        for conference in try await services.store.conferences() { list.append(try await json(conference)) }
        return JSONValue.object(["conferences": .array(list)]).response()
    }

    @Sendable func conference(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let conference = try await services.store.conference(code) else { throw APIError(.notFound, "unknown_conference", "No conference has the code '\(code)'.") }
        return try await json(conference).response()
    }

    @Sendable func conclusionTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let code = try context.parameters.require("code")
        guard let number = Int(try context.parameters.require("number")) else { throw APIError(.badRequest, "invalid_parameter", "number: expected a conclusion's number") }
        let task = try await services.actions.makeTask(conference: code, conclusion: number, as: account, via: .api)
        await services.versions.written()
        return DataSetJSON.json(task).response(status: .created)
    }

    @Sendable func importReview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let data = Data(buffer: try await request.body.collect(upTo: 16 << 20))
        do {
            let plan = try await services.actions.importReview(ReviewJSON.read(data, file: "request body"), as: account, via: .api)
            return JSONValue.object([
                "rating_rules": .number(Decimal(plan.ratingRules.count)), "ratings": .number(Decimal(plan.ratings.count)),
                "award_rules": .number(Decimal(plan.awardRules.count)), "conferences": .number(Decimal(plan.conferences.count)),
                "unchanged": .number(Decimal(plan.unchanged)),
            ]).response()
        } catch let problems as ImportProblems {
            throw APIError(.unprocessableContent, "invalid_review", problems.description, details: problems.problems.map {
                ["where": $0.location.description, "field": $0.field, "value": $0.value, "expected": $0.expected]
            })
        }
    }
}
