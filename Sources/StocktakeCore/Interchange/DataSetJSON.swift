import Foundation

/// The JSON data-set format (`"format": "stocktake/1"`), described in the README. Figures are written as strings
/// ("20699.5") so that every reader keeps them exact.
public enum DataSetJSON {
    public static let format = "stocktake/1"

    /// Who and when, for every observation read: the importing account and the time of the import. A file's
    /// own `entered_by` and `entered_at` are accepted (exports carry them) but never taken as authorship.
    public struct EntryDefaults: Sendable {
        public var enteredBy: String
        public var enteredAt: Date

        public init(enteredBy: String, enteredAt: Date) {
            self.enteredBy = enteredBy
            self.enteredAt = enteredAt
        }
    }

    /// Reads a whole file. Every problem is collected with its JSON path in the result's `problems`, beside the
    /// records that could be read.
    public static func read(_ data: Data, file: String, defaults: EntryDefaults) -> LocatedDataSet {
        let problems = ProblemCollector(file: file)
        var result = LocatedDataSet(file: file)
        guard let top = FieldReader.document(
            data, format: format, fields: ["units", "documents", "indicators", "targets", "tasks", "observations", "validation_rules"], problems: problems)
        else {
            result.problems = problems.problems
            return result
        }
        for (value, path) in top.array("units") {
            if let unit = readUnit(value, path, problems) { result.units.append(Located(unit, at: .path(path), in: file)) }
        }
        for (value, path) in top.array("documents") {
            if let document = readDocument(value, path, problems) { result.documents.append(Located(document, at: .path(path), in: file)) }
        }
        for (value, path) in top.array("indicators") {
            if let indicator = readIndicator(value, path, problems) { result.indicators.append(Located(indicator, at: .path(path), in: file)) }
        }
        for (value, path) in top.array("targets") {
            if let target = readTarget(value, path, problems) { result.targets.append(Located(target, at: .path(path), in: file)) }
        }
        for (value, path) in top.array("tasks") {
            if let task = readTask(value, path, problems) { result.tasks.append(Located(task, at: .path(path), in: file)) }
        }
        for (value, path) in top.array("observations") {
            if let observation = readObservation(value, path, problems, defaults) {
                result.observations.append(Located(observation, at: .path(path), in: file))
            }
        }
        for (value, path) in top.array("validation_rules") {
            if let rule = readValidationRule(value, path, problems) { result.validationRules.append(Located(rule, at: .path(path), in: file)) }
        }
        result.problems = problems.problems
        return result
    }

    // MARK: - Records

    static func readValidationRule(_ value: JSONValue, _ path: String, _ problems: ProblemCollector) -> ValidationRule? {
        guard let r = FieldReader(value, path: path, problems: problems, allowed: ["code", "title", "left", "operator", "right", "missing", "level"]) else {
            return nil
        }
        let code: RuleCode? = r.code("code")
        let title = r.localized("title")
        let left = r.parse("left", RuleExpression.init(parsing:))
        let op: ValidationRule.Operator? = r.choice("operator")
        let right = r.parse("right", RuleExpression.init(parsing:))
        let missing: ValidationRule.MissingValues? = r.has("missing") ? r.choice("missing") : .skipIfAnyMissing
        let level = r.string("level", required: false)
        if let level, level.isEmpty || level.count > 64 { r.report("level", value: level, expected: "a level of the tree, such as commune or district (1 to 64 characters)") }
        guard let code, let title, let left, let op, let right, let missing else { return nil }
        return ValidationRule(code: code, title: title, left: left, op: op, right: right, missing: missing, level: level.map { Level($0) })
    }

    static func readUnit(_ value: JSONValue, _ path: String, _ problems: ProblemCollector) -> OrgUnit? {
        guard let r = FieldReader(value, path: path, problems: problems,
            allowed: ["code", "names", "level", "parent", "groups", "merged_into", "origin"]) else { return nil }
        let code: UnitCode? = r.code("code")
        let names = r.localized("names")
        let level = r.string("level")
        let parent: UnitCode? = r.code("parent", required: false)
        var groups: [GroupKind: String] = [:]
        if let g = r.object("groups", allowed: nil) {
            for name in g.fields.keys { if let text = g.string(name) { groups[GroupKind(name)] = text } }
        }
        var merger: OrgUnit.Merger?
        if let m = r.object("merged_into", allowed: ["successor", "effective"]) {
            let successor: UnitCode? = m.code("successor")
            let effective = m.parse("effective", CalendarDate.init(parsing:))
            if let successor, let effective { merger = OrgUnit.Merger(successor: successor, effective: effective) }
        }
        let origin: Origin? = r.has("origin") ? r.choice("origin") : .recorded
        guard let code, let names, let level, let origin else { return nil }
        return OrgUnit(code: code, names: names, level: Level(level), parent: parent, groups: groups, merger: merger, origin: origin)
    }

    static func readDocument(_ value: JSONValue, _ path: String, _ problems: ProblemCollector) -> Document? {
        guard let r = FieldReader(value, path: path, problems: problems,
            allowed: ["code", "reference", "title", "issuer", "issued"]) else { return nil }
        let code: DocumentCode? = r.code("code")
        let reference = r.parse("reference", required: false, DocumentReference.init(parsing:))
        let title = r.localized("title")
        let issuer: UnitCode? = r.code("issuer", required: false)
        let issued = r.parse("issued", required: false, CalendarDate.init(parsing:))
        guard let code, let title, r.has("reference") == (reference != nil), r.has("issued") == (issued != nil) else { return nil }
        return Document(code: code, reference: reference, title: title, issuer: issuer, issued: issued)
    }

    static func readIndicator(_ value: JSONValue, _ path: String, _ problems: ProblemCollector) -> Indicator? {
        guard let r = FieldReader(value, path: path, problems: problems,
            allowed: ["code", "names", "measure", "kind", "better", "decimals", "weight", "origin"]) else { return nil }
        let code: IndicatorCode? = r.code("code")
        let names = r.localized("names")
        let measure = r.localized("measure")
        let kind: IndicatorKind? = r.choice("kind")
        let better: BetterDirection? = r.choice("better")
        let decimals = r.integer("decimals", in: Indicator.decimalsRange)
        let weight: IndicatorCode? = r.code("weight", required: false)
        let origin: Origin? = r.has("origin") ? r.choice("origin") : .recorded
        guard let code, let names, let measure, let kind, let better, let decimals, let origin else { return nil }
        return Indicator(code: code, names: names, measure: measure, kind: kind, better: better, decimals: decimals, weight: weight, origin: origin)
    }

    static func readTarget(_ value: JSONValue, _ path: String, _ problems: ProblemCollector) -> Target? {
        guard let r = FieldReader(value, path: path, problems: problems,
            allowed: ["code", "unit", "indicator", "period", "document", "bound", "value", "upper", "basis"]) else { return nil }
        let code: TargetCode? = r.code("code")
        let unit: UnitCode? = r.code("unit")
        let indicator: IndicatorCode? = r.code("indicator")
        let period = r.parse("period", Period.init(parsing:))
        let document: DocumentCode? = r.code("document", required: false)
        let basis: Target.Basis? = r.has("basis") ? r.choice("basis") : .absolute
        let value = r.decimal("value", required: false)
        let upper = r.decimal("upper", required: false)
        var bound: Target.Bound?
        switch r.string("bound") {
        case "at_least"?: bound = .atLeast(value)
        case "at_most"?: bound = .atMost(value)
        case "exactly"?:
            if let value { bound = .exactly(value) } else { r.report("value", value: "(missing)", expected: "the exact value the target requires") }
        case "between"?:
            if let value, let upper, value <= upper { bound = .between(value, upper) } else {
                r.report("upper", value: upper?.exactText ?? "(missing)", expected: "with 'value', the range's upper end, not below 'value'")
            }
        case let other?: r.report("bound", value: other, expected: "one of at_least, at_most, between, exactly")
        case nil: break
        }
        if let bound, upper != nil, !(bound.name == "between") {
            r.report("upper", value: upper!.exactText, expected: "no 'upper' except for a 'between' bound")
            return nil
        }
        guard let code, let unit, let indicator, let period, let bound, let basis else { return nil }
        return Target(code: code, unit: unit, indicator: indicator, period: period, document: document, bound: bound, basis: basis)
    }

    static func readTask(_ value: JSONValue, _ path: String, _ problems: ProblemCollector) -> KeyTask? {
        guard let r = FieldReader(value, path: path, problems: problems,
            allowed: ["code", "unit", "document", "title", "period", "deadline", "status", "completed_on", "on_time"]) else { return nil }
        let code: TaskCode? = r.code("code")
        let unit: UnitCode? = r.code("unit")
        let document: DocumentCode? = r.code("document", required: false)
        let title = r.localized("title")
        let period = r.parse("period", Period.init(parsing:))
        let deadline = r.parse("deadline", CalendarDate.init(parsing:))
        let completedOn = r.parse("completed_on", required: false, CalendarDate.init(parsing:))
        let onTime = r.bool("on_time")
        var status: KeyTask.Status?
        switch r.string("status") {
        case "not_started"?: status = .notStarted
        case "in_progress"?: status = .inProgress
        case "dropped"?: status = .dropped
        case "done"?:
            if let completedOn, let deadline {
                let completion = KeyTask.Completion(day: completedOn, deadline: deadline)
                if let onTime, onTime != completion.onTime {
                    r.report("on_time", value: String(onTime), expected: "\(completion.onTime): completed_on \(completedOn) is \(completion.onTime ? "not after" : "after") the deadline \(deadline)")
                } else {
                    status = .done(completion)
                }
            } else if let onTime {
                status = .done(KeyTask.Completion(undatedOnTime: onTime))
            } else if completedOn == nil {
                r.report("completed_on", value: "(missing)", expected: "for a done task, the day it was done, or 'on_time' when the source gives no day")
            }
        case let other?: r.report("status", value: other, expected: "one of not_started, in_progress, done, dropped")
        case nil: break
        }
        if let status, r.has("completed_on") || r.has("on_time"), status.name != "done" {
            r.report("status", value: status.name, expected: "'done' when completed_on or on_time is given")
            return nil
        }
        guard let code, let unit, let title, let period, let deadline, let status else { return nil }
        return KeyTask(code: code, unit: unit, document: document, title: title, period: period, deadline: deadline, status: status)
    }

    static func readObservation(_ value: JSONValue, _ path: String, _ problems: ProblemCollector, _ defaults: EntryDefaults)
        -> PendingObservation?
    {
        guard let r = FieldReader(value, path: path, problems: problems,
            allowed: ["unit", "indicator", "period", "revision", "value", "numerator", "denominator", "source",
                      "entered_by", "entered_at", "reason", "comparisons", "ranks"]) else { return nil }
        let unit: UnitCode? = r.code("unit")
        let indicator: IndicatorCode? = r.code("indicator")
        let period = r.parse("period", Period.init(parsing:))
        let revision = r.integer("revision", in: 1...1_000_000, required: false)
        var figure: Figure?
        if r.has("value") {
            if r.has("numerator") || r.has("denominator") {
                r.report("value", value: "(with numerator/denominator)", expected: "either 'value', or 'numerator' and 'denominator' for a share")
            } else if let v = r.decimal("value") { figure = .value(v) }
        } else if let x = r.decimal("numerator"), let y = r.decimal("denominator") {
            figure = .share(numerator: x, denominator: y)
        }
        var source: Observation.Source?
        if let s = r.object("source", allowed: ["kind", "citation"]) {
            let kind: Observation.Source.Kind? = s.choice("kind")
            let citation = s.string("citation")
            if let kind, let citation { source = .init(kind: kind, citation: citation) }
        } else {
            r.report("source", value: "(missing)", expected: "an object {\"kind\": …, \"citation\": …} naming where the figure comes from")
        }
        // Authorship is the importer's: an editor cannot enter a figure in another's name or at another time.
        let enteredBy = defaults.enteredBy
        let enteredAt: Date? = defaults.enteredAt
        let reason = r.string("reason", required: false)
        var claims = Observation.Claims()
        for (item, itemPath) in r.array("comparisons") {
            guard let c = FieldReader(item, path: itemPath, problems: problems, allowed: ["against", "target", "relation", "percent"]) else { continue }
            var basis: ReportedComparison.Basis?
            switch c.string("against") {
            case "year_earlier"?: basis = .yearEarlier
            case "target"?: if let code: TargetCode = c.code("target") { basis = .target(code) }
            case let other?: c.report("against", value: other, expected: "year_earlier or target")
            case nil: break
            }
            let relation: ReportedComparison.Relation? = c.choice("relation")
            let percentText = c.string("percent")
            let percent = c.parse("percent", FigureRule.parse)
            if let basis, let relation, let percent, let percentText {
                claims.comparisons.append(.init(basis: basis, relation: relation, percent: percent, decimals: Decimal.decimalPlaces(in: percentText)))
            }
        }
        for (item, itemPath) in r.array("ranks") {
            guard let c = FieldReader(item, path: itemPath, problems: problems, allowed: ["peers", "position"]) else { continue }
            let peers = c.parse("peers", PeerScope.init(parsing:))
            let position = c.integer("position", in: 1...1_000_000)
            if let peers, let position { claims.ranks.append(.init(peers: peers, position: position)) }
        }
        guard let unit, let indicator, let period, let figure, let source, let enteredAt else { return nil }
        return PendingObservation(
            Observation(
                key: .init(unit: unit, indicator: indicator, period: period), revision: revision ?? 0, figure: figure,
                source: source, enteredBy: enteredBy, enteredAt: enteredAt, reason: reason, claims: claims),
            revision: revision)
    }
}
