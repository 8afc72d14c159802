import Foundation

/// What the store already holds, as far as an import needs to know to check a file against it.
public struct Catalog: Sendable {
    public var units: [UnitCode: OrgUnit] = [:]
    public var indicators: [IndicatorCode: Indicator] = [:]
    public var documents: [DocumentCode: Document] = [:]
    public var targets: [TargetCode: Target] = [:]
    public var tasks: [TaskCode: KeyTask] = [:]
    public var validationRules: [RuleCode: ValidationRule] = [:]
    /// Stored revisions of the keys the file mentions.
    public var revisions: [ObservationKey: [Observation]] = [:]
    /// For review files: stored rating rules by version, the latest rating of each unit and year, award rules
    /// and conferences.
    public var ratingRules: [String: DatedRatingRule] = [:]
    public var ratings: [UnitCode: [Period: Rating]] = [:]
    public var awardRules: [AwardRuleCode: AwardRule] = [:]
    public var conferences: [ConferenceCode: Conference] = [:]
    /// Where the figures of each unit and period the file writes stand on their way to approval; a key absent
    /// is open.
    public var approvals: [UnitPeriod: Approval] = [:]

    public init() {}
}

/// A unit's figures for one period: what is submitted and approved together.
public struct UnitPeriod: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var unit: UnitCode
    public var period: Period

    public init(_ unit: UnitCode, _ period: Period) {
        self.unit = unit
        self.period = period
    }

    public var description: String { "\(unit) \(period)" }

    public static func < (a: Self, b: Self) -> Bool { (a.unit, a.period) < (b.unit, b.period) }
}

/// What an import will write: only records that are new. Records identical to stored ones are counted and
/// skipped, so importing the same file twice changes nothing.
public struct ImportPlan: Sendable {
    public var dataSet = DataSet()
    public var unchanged = 0
    /// The figure each corrected key had before, for the audit trail's "before".
    public var replaced: [ObservationKey: Figure] = [:]

    public var isEmpty: Bool { dataSet.recordCount == 0 }
}

/// Checks a file's records against each other and against the store, all at once, and either plans the import
/// or returns every problem. Stored records are never overwritten: a different record under a stored code is a
/// problem, and a changed figure must come as a new revision with a reason.
public struct ImportPlanner {
    let file: String
    let catalog: Catalog
    let problems: ProblemCollector

    public static func plan(_ input: LocatedDataSet, against catalog: Catalog) throws(ImportProblems) -> ImportPlan {
        try checked(file: input.file, read: input.problems, catalog: catalog) { $0.run(input) }
    }

    /// Runs a planner over a file's records and returns its plan, or every problem of reading and planning.
    static func checked<Plan>(file: String, read: [ImportProblem], catalog: Catalog, _ run: (ImportPlanner) -> Plan) throws(ImportProblems) -> Plan {
        let planner = ImportPlanner(file: file, catalog: catalog, problems: ProblemCollector(file: file))
        let plan = run(planner)
        let problems = read + planner.problems.problems
        guard problems.isEmpty else { throw ImportProblems(ordered(problems)) }
        return plan
    }

    /// Problems by file, then line; path-located problems keep the order they were found in.
    static func ordered(_ problems: [ImportProblem]) -> [ImportProblem] {
        problems.enumerated().sorted { a, b in
            func line(_ p: ImportProblem) -> Int {
                if p.field == "(problems)" { return .max }
                if case .line(let n) = p.location { return n } else { return 0 }
            }
            return (a.element.file, line(a.element), a.offset) < (b.element.file, line(b.element), b.offset)
        }.map(\.element)
    }

    func fail<T>(_ record: Located<T>, _ field: String, _ value: String, _ expected: String, rule: ImportProblem.Rule? = nil) {
        problems.append(ImportProblem(file: record.file ?? file, location: record.location, field: field, value: value, expected: expected, rule: rule))
    }

    /// Splits records into new and unchanged; reports duplicates within the file and conflicts with the store.
    func newRecords<Code: RecordCode, Record: Equatable & Sendable>(
        _ records: [Located<Record>], code: (Record) -> Code, stored: [Code: Record], kind: String, unchanged: inout Int
    ) -> [Located<Record>] {
        var seen: [Code: ImportProblem.Location] = [:]
        var result: [Located<Record>] = []
        for record in records {
            let c = code(record.value)
            if let first = seen[c] {
                fail(record, "code", c.rawValue, "a \(kind) code not already used in this file (first at \(first))")
                continue
            }
            seen[c] = record.location
            if let existing = stored[c] {
                if existing == record.value { unchanged += 1 } else {
                    fail(record, "code", c.rawValue, "a new \(kind) code, or exactly the stored \(kind): stored records are not overwritten")
                }
                continue
            }
            result.append(record)
        }
        return result
    }

    func run(_ input: LocatedDataSet) -> ImportPlan {
        var plan = ImportPlan()
        let units = newRecords(input.units, code: \.code, stored: catalog.units, kind: "unit", unchanged: &plan.unchanged)
        let documents = newRecords(input.documents, code: \.code, stored: catalog.documents, kind: "document", unchanged: &plan.unchanged)
        let indicators = newRecords(input.indicators, code: \.code, stored: catalog.indicators, kind: "indicator", unchanged: &plan.unchanged)
        let targets = newRecords(input.targets, code: \.code, stored: catalog.targets, kind: "target", unchanged: &plan.unchanged)
        let tasks = newRecords(input.tasks, code: \.code, stored: catalog.tasks, kind: "task", unchanged: &plan.unchanged)

        var allUnits = catalog.units
        for unit in input.units where allUnits[unit.value.code] == nil { allUnits[unit.value.code] = unit.value }
        var allIndicators = catalog.indicators
        for indicator in input.indicators where allIndicators[indicator.value.code] == nil { allIndicators[indicator.value.code] = indicator.value }
        var allTargets = catalog.targets
        for target in input.targets where allTargets[target.value.code] == nil { allTargets[target.value.code] = target.value }
        let documentCodes = Set(catalog.documents.keys).union(input.documents.map(\.value.code))

        for located in units { check(located, units: allUnits) }
        var references: [String: DocumentCode] = [:]
        for document in catalog.documents.values {
            if let reference = document.reference { references["\(document.issuer?.rawValue ?? "")|\(reference)"] = document.code }
        }
        for located in documents {
            if let issuer = located.value.issuer, allUnits[issuer] == nil {
                fail(located, "issuer", issuer.rawValue, "the code of a unit in this file or in the store")
            }
            if let reference = located.value.reference {
                let key = "\(located.value.issuer?.rawValue ?? "")|\(reference)"
                if let other = references[key] {
                    fail(located, "reference", reference.description, "a reference not already used by the same issuer (document \(other) has it)")
                }
                references[key] = located.value.code
            }
        }
        for located in indicators { check(located, indicators: allIndicators) }
        for located in targets { check(located, units: allUnits, indicators: allIndicators, documents: documentCodes) }
        for located in tasks {
            if allUnits[located.value.unit] == nil { fail(located, "unit", located.value.unit.rawValue, "the code of a unit in this file or in the store") }
            if let d = located.value.document, !documentCodes.contains(d) {
                fail(located, "document", d.rawValue, "the code of a document in this file or in the store")
            }
        }
        plan.dataSet = DataSet(
            units: units.map(\.value), documents: documents.map(\.value), indicators: indicators.map(\.value),
            targets: targets.map(\.value), tasks: tasks.map(\.value))
        plan.dataSet.observations = observations(input.observations, units: allUnits, indicators: allIndicators, targets: allTargets, plan: &plan)
        let rules = newRecords(input.validationRules, code: \.code, stored: catalog.validationRules, kind: "validation rule", unchanged: &plan.unchanged)
        for located in rules { check(located, indicators: allIndicators) }
        plan.dataSet.validationRules = rules.map(\.value)
        return plan
    }

    /// A rule names indicators that exist, and a share's numerator or denominator only of a share.
    func check(_ located: Located<ValidationRule>, indicators: [IndicatorCode: Indicator]) {
        for (side, expression) in [("left", located.value.left), ("right", located.value.right)] {
            for operand in expression.operands {
                guard let indicator = indicators[operand.indicator] else {
                    fail(located, side, operand.indicator.rawValue, "the code of an indicator in this file or in the store")
                    continue
                }
                if operand.part != .value, indicator.kind != .share {
                    fail(located, side, "\(operand.indicator).\(operand.part.rawValue)", "a numerator or denominator of a share only: \(operand.indicator) is a \(indicator.kind.rawValue)")
                }
            }
        }
    }

    // MARK: - Definitions

    func check(_ located: Located<OrgUnit>, units: [UnitCode: OrgUnit]) {
        let unit = located.value
        if let parent = unit.parent {
            if units[parent] == nil {
                fail(located, "parent", parent.rawValue, "the code of a unit in this file or in the store")
            } else {
                // Walk up: reaching the unit again means the tree would have a cycle.
                var seen: Set<UnitCode> = [unit.code]
                var cursor = units[parent]
                while let current = cursor {
                    if seen.contains(current.code) {
                        fail(located, "parent", parent.rawValue, "a unit that is not \(unit.code) itself nor below it (the tree cannot have cycles)")
                        break
                    }
                    seen.insert(current.code)
                    cursor = current.parent.flatMap { units[$0] }
                }
            }
        }
        if let merger = unit.merger {
            if merger.successor == unit.code || units[merger.successor] == nil {
                fail(located, "merged_into.successor", merger.successor.rawValue, "the code of another unit in this file or in the store")
            } else if units[merger.successor]?.merger != nil {
                fail(located, "merged_into.successor", merger.successor.rawValue, "a successor that was not itself merged away (name the final successor)")
            }
        }
    }

    func check(_ located: Located<Indicator>, indicators: [IndicatorCode: Indicator]) {
        guard let weight = located.value.weight else { return }
        if located.value.kind != .rate {
            fail(located, "weight", weight.rawValue, "no weight: only rates are weighted when they roll up")
        } else if let w = indicators[weight] {
            if w.kind != .amount && w.kind != .count {
                fail(located, "weight", weight.rawValue, "an amount or count indicator to weight by, not a \(w.kind.rawValue)")
            }
        } else {
            fail(located, "weight", weight.rawValue, "the code of an indicator in this file or in the store")
        }
    }

    func check(
        _ located: Located<Target>, units: [UnitCode: OrgUnit], indicators: [IndicatorCode: Indicator], documents: Set<DocumentCode>
    ) {
        let target = located.value
        if units[target.unit] == nil { fail(located, "unit", target.unit.rawValue, "the code of a unit in this file or in the store") }
        if let d = target.document, !documents.contains(d) { fail(located, "document", d.rawValue, "the code of a document in this file or in the store") }
        guard let indicator = indicators[target.indicator] else {
            fail(located, "indicator", target.indicator.rawValue, "the code of an indicator in this file or in the store")
            return
        }
        if target.bound.value == nil, target.bound.name != "between", target.basis != .absolute {
            fail(located, "value", "(missing)", "a stated value for a target on change")
        }
        if case .count = indicator.kind, target.basis == .absolute, let v = target.bound.value, !v.isWhole {
            fail(located, "value", v.exactText, "a whole number: \(indicator.code) is a count")
        }
    }

    // MARK: - Observations

    func observations(
        _ records: [Located<PendingObservation>], units: [UnitCode: OrgUnit], indicators: [IndicatorCode: Indicator],
        targets: [TargetCode: Target], plan: inout ImportPlan
    ) -> [Observation] {
        var result: [Observation] = []
        var latest: [ObservationKey: Observation] = [:]
        for (key, stored) in catalog.revisions { if let last = stored.max(by: { $0.revision < $1.revision }) { latest[key] = last } }
        for located in records {
            var observation = located.value.observation
            let key = observation.key
            guard let unit = units[key.unit] else {
                fail(located, "unit", key.unit.rawValue, "the code of a unit in this file or in the store")
                continue
            }
            guard let indicator = indicators[key.indicator] else {
                fail(located, "indicator", key.indicator.rawValue, "the code of an indicator in this file or in the store")
                continue
            }
            if !unit.isActive(in: key.period), let merger = unit.merger {
                fail(located, "period", key.period.description, "a period before \(unit.code) was merged into \(merger.successor) on \(merger.effective)")
            }
            checkFigure(observation.figure, indicator: indicator, at: located)
            for claim in observation.claims.comparisons {
                guard case .target(let code) = claim.basis else { continue }
                guard let target = targets[code] else {
                    fail(located, "comparisons.target", code.rawValue, "the code of a target in this file or in the store")
                    continue
                }
                if (target.unit, target.indicator, target.period) != (key.unit, key.indicator, key.period) {
                    fail(located, "comparisons.target", code.rawValue, "a target for \(key), not for \(target.unit)/\(target.indicator)/\(target.period)")
                }
            }
            // Revisions continue the stored history; a file may give them or leave them to the store.
            let previous = latest[key]
            let next = (previous?.revision ?? 0) + 1
            if let given = located.value.revision {
                if given < next {
                    let stored = catalog.revisions[key]?.first { $0.revision == given }
                    if let stored, stored.hasSameContent(as: observation, claims: located.value.claimsStated) { plan.unchanged += 1 } else if stored != nil {
                        fail(located, "revision", String(given), "revision \(next) or later: revision \(given) of \(key) is stored with other content, and stored revisions are never changed")
                    } else {
                        fail(located, "revision", String(given), "revision \(next): revisions of \(key) follow each other without gaps")
                    }
                    continue
                }
                if given != next {
                    fail(located, "revision", String(given), "revision \(next): revisions of \(key) follow each other without gaps")
                    continue
                }
            } else if let previous, previous.hasSameContent(as: observation, claims: located.value.claimsStated, reason: false) {
                plan.unchanged += 1
                continue
            }
            if let approval = catalog.approvals[UnitPeriod(key.unit, key.period)], approval.isLocked(key.indicator) {
                fail(located, "period", key.period.description, Self.unlocked(key, approval), rule: .figureLocked)
                continue
            }
            observation.revision = next
            if let previous { plan.replaced[key] = previous.figure }
            if next > 1 && (observation.reason ?? "").isEmpty {
                fail(located, "reason", "(missing)", "a reason for the correction: \(key) already has revision \(next - 1)", rule: .correctionReason)
            }
            latest[key] = observation
            result.append(observation)
        }
        return result
    }

    /// What a locked figure needs before it is written.
    static func unlocked(_ key: ObservationKey, _ approval: Approval) -> String {
        let state = approval.approvedBy.isEmpty
            ? "submitted for approval: the body above returns the figures, or approves them and reopens this one"
            : "approved by \(approval.approvedBy.map(\.rawValue).joined(separator: ", ")): \(approval.approvedBy.last!) reopens this one figure with a reason"
        return "a period whose figures are open: \(key.unit) \(key.period) is \(state) before \(key.indicator) is entered or corrected"
    }

    func checkFigure(_ figure: Figure, indicator: Indicator, at location: Located<PendingObservation>) {
        switch (figure, indicator.kind) {
        case (.share(let x, let y), .share):
            if y <= 0 { fail(location, "denominator", y.exactText, "a denominator above zero", rule: .shareDenominator) }
            if x < 0 || x > y { fail(location, "numerator", x.exactText, "a numerator from 0 to the denominator \(y.exactText)", rule: .shareNumerator) }
        case (.share, _):
            fail(location, "denominator", figure.plainText, "a single 'value': \(indicator.code) is a \(indicator.kind.rawValue), not a share")
        case (.value(let v), .count):
            if !v.isWhole || v < 0 { fail(location, "value", v.exactText, "a whole number of zero or more: \(indicator.code) is a count", rule: .wholeCount) }
        case (.value(let v), .share):
            fail(location, "value", v.exactText, "'numerator' and 'denominator': \(indicator.code) is a share", rule: .shareDenominator)
        case (.value, .amount), (.value, .rate):
            break
        }
    }
}
