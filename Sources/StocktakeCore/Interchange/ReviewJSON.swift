import Foundation

/// What a review file holds, each record with its location, before it is checked against the store.
public struct LocatedReview: Sendable {
    public var file: String
    public var ratingRules: [Located<DatedRatingRule>] = []
    public var ratings: [Located<RecordedRating>] = []
    public var awardRules: [Located<AwardRule>] = []
    public var conferences: [Located<Conference>] = []
    public var problems: [ImportProblem] = []

    public init(file: String) { self.file = file }

    public var recordCount: Int { ratingRules.count + ratings.count + awardRules.count + conferences.count }

    /// Adds another file's records, so several files import as one.
    public mutating func append(_ other: LocatedReview) {
        ratingRules += other.ratingRules
        ratings += other.ratings
        awardRules += other.awardRules
        conferences += other.conferences
        problems += other.problems
    }
}

/// A rating confirmed elsewhere (an earlier year's rating round on paper) and recorded as it was given.
public struct RecordedRating: Hashable, Sendable {
    public var rating: Rating
    public var ruleVersion: String
    public var source: String

    public init(rating: Rating, ruleVersion: String, source: String) {
        self.rating = rating
        self.ruleVersion = ruleVersion
        self.source = source
    }
}

/// The review file format (`"format": "stocktake-review/1"`): rating rules, ratings of earlier years, award
/// rules and conference records, described in the README. It is read with the same field checks as data files.
public enum ReviewJSON {
    public static let format = "stocktake-review/1"

    /// Whether `data` is a JSON document declaring this format.
    public static func isReview(_ data: Data) -> Bool {
        guard case .object(let fields)? = try? JSONValue.parse(data) else { return false }
        return fields["format"] == .string(format)
    }

    public static func read(_ data: Data, file: String) -> LocatedReview {
        var result = LocatedReview(file: file)
        let problems = ProblemCollector(file: file)
        guard let top = FieldReader.document(data, format: format, fields: ["rating_rules", "ratings", "award_rules", "conferences"], problems: problems) else {
            result.problems = problems.problems
            return result
        }
        for (value, path) in top.array("rating_rules") {
            if let rule = readRatingRule(FieldReader(value, path: path, problems: problems, allowed: ratingRuleFields)) {
                result.ratingRules.append(Located(rule, at: .path(path), in: file))
            }
        }
        for (value, path) in top.array("ratings") {
            if let rating = readRating(value, path, problems) { result.ratings.append(Located(rating, at: .path(path), in: file)) }
        }
        for (value, path) in top.array("award_rules") {
            if let rule = readAwardRule(FieldReader(value, path: path, problems: problems, allowed: awardRuleFields)) {
                result.awardRules.append(Located(rule, at: .path(path), in: file))
            }
        }
        for (value, path) in top.array("conferences") {
            if let conference = readConference(FieldReader(value, path: path, problems: problems, allowed: conferenceFields)) {
                result.conferences.append(Located(conference, at: .path(path), in: file))
            }
        }
        result.problems = problems.problems
        return result
    }

    /// Reads one record kept in the store in this format; a stored record that no longer reads is an error.
    static func stored<T>(_ text: String, what: String, _ read: (FieldReader?) -> T?) throws -> T {
        let problems = ProblemCollector(file: "(stored \(what))")
        let value = try JSONValue.parse(Data(text.utf8))
        guard let record = read(FieldReader(value, path: "$", problems: problems, allowed: nil)), problems.problems.isEmpty else {
            throw ImportProblems(problems.problems)
        }
        return record
    }

    public static func storedAwardRule(_ text: String) throws -> AwardRule { try stored(text, what: "award rule", readAwardRule) }
    public static func storedConference(_ text: String) throws -> Conference { try stored(text, what: "conference", readConference) }
    public static func storedRatingRule(_ text: String) throws -> DatedRatingRule { try stored(text, what: "rating rule", readRatingRule) }

    /// One record as compact JSON with sorted keys: how the store keeps it, and how identical records compare.
    public static func text(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    // MARK: - Rating rules and ratings

    static let ratingRuleFields: Set<String> = [
        "version", "from", "target_points", "task_points", "finding_points", "finding_penalty", "excellent", "good", "completed",
        "quota_percent", "quota_base",
    ]

    static func readRatingRule(_ r: FieldReader?) -> DatedRatingRule? {
        guard let r else { return nil }
        let version = r.string("version")
        let from = r.integer("from", in: 1900...2200)
        let points = ["target_points", "task_points", "finding_points", "finding_penalty", "excellent", "good", "completed"].map { r.decimal($0) }
        let quota = r.integer("quota_percent", in: 0...100)
        let base: RatingRule.QuotaBase? = r.choice("quota_base")
        guard let version, let from, let quota, let base, case let p = points.compactMap({ $0 }), p.count == points.count else { return nil }
        if p.contains(where: { $0 < 0 }) { r.report("(points)", value: p.map(\.exactText).joined(separator: ", "), expected: "points and thresholds of 0 or more") }
        if !(p[4] >= p[5] && p[5] >= p[6]) {
            r.report("excellent", value: "\(p[4].exactText) ≥ \(p[5].exactText) ≥ \(p[6].exactText)", expected: "thresholds excellent ≥ good ≥ completed")
            return nil
        }
        return DatedRatingRule(from: from, rule: RatingRule(
            version: version, targetPoints: p[0], taskPoints: p[1], findingPoints: p[2], findingPenalty: p[3],
            excellent: p[4], good: p[5], completed: p[6], quotaPercent: quota, quotaBase: base))
    }

    public static func json(_ dated: DatedRatingRule) -> JSONValue {
        let rule = dated.rule
        return .object([
            "version": .string(rule.version), "from": .number(Decimal(dated.from)),
            "target_points": .string(rule.targetPoints.exactText), "task_points": .string(rule.taskPoints.exactText),
            "finding_points": .string(rule.findingPoints.exactText), "finding_penalty": .string(rule.findingPenalty.exactText),
            "excellent": .string(rule.excellent.exactText), "good": .string(rule.good.exactText), "completed": .string(rule.completed.exactText),
            "quota_percent": .number(Decimal(rule.quotaPercent)), "quota_base": .string(rule.quotaBase.rawValue),
        ])
    }

    static func readRating(_ value: JSONValue, _ path: String, _ problems: ProblemCollector) -> RecordedRating? {
        guard let r = FieldReader(value, path: path, problems: problems, allowed: ["unit", "period", "grade", "score", "rule", "source"]) else { return nil }
        let unit: UnitCode? = r.code("unit")
        let period = r.parse("period", Period.init(parsing:))
        let grade: RatingRule.Grade? = r.choice("grade")
        let score = r.decimal("score", figure: false)
        let rule = r.string("rule")
        let source = r.string("source")
        if let score, !(0...100).contains(score) { r.report("score", value: score.exactText, expected: "a score from 0 to 100") }
        if let period, case .year = period {} else if let period {
            r.report("period", value: period.description, expected: "a year such as 2023: ratings are yearly")
            return nil
        }
        guard let unit, let period, let grade, let score, (0...100).contains(score), let rule, let source else { return nil }
        return RecordedRating(rating: Rating(unit: unit, period: period, grade: grade, score: score), ruleVersion: rule, source: source)
    }

    // MARK: - Award rules

    static let awardRuleFields: Set<String> = ["code", "title", "award", "body", "level", "criteria"]

    static func readAwardRule(_ r: FieldReader?) -> AwardRule? {
        guard let r else { return nil }
        let code: AwardRuleCode? = r.code("code")
        let title = r.localized("title")
        let award = r.localized("award")
        let body: UnitCode? = r.code("body")
        let level = r.string("level", required: false)
        var criteria: [AwardRule.Criterion] = []
        let items = r.array("criteria")
        if items.isEmpty { r.report("criteria", value: "(none)", expected: "at least one criterion") }
        for (value, path) in items {
            guard let c = FieldReader(value, path: path, problems: r.problems, allowed: ["kind", "at_least", "years", "group", "indicator", "among", "top"]),
                let kind = c.string("kind") else { continue }
            switch kind {
            case "grade_streak":
                let grade: RatingRule.Grade? = c.choice("at_least")
                if let grade, let years = c.integer("years", in: 1...50) { criteria.append(.gradeStreak(atLeast: grade, years: years)) }
            case "best_of_group":
                if let group = c.string("group") { criteria.append(.bestOfGroup(GroupKind(group))) }
            case "rank":
                let indicator: IndicatorCode? = c.code("indicator")
                let scope = c.parse("among", PeerScope.init(parsing:))
                if let indicator, let scope, let top = c.integer("top", in: 1...10_000) { criteria.append(.rank(indicator, among: scope, top: top)) }
            default:
                c.report("kind", value: kind, expected: "one of grade_streak, best_of_group, rank")
            }
        }
        guard let code, let title, let award, let body, criteria.count == items.count, !items.isEmpty else { return nil }
        return AwardRule(code: code, title: title, award: award, body: body, level: level.map { Level($0) }, criteria: criteria)
    }

    public static func json(_ rule: AwardRule) -> JSONValue {
        DataSetJSON.object([
            "code": .string(rule.code.rawValue), "title": DataSetJSON.text(rule.title), "award": DataSetJSON.text(rule.award),
            "body": .string(rule.body.rawValue), "level": DataSetJSON.string(rule.level),
            "criteria": .array(rule.criteria.map { criterion in
                switch criterion {
                case .gradeStreak(let grade, let years):
                    .object(["kind": .string("grade_streak"), "at_least": .string(grade.rawValue), "years": .number(Decimal(years))])
                case .bestOfGroup(let kind):
                    .object(["kind": .string("best_of_group"), "group": .string(kind.rawValue)])
                case .rank(let indicator, let scope, let top):
                    .object(["kind": .string("rank"), "indicator": .string(indicator.rawValue), "among": .string(scope.description), "top": .number(Decimal(top))])
                }
            }),
        ])
    }

    // MARK: - Conferences

    static let conferenceFields: Set<String> = [
        "code", "title", "date", "host", "period", "chairs", "sites", "statements", "comments_heard", "conclusions", "source",
    ]

    static func readPerson(_ value: JSONValue, _ path: String, _ problems: ProblemCollector) -> Conference.Person? {
        guard let r = FieldReader(value, path: path, problems: problems, allowed: ["name", "position"]) else { return nil }
        let position = r.localized("position", required: false)
        guard let name = r.string("name"), r.has("position") == (position != nil) else { return nil }
        return Conference.Person(name: name, position: position)
    }

    static func readConference(_ r: FieldReader?) -> Conference? {
        guard let r else { return nil }
        let code: ConferenceCode? = r.code("code")
        if let code, code.rawValue.count > Conference.maximumCodeLength {
            r.report("code", value: code.rawValue, expected: "at most \(Conference.maximumCodeLength) characters, leaving room for its conclusions' task codes")
        }
        let title = r.localized("title")
        let date = r.parse("date", CalendarDate.init(parsing:))
        let host: UnitCode? = r.code("host")
        let period = r.parse("period", Period.init(parsing:))
        let chairItems = r.array("chairs")
        let chairs = chairItems.compactMap { readPerson($0.0, $0.1, r.problems) }
        if chairItems.isEmpty { r.report("chairs", value: "(none)", expected: "the person or people who chaired") }
        var ok = chairs.count == chairItems.count && !chairItems.isEmpty
        var sites: [Conference.Site] = []
        for (value, path) in r.array("sites") {
            guard let s = FieldReader(value, path: path, problems: r.problems, allowed: ["name", "unit", "central", "attendance", "attendees"]) else { ok = false; continue }
            let name = s.localized("name")
            let unit: UnitCode? = s.code("unit", required: false)
            let attendance = s.integer("attendance", in: 0...1_000_000, required: false)
            let attendees = s.array("attendees").map { readPerson($0.0, $0.1, r.problems) }
            guard let name, s.has("unit") == (unit != nil), s.has("attendance") == (attendance != nil), !attendees.contains(nil) else { ok = false; continue }
            sites.append(Conference.Site(name: name, unit: unit, isCentral: s.bool("central") ?? false, attendance: attendance, attendees: attendees.compactMap { $0 }))
        }
        if sites.filter(\.isCentral).count != 1 {
            r.report("sites", value: "\(sites.filter(\.isCentral).count) central sites", expected: "exactly one site with \"central\": true")
            ok = false
        }
        var statements: [Conference.Statement] = []
        for (value, path) in r.array("statements") {
            guard let s = FieldReader(value, path: path, problems: r.problems, allowed: ["kind", "speaker", "unit", "summary"]) else { ok = false; continue }
            let kind: Conference.Statement.Kind? = s.choice("kind")
            let speaker = s.fields["speaker"].flatMap { readPerson($0, "\(path).speaker", r.problems) }
            if s.fields["speaker"] == nil { s.report("speaker", value: "(missing)", expected: "an object with the speaker's name and position") }
            let unit: UnitCode? = s.code("unit", required: false)
            let summary = s.localized("summary")
            guard let kind, let speaker, let summary, s.has("unit") == (unit != nil) else { ok = false; continue }
            statements.append(Conference.Statement(kind: kind, speaker: speaker, unit: unit, summary: summary))
        }
        let commentsHeard = r.integer("comments_heard", in: 0...100_000, required: false)
        var conclusions: [Conference.Conclusion] = []
        for (value, path) in r.array("conclusions") {
            guard let c = FieldReader(value, path: path, problems: r.problems, allowed: ["number", "text", "deadline"]) else { ok = false; continue }
            let number = c.integer("number", in: 1...999)
            let text = c.localized("text")
            let deadline = c.parse("deadline", required: false, CalendarDate.init(parsing:))
            guard let number, let text, c.has("deadline") == (deadline != nil) else { ok = false; continue }
            if conclusions.contains(where: { $0.number == number }) {
                c.report("number", value: "\(number)", expected: "a number not already used by another conclusion of this conference")
                ok = false
            }
            conclusions.append(Conference.Conclusion(number: number, text: text, deadline: deadline))
        }
        let source = r.string("source", required: false)
        guard ok, let code, code.rawValue.count <= Conference.maximumCodeLength, let title, let date, let host, let period,
            r.has("comments_heard") == (commentsHeard != nil) else { return nil }
        return Conference(
            code: code, title: title, date: date, host: host, period: period, chairs: chairs, sites: sites, statements: statements,
            commentsHeard: commentsHeard, conclusions: conclusions, source: source)
    }

    static func json(_ person: Conference.Person) -> JSONValue {
        DataSetJSON.object(["name": .string(person.name), "position": person.position.map(DataSetJSON.text)])
    }

    public static func json(_ conference: Conference) -> JSONValue {
        DataSetJSON.object([
            "code": .string(conference.code.rawValue), "title": DataSetJSON.text(conference.title),
            "date": .string(conference.date.description), "host": .string(conference.host.rawValue),
            "period": .string(conference.period.description), "chairs": .array(conference.chairs.map(json)),
            "sites": .array(conference.sites.map { site in
                DataSetJSON.object([
                    "name": DataSetJSON.text(site.name), "unit": DataSetJSON.string(site.unit), "central": site.isCentral ? .bool(true) : nil,
                    "attendance": site.attendance.map { .number(Decimal($0)) }, "attendees": site.attendees.isEmpty ? nil : .array(site.attendees.map(json)),
                ])
            }),
            "statements": .array(conference.statements.map { s in
                DataSetJSON.object(["kind": .string(s.kind.rawValue), "speaker": json(s.speaker), "unit": DataSetJSON.string(s.unit), "summary": DataSetJSON.text(s.summary)])
            }),
            "comments_heard": conference.commentsHeard.map { .number(Decimal($0)) },
            "conclusions": .array(conference.conclusions.map { c in
                DataSetJSON.object(["number": .number(Decimal(c.number)), "text": DataSetJSON.text(c.text), "deadline": DataSetJSON.string(c.deadline)])
            }),
            "source": conference.source.map { .string($0) },
        ])
    }
}
