import Foundation
import SQLKit
import StocktakeCore

public enum ReviewError: Error, Equatable, CustomStringConvertible {
    case reasonRequired(String)
    case alreadyMade(String)

    public var description: String {
        switch self {
        case .reasonRequired(let why): "a reason is required: \(why)"
        case .alreadyMade(let what): what
        }
    }
}

extension RecordAccess {
    public func ratingRules() async throws -> [DatedRatingRule] {
        try await sql.select().column("definition").from("rating_rules").orderBy("from_year").orderBy("version")
            .all(decodingColumn: "definition", as: String.self).map(ReviewJSON.storedRatingRule)
    }

    /// The rule a year is rated under: the latest stored rule begun by then, else the standard rule.
    public func ratingRule(for period: Period) async throws -> RatingRule {
        DatedRatingRule.rule(for: period, among: try await ratingRules())
    }

    /// The latest revision of every confirmed rating, all years: what award rules read.
    public func latestRatings() async throws -> [Rating] {
        let rows = try await sql.select().columns("unit_code", "period", "revision", "grade", "score").from("ratings")
            .orderBy("unit_code").orderBy("period").orderBy("revision").all()
        var latest: [String: Rating] = [:]
        for row in rows {
            let unit: UnitCode = try storedCode(try row.decode(column: "unit_code", as: String.self))
            let period = try stored(try row.decode(column: "period", as: String.self), "period", Period.init(parsing:))
            latest["\(unit)/\(period)"] = Rating(
                unit: unit, period: period, grade: try storedChoice(try row.decode(column: "grade", as: String.self)),
                score: try stored(try row.decode(column: "score", as: String.self), "score", Decimal.init(exactly:)))
        }
        return latest.values.sorted { ($0.unit, $0.period) < ($1.unit, $1.period) }
    }

    public func awardRules() async throws -> [AwardRule] {
        try await sql.select().column("definition").from("award_rules").orderBy("code")
            .all(decodingColumn: "definition", as: String.self).map(ReviewJSON.storedAwardRule)
    }

    /// Every revision of the award decisions of `period`, oldest first.
    public func awardDecisions(period: Period) async throws -> [AwardDecision] {
        try await sql.select().columns("*").from("award_decisions").where("period", .equal, period.description)
            .orderBy("rule_code").orderBy("unit_code").orderBy("revision").all().map { row in
                AwardDecision(
                    rule: try storedCode(try row.decode(column: "rule_code", as: String.self)),
                    unit: try storedCode(try row.decode(column: "unit_code", as: String.self)), period: period,
                    revision: try row.decode(column: "revision", as: Int.self),
                    accepted: try row.decode(column: "decision", as: String.self) == "accepted",
                    evidence: try row.decode(column: "evidence", as: String.self), reason: try row.decode(column: "reason", as: String?.self),
                    decidedBy: try row.decode(column: "decided_by", as: String.self),
                    decidedAt: try storedTimestamp(try row.decode(column: "decided_at", as: String.self)))
            }
    }

    public func conferences() async throws -> [Conference] {
        try await sql.select().column("definition").from("conferences").orderBy("held_on").orderBy("code")
            .all(decodingColumn: "definition", as: String.self).map(ReviewJSON.storedConference)
    }

    public func conference(_ code: String) async throws -> Conference? {
        try await sql.select().column("definition").from("conferences").where("code", .equal, code)
            .first(decodingColumn: "definition", as: String.self).map(ReviewJSON.storedConference)
    }

    /// The key tasks made from a conference's conclusions, by conclusion number.
    public func conclusionTasks(of code: ConferenceCode) async throws -> [Int: TaskCode] {
        var result: [Int: TaskCode] = [:]
        for row in try await sql.select().columns("number", "task_code").from("conference_tasks").where("conference_code", .equal, code.rawValue).all() {
            result[try row.decode(column: "number", as: Int.self)] = try storedCode(try row.decode(column: "task_code", as: String.self))
        }
        return result
    }

    /// The account named secretary of `unit`: the one person who opens and closes its confidence votes.
    public func secretary(of unit: UnitCode) async throws -> Username? {
        try await sql.select().column("username").from("secretaries").where("unit_code", .equal, unit.rawValue)
            .first(decodingColumn: "username", as: String.self).map(storedCode)
    }

    /// What a review import needs to know of the store to check a file.
    func reviewCatalog() async throws -> Catalog {
        var catalog = Catalog()
        for unit in try await units() { catalog.units[unit.code] = unit }
        for indicator in try await indicators() { catalog.indicators[indicator.code] = indicator }
        for rule in try await ratingRules() { catalog.ratingRules[rule.rule.version] = rule }
        for rating in try await latestRatings() { catalog.ratings[rating.unit, default: [:]][rating.period] = rating }
        for rule in try await awardRules() { catalog.awardRules[rule.code] = rule }
        for conference in try await conferences() { catalog.conferences[conference.code] = conference }
        return catalog
    }
}

extension Store {
    /// Checks a review file against the store and, unless `dryRun`, writes it in one transaction: all of it or,
    /// when any record has a problem, none of it (the thrown ``ImportProblems`` lists them all).
    @discardableResult
    public func importReview(_ input: LocatedReview, by username: String, via door: String? = nil, dryRun: Bool = false) async throws -> ReviewPlan {
        try await transaction { tx in
            let plan = try ImportPlanner.plan(input, against: try await tx.reviewCatalog())
            guard !dryRun, plan.recordCount > 0 else { return plan }
            let now = Date().formatted(.iso8601)
            for dated in plan.ratingRules {
                try await tx.sql.insert(into: "rating_rules").columns("version", "from_year", "definition")
                    .values(SQLBind(dated.rule.version), SQLBind(dated.from), SQLBind(ReviewJSON.text(ReviewJSON.json(dated)))).run()
            }
            for recorded in plan.ratings {
                let r = recorded.rating
                try await tx.sql.insert(into: "ratings")
                    .columns("unit_code", "period", "revision", "grade", "proposed", "score", "rule_version", "evidence", "reason", "confirmed_by", "confirmed_at")
                    .values(
                        SQLBind(r.unit.rawValue), SQLBind(r.period.description), SQLBind(1), SQLBind(r.grade.rawValue), SQLBind(r.grade.rawValue),
                        SQLBind(r.score.exactText), SQLBind(recorded.ruleVersion), SQLBind("recorded: \(recorded.source)"), SQLBind(String?.none),
                        SQLBind(username), SQLBind(now))
                    .run()
            }
            for rule in plan.awardRules {
                try await tx.sql.insert(into: "award_rules").columns("code", "body_code", "definition")
                    .values(SQLBind(rule.code.rawValue), SQLBind(rule.body.rawValue), SQLBind(ReviewJSON.text(ReviewJSON.json(rule)))).run()
            }
            for conference in plan.conferences {
                try await tx.sql.insert(into: "conferences").columns("code", "host_code", "period", "held_on", "definition")
                    .values(
                        SQLBind(conference.code.rawValue), SQLBind(conference.host.rawValue), SQLBind(conference.period.description),
                        SQLBind(conference.date.description), SQLBind(ReviewJSON.text(ReviewJSON.json(conference))))
                    .run()
            }
            try await tx.bumpDataVersion()
            try await tx.record([AuditEvent(
                username: username, action: .reviewImported, unit: nil, subject: AuditEvent.fileName(input.file),
                detail: "\(plan.ratingRules.count) rating rules, \(plan.ratings.count) ratings, \(plan.awardRules.count) award rules, \(plan.conferences.count) conferences (\(plan.unchanged) unchanged)\(AuditEvent.door(door))")])
            return plan
        }
    }

    /// Accepts or rejects an award candidate. The first decision is revision 1; a rejection, and any change
    /// after the first decision, needs a reason.
    @discardableResult
    public func decideAward(_ candidate: AwardCandidate, accepted: Bool, reason: String?, by username: String, via door: String? = nil) async throws -> Int {
        let reason = reason.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        return try await transaction { tx in
            let key = ["rule_code": candidate.rule.rawValue, "unit_code": candidate.unit.rawValue, "period": candidate.period.description]
            let revision = (try await tx.lastRevision(in: "award_decisions", of: key) ?? 0) + 1
            if reason == nil && revision > 1 { throw ReviewError.reasonRequired("the award \(candidate.rule) for \(candidate.unit) in \(candidate.period) is decided; a change is a new revision") }
            if reason == nil && !accepted { throw ReviewError.reasonRequired("a candidate is rejected only with a reason") }
            try await tx.sql.insert(into: "award_decisions")
                .columns("rule_code", "unit_code", "period", "revision", "decision", "evidence", "reason", "decided_by", "decided_at")
                .values(
                    SQLBind(candidate.rule.rawValue), SQLBind(candidate.unit.rawValue), SQLBind(candidate.period.description), SQLBind(revision),
                    SQLBind(accepted ? "accepted" : "rejected"), SQLBind(candidate.evidence), SQLBind(reason), SQLBind(username),
                    SQLBind(Date().formatted(.iso8601)))
                .run()
            try await tx.record([AuditEvent(
                username: username, action: .awardDecided, unit: candidate.unit, subject: "\(candidate.rule)/\(candidate.unit)/\(candidate.period)",
                detail: "revision \(revision): \(accepted ? "accepted" : "rejected") — \(candidate.evidence)\(reason.map { " — \($0)" } ?? "")\(AuditEvent.door(door))",
                period: candidate.period, after: accepted ? "accepted" : "rejected")])
            return revision
        }
    }

    /// Makes conclusion `number` of a conference a key task of the next period, once: the task goes through the
    /// same checks as an imported one, and the conference keeps the link.
    @discardableResult
    public func makeTask(from code: ConferenceCode, conclusion number: Int, by username: String, via door: String? = nil) async throws -> KeyTask {
        try await transaction { tx in
            guard let conference = try await tx.conference(code.rawValue) else { throw StoreError.notFound(kind: "conference", code: code.rawValue) }
            guard let conclusion = conference.conclusions.first(where: { $0.number == number }) else {
                throw StoreError.notFound(kind: "conclusion", code: "\(code) #\(number)")
            }
            if let made = try await tx.conclusionTasks(of: code)[number] {
                throw ReviewError.alreadyMade("conclusion \(number) of \(code) is key task \(made) already")
            }
            let task = conference.task(for: conclusion)
            var input = LocatedDataSet(file: "conference \(code)")
            input.tasks = [Located(task, at: .path("$.conclusions[\(number)]"))]
            let plan = try ImportPlanner.plan(input, against: try await tx.catalog(for: input))
            try await tx.insert(plan)
            try await tx.sql.insert(into: "conference_tasks").columns("conference_code", "number", "task_code", "made_by", "made_at")
                .values(SQLBind(code.rawValue), SQLBind(number), SQLBind(task.code.rawValue), SQLBind(username), SQLBind(Date().formatted(.iso8601)))
                .run()
            try await tx.record([AuditEvent(
                username: username, action: .conclusionMadeTask, unit: conference.host, subject: task.code.rawValue,
                detail: "conclusion \(number) of \(code) → key task of \(task.period), due \(task.deadline)\(AuditEvent.door(door))",
                period: task.period)])
            return task
        }
    }

    /// Names the secretary of a body, replacing any earlier one.
    public func nameSecretary(_ username: Username, of unit: UnitCode, by actor: String, via door: String? = nil) async throws {
        try await transaction { tx in
            guard try await tx.sql.select().column("username").from("users").where("username", .equal, username.rawValue).first() != nil else {
                throw StoreError.notFound(kind: "account", code: username.rawValue)
            }
            guard try await tx.sql.select().column("code").from("units").where("code", .equal, unit.rawValue).first() != nil else {
                throw StoreError.notFound(kind: "unit", code: unit.rawValue)
            }
            try await tx.sql.delete(from: "secretaries").where("unit_code", .equal, unit.rawValue).run()
            try await tx.sql.insert(into: "secretaries").columns("unit_code", "username").values(SQLBind(unit.rawValue), SQLBind(username.rawValue)).run()
            try await tx.record([AuditEvent(username: actor, action: .secretaryNamed, unit: unit, subject: unit.rawValue, detail: "secretary: \(username)\(AuditEvent.door(door))")])
        }
    }
}

extension RecordAccess {
    /// The bodies whose secretary `username` is.
    public func bodies(ofSecretary username: Username) async throws -> [UnitCode] {
        try await sql.select().column("unit_code").from("secretaries").where("username", .equal, username.rawValue).orderBy("unit_code")
            .all(decodingColumn: "unit_code", as: String.self).map(storedCode)
    }
}

/// One award rule's candidates for a year, each with the decisions taken on it so far.
public struct AwardRound: Sendable {
    public let rule: AwardRule
    public let candidates: [AwardCandidate]
    /// Every revision, oldest first, by unit.
    public let decisions: [UnitCode: [AwardDecision]]
}

extension RecordAccess {
    /// Every award rule's candidates in `period` (optionally only rules given by `body`), read from the store: the
    /// units below the rules' bodies, the confirmed ratings, and for rank criteria the ranks the database counts
    /// over the maintained figures (one ranking of a level per criterion), so that no whole evaluation is made.
    public func awardRounds(in period: Period, body: UnitCode? = nil) async throws -> [AwardRound] {
        let rules = try await awardRules().filter { body == nil || $0.body == body }
        guard !rules.isEmpty else { return [] }
        var units: [UnitCode: OrgUnit] = [:]
        for code in Set(rules.map(\.body)).sorted() where units[code] == nil {
            for unit in try await subtreeUnits(of: code) { units[unit.code] = unit }
        }
        let tree = UnitTree(Array(units.values))
        let indicators = try await indicatorsByCode(withTexts: false)
        var standings: [ObservationKey: [PeerScope: (rank: Rank, actual: Decimal)]] = [:]
        for rule in rules {
            let levels = rule.level.map { [$0] } ?? Array(Set(tree.subtree(of: rule.body).compactMap { tree[$0]?.level })).sorted { $0.rawValue < $1.rawValue }
            for criterion in rule.criteria {
                guard case .rank(let code, let scope, _) = criterion, let indicator = indicators[code] else { continue }
                for level in levels {
                    for ranked in try await ranking(of: indicator, period: period, among: scope, level: level) where units[ranked.unit] != nil {
                        guard let actual = ranked.figure.actual?.measured else { continue }
                        standings[ObservationKey(unit: ranked.unit, indicator: code, period: period), default: [:]][scope] = (ranked.rank, actual)
                    }
                }
            }
        }
        let found = standings
        let inputs = AwardRule.Inputs(tree: tree, ratings: try await latestRatings()) { key, scope in found[key]?[scope] }
        let decisions = try await awardDecisions(period: period)
        return rules.map { rule in
            AwardRound(
                rule: rule, candidates: rule.candidates(in: period, inputs),
                decisions: Dictionary(grouping: decisions.filter { $0.rule == rule.code }, by: \.unit))
        }
    }

    /// The awards accepted for `period` (latest decision accepted), given by `body` when one is named.
    public func acceptedAwards(in period: Period, body: UnitCode? = nil) async throws -> [(rule: AwardRule, decision: AwardDecision)] {
        let rules = Dictionary(uniqueKeysWithValues: try await awardRules().map { ($0.code, $0) })
        let latest = Dictionary(grouping: try await awardDecisions(period: period), by: { "\($0.rule)/\($0.unit)" }).compactMap { $0.value.last }
        return latest.filter(\.accepted).compactMap { decision in
            guard let rule = rules[decision.rule], body == nil || rule.body == body else { return nil }
            return (rule, decision)
        }.sorted { ($0.rule.code, $0.decision.unit) < ($1.rule.code, $1.decision.unit) }
    }
}
