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

    /// `GET /ratings`: a body's round.
    struct RatingRoundAnswer: Encodable {
        let body: String
        let period: String
        let rule: JSONValue
        let quota: Int
        let proposals: [Proposal]
        let unrated: [String]

        struct Proposal: Encodable {
            let unit: String
            let score: String
            let evidence: Evidence
            let earned: String
            let proposed: String
            let limitedByQuota: Bool
            let confirmed: [ConfirmedRatingAnswer]

            enum CodingKeys: String, CodingKey {
                case unit, score, evidence, earned, proposed, confirmed
                case limitedByQuota = "limited_by_quota"
            }
        }

        struct Evidence: Encodable {
            let targetsMet, targetsAssessed, tasksOnTime, tasksCounted, findings: Int

            enum CodingKeys: String, CodingKey {
                case findings
                case targetsMet = "targets_met", targetsAssessed = "targets_assessed", tasksOnTime = "tasks_on_time", tasksCounted = "tasks_counted"
            }
        }

        init(_ round: RatingRound, period: Period) {
            body = round.body.rawValue
            self.period = period.description
            rule = ReviewJSON.json(DatedRatingRule(from: period.firstDay.year, rule: round.rule))
            quota = round.quota
            proposals = round.proposals.map { p in
                let e = p.evidence
                return Proposal(
                    unit: p.unit.rawValue, score: p.score.rounded(4).exactText,
                    evidence: Evidence(targetsMet: e.targetsMet, targetsAssessed: e.targetsAssessed, tasksOnTime: e.tasksOnTime, tasksCounted: e.tasksCounted, findings: e.findings),
                    earned: p.earned.rawValue, proposed: p.proposed.rawValue, limitedByQuota: p.limitedByQuota,
                    confirmed: (round.confirmed[p.unit] ?? []).map(ConfirmedRatingAnswer.init))
            }
            unrated = round.unrated.map(\.rawValue)
        }
    }

    /// A confirmed rating's revision, as `GET /ratings` lists and `POST /ratings` answers it.
    struct ConfirmedRatingAnswer: Encodable {
        let revision: Int
        let grade, proposed, score, rule, evidence: String
        let reason: String?
        let confirmedBy, confirmedAt: String

        enum CodingKeys: String, CodingKey {
            case revision, grade, proposed, score, rule, evidence, reason
            case confirmedBy = "confirmed_by", confirmedAt = "confirmed_at"
        }

        init(_ rating: ConfirmedRating) {
            revision = rating.revision
            grade = rating.grade.rawValue
            proposed = rating.proposed.rawValue
            score = rating.score.rounded(4).exactText
            rule = rating.ruleVersion
            evidence = rating.evidence
            reason = rating.reason
            confirmedBy = rating.confirmedBy
            confirmedAt = rating.confirmedAt.formatted(.iso8601)
        }
    }

    @Sendable func ratingRound(_ request: Request, context: AppRequestContext) async throws -> Response {
        let period = try Self.period(request, required: true)!
        let round = try await services.actions.ratingRound(body: request.uri.queryParameters["unit"].map(String.init) ?? "", period: period, asOf: DataVersions.today())
        return RatingRoundAnswer(round, period: period).response()
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
        return ConfirmedRatingAnswer(stored).response(status: .created)
    }

    // MARK: - Commendations

    /// `GET /awards`: each rule of the body as in the review file, with its candidates.
    struct AwardRoundsAnswer: Encodable {
        let body: String
        let period: String
        let rules: [RecordWith<[Candidate]>]

        struct Candidate: Encodable {
            let unit: String
            let evidence: String
            let qualifications: [Qualification]
            let decisions: [AwardDecisionAnswer]
        }
    }

    /// What qualifies a candidate, by kind.
    struct Qualification: Encodable {
        let qualification: AwardCandidate.Qualification

        enum CodingKeys: String, CodingKey {
            case kind, years, group, score, among, indicator, position, of, actual
            case atLeast = "at_least", tiedWith = "tied_with"
        }

        struct Year: Encodable {
            let period, grade, score: String
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch qualification {
            case .streak(let atLeast, let years):
                try container.encode("grade_streak", forKey: .kind)
                try container.encode(atLeast.rawValue, forKey: .atLeast)
                try container.encode(years.map { Year(period: $0.period.description, grade: $0.grade.rawValue, score: $0.score.exactText) }, forKey: .years)
            case .bestOfGroup(let group, let score, let among, let tied):
                try container.encode("best_of_group", forKey: .kind)
                try container.encode(group, forKey: .group)
                try container.encode(score.exactText, forKey: .score)
                try container.encode(among, forKey: .among)
                try container.encode(tied.map(\.rawValue), forKey: .tiedWith)
            case .rank(let indicator, let scope, let rank, let actual):
                try container.encode("rank", forKey: .kind)
                try container.encode(indicator.rawValue, forKey: .indicator)
                try container.encode(scope.description, forKey: .among)
                try container.encode(rank.position, forKey: .position)
                try container.encode(rank.of, forKey: .of)
                try container.encode(actual.exactText, forKey: .actual)
            }
        }
    }

    /// An award decision's revision, as `GET /awards` lists and `POST /awards` answers it.
    struct AwardDecisionAnswer: Encodable {
        let revision: Int
        let decision, evidence: String
        let reason: String?
        let decidedBy, decidedAt: String

        enum CodingKeys: String, CodingKey {
            case revision, decision, evidence, reason
            case decidedBy = "decided_by", decidedAt = "decided_at"
        }

        init(_ d: AwardDecision) {
            revision = d.revision
            decision = d.accepted ? "accepted" : "rejected"
            evidence = d.evidence
            reason = d.reason
            decidedBy = d.decidedBy
            decidedAt = d.decidedAt.formatted(.iso8601)
        }
    }

    @Sendable func awardRounds(_ request: Request, context: AppRequestContext) async throws -> Response {
        let period = try Self.period(request, required: true)!
        let body = try await body(request.uri.queryParameters["unit"].map(String.init))
        let rounds = try await services.store.awardRounds(in: period, body: body.code)
        return AwardRoundsAnswer(
            body: body.code.rawValue, period: period.description,
            rules: rounds.map { round in
                RecordWith(ReviewJSON.json(round.rule), "candidates", round.candidates.map { candidate in
                    AwardRoundsAnswer.Candidate(
                        unit: candidate.unit.rawValue, evidence: candidate.evidence, qualifications: candidate.qualifications.map(Qualification.init),
                        decisions: (round.decisions[candidate.unit] ?? []).map(AwardDecisionAnswer.init))
                })
            }
        ).response()
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
        return AwardDecisionAnswer(stored).response(status: .created)
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

    /// A vote as `GET /polls` lists it; `GET /polls/{code}` adds whether the account voted and, once closed and
    /// when the account may see it, the tally.
    struct PollAnswer: Encodable {
        let code, title, body: String
        let period: String?
        let closed: Bool
        let base: String
        let rollSize: Int
        let officials: [Official]
        let thresholds: [String]
        var voted: Bool?
        var tally: Tally?

        enum CodingKeys: String, CodingKey {
            case code, title, body, period, closed, base, officials, thresholds, voted, tally
            case rollSize = "roll_size"
        }

        struct Official: Encodable {
            let name, position: String
        }

        struct Tally: Encodable {
            let roll, cast, baseCount: Int
            let base: String
            let withheld, consistent: Bool
            let lines: [Line]

            enum CodingKeys: String, CodingKey {
                case roll, cast, base, withheld, consistent, lines
                case baseCount = "base_count"
            }

            struct Line: Encodable {
                let official: String
                let counts: [String: Int]
                let valid: Int
                let thresholdsReached: [String]

                enum CodingKeys: String, CodingKey {
                    case official, counts, valid
                    case thresholdsReached = "thresholds_reached"
                }
            }

            init(_ tally: PollTally) {
                roll = tally.roll
                cast = tally.cast
                baseCount = tally.baseCount
                base = tally.base.rawValue
                withheld = tally.isWithheld
                consistent = tally.isConsistent
                lines = tally.lines.map { line in
                    Line(
                        official: line.official.name,
                        counts: Dictionary(uniqueKeysWithValues: ConfidencePoll.Answer.allCases.map { ($0.rawValue, line.counts[$0, default: 0]) }),
                        valid: line.valid, thresholdsReached: line.reached.map(\.description))
                }
            }
        }

        init(_ poll: ConfidencePoll, rollSize: Int) {
            code = poll.code.rawValue
            title = poll.title
            body = poll.unit.rawValue
            period = poll.period?.description
            closed = poll.isClosed
            base = poll.base.rawValue
            self.rollSize = rollSize
            officials = poll.officials.map { Official(name: $0.name, position: $0.position) }
            thresholds = poll.thresholds.map(\.description)
        }
    }

    struct PollList: Encodable {
        let polls: [PollAnswer]
    }

    @Sendable func polls(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        var visible: [PollAnswer] = []
        for poll in try await services.store.polls() {
            let (roll, access) = try await pollAccess(poll, account)
            if access.maySee { visible.append(PollAnswer(poll, rollSize: roll.count)) }
        }
        return PollList(polls: visible).response()
    }

    @Sendable func pollDetail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let poll = try await poll(context)
        let (roll, access) = try await pollAccess(poll, account)
        guard access.maySee else { throw APIError(.forbidden, "not_on_roll", "\(account.username) is not on the roll of \(poll.code).") }
        var answer = PollAnswer(poll, rollSize: roll.count)
        if access.onRoll { answer.voted = try await services.store.hasVoted(poll.code.rawValue, account.username.rawValue) }
        if access.maySeeTally(of: poll) { answer.tally = PollAnswer.Tally(try await services.store.tally(poll.code.rawValue, for: .account(account))) }
        return answer.response()
    }

    struct Ballot: Decodable {
        let answers: [String]
    }

    struct Receipt: Encodable {
        let receipt: String
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
        return Receipt(receipt: receipt).response(status: .created)
    }

    @Sendable func closePoll(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let poll = try await poll(context)
        let closed = try await services.actions.closePoll(poll.code.rawValue, key: try services.options.requireBallotKey(), as: account, via: .api)
        return PollAnswer(closed, rollSize: try await services.store.roll(of: poll.code.rawValue).count).response()
    }

    // MARK: - Conferences and review files

    /// A conference as in the review file, with the key tasks its conclusions became, by number.
    func answer(_ conference: Conference) async throws -> RecordWith<[String: String]> {
        let tasks = try await services.store.conclusionTasks(of: conference.code)
        return RecordWith(ReviewJSON.json(conference), "tasks", Dictionary(uniqueKeysWithValues: tasks.map { ("\($0.key)", $0.value.rawValue) }))
    }

    struct ConferenceList: Encodable {
        let conferences: [RecordWith<[String: String]>]
    }

    @Sendable func conferences(_ request: Request, context: AppRequestContext) async throws -> Response {
        var list: [RecordWith<[String: String]>] = []
        for conference in try await services.store.conferences() { list.append(try await answer(conference)) }
        return ConferenceList(conferences: list).response()
    }

    @Sendable func conference(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let conference = try await services.store.conference(code) else { throw APIError(.notFound, "unknown_conference", "No conference has the code '\(code)'.") }
        return try await answer(conference).response()
    }

    @Sendable func conclusionTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let code = try context.parameters.require("code")
        guard let number = Int(try context.parameters.require("number")) else { throw APIError(.badRequest, "invalid_parameter", "number: expected a conclusion's number") }
        let task = try await services.actions.makeTask(conference: code, conclusion: number, as: account, via: .api)
        await services.versions.written()
        return DataSetJSON.json(task).response(status: .created)
    }

    /// `POST /review`: the records of each kind written, and how many were stored unchanged already.
    struct ReviewImported: Encodable {
        let ratingRules, ratings, awardRules, conferences, unchanged: Int

        enum CodingKeys: String, CodingKey {
            case ratings, conferences, unchanged
            case ratingRules = "rating_rules", awardRules = "award_rules"
        }

        init(_ plan: ReviewPlan) {
            ratingRules = plan.ratingRules.count
            ratings = plan.ratings.count
            awardRules = plan.awardRules.count
            conferences = plan.conferences.count
            unchanged = plan.unchanged
        }
    }

    @Sendable func importReview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try account(context)
        let data = Data(buffer: try await request.body.collect(upTo: 16 << 20))
        do {
            let plan = try await services.actions.importReview(ReviewJSON.read(data, file: "request body"), as: account, via: .api)
            return ReviewImported(plan).response()
        } catch let problems as ImportProblems {
            throw APIError(.unprocessableContent, "invalid_review", problems.description, details: problems.problems.map {
                ["where": $0.location.description, "field": $0.field, "value": $0.value, "expected": $0.expected]
            })
        }
    }
}
