import Foundation
import StocktakeCore
import StocktakeStore

/// A figure as a person enters it, in any door's words: the text of each field, checked here.
public struct FigureEntry: Sendable {
    public var unit: String
    public var indicator: String
    public var period: Period
    public var value: String
    public var denominator: String?
    public var reason: String?
    public var citation: String?
    /// Why an unusual figure (``Outlier``) is right: without it, an unusual figure is refused with a warning.
    public var confirmation: String?

    public init(
        unit: String, indicator: String, period: Period, value: String, denominator: String? = nil, reason: String? = nil, citation: String? = nil,
        confirmation: String? = nil
    ) {
        self.unit = unit
        self.indicator = indicator
        self.period = period
        self.value = value
        self.denominator = denominator
        self.reason = reason
        self.citation = citation
        self.confirmation = confirmation
    }
}

/// Records an import may not write for the account: definitions by a non-administrator, figures outside the
/// editor's subtree. Each names its row, as an import's problems do.
public struct RecordsRefused: Error, Sendable, CustomStringConvertible {
    public let problems: [ImportProblem]

    public var description: String {
        "\(problems.count) record\(problems.count == 1 ? "" : "s") outside the account's remit; nothing was imported:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

extension Actions {
    /// Enters or corrects one figure: the next revision, checked as a row of a file is (indicator known, a plain
    /// decimal, a denominator for shares, a reason for a correction). Throws ``ImportProblems`` when the figure
    /// does not read, ``ActionError/unchanged(_:)`` when it is the latest revision already, and
    /// ``ActionError/unusual(_:_:decimals:)`` when it is far from the unit's history or its peers and the entry
    /// has no confirmation; a confirmed one is written with the confirmation in its audit row.
    @discardableResult
    public func enterFigure(_ entry: FigureEntry, as account: Account, via door: Door) async throws -> Observation {
        let (unit, tree) = try await lineage(of: entry.unit)
        try requireRemit(account, over: unit.code, in: tree)
        let indicators = try await store.indicatorsByCode(withTexts: false)
        let input = Self.observation(entry, unit: unit.code, indicators: indicators, by: account.username.rawValue)
        let confirmation = try Self.comment(entry.confirmation, field: "confirmation")
        var warning: ActionError?
        if confirmation == nil, input.problems.isEmpty, let observation = input.observations.first?.value.observation,
           let indicator = indicators[observation.key.indicator], let outlier = try await outlier(observation, indicator: indicator, unit: unit) {
            warning = .unusual(outlier, observation.key, decimals: indicator.decimals)
        }
        let plan = try await store.importChecked(input) { [warning] plan in
            // Only a figure that would be written is warned about: an unchanged one is not entered again.
            if let warning, !plan.dataSet.observations.isEmpty { throw warning }
            return Self.audit(plan, by: account, via: door, confirmation: confirmation)
        }
        guard let stored = plan.dataSet.observations.first else {
            throw ActionError.unchanged("the figure is the latest revision of \(unit.code) \(entry.indicator) \(entry.period) already; nothing was stored")
        }
        return stored
    }

    /// Imports a data set read from a file, all or nothing, with one audit row. Editors import figures of
    /// their own subtree only; definitions are an administrator's. Throws ``RecordsRefused`` for records outside
    /// the remit and ``ImportProblems`` for records that do not read; a dry run checks and writes nothing.
    @discardableResult
    public func importFigures(_ input: LocatedDataSet, as account: Account, via door: Door, dryRun: Bool = false) async throws -> ImportPlan {
        guard account.role != .viewer else { throw ActionError.refused(.readOnly(account: account.username)) }
        if let refused = try await remitProblems(input, account: account) { throw refused }
        if dryRun { return try await store.importChecked(input, dryRun: true) }
        let name = AuditEvent.fileName(input.file)
        return try await store.importChecked(input) { plan in
            [AuditEvent(
                username: account.username.rawValue, action: .imported, unit: account.unit, subject: name,
                detail: "\(plan.dataSet.recordCount) records (\(plan.dataSet.observations.count) figures), \(plan.unchanged) unchanged\(AuditEvent.door(door.rawValue))")]
        }
    }

    /// Changes a key task's status; a done task needs the day it was done. The imported status stays revision 1.
    public func changeTaskStatus(_ code: String, to statusName: String, completedOn: String?, note: String?, as account: Account, via door: Door) async throws {
        guard let taskCode = TaskCode(validating: code), let task = try await store.tasks(codes: [taskCode]).first else {
            throw ActionError.unknown(.keyTask, code: code)
        }
        try await requireRemit(account, over: task.unit)
        guard KeyTask.Status.names.contains(statusName) else {
            throw ActionError.invalid(field: "status", value: statusName, expected: KeyTask.Status.names.joined(separator: ", "))
        }
        let status = try KeyTask.Status(name: statusName) {
            guard let text = completedOn, let day = try? CalendarDate(parsing: text) else {
                throw ActionError.invalid(field: "completed_on", value: completedOn ?? "", expected: "the day a done task was done, as YYYY-MM-DD")
            }
            return KeyTask.Completion(day: day, deadline: task.deadline)
        }!
        try await store.changeTaskStatus(taskCode, to: status, note: note ?? "", by: account.username.rawValue, via: door.rawValue)
    }

    /// What an account's file may not do: define records unless an administrator, write figures outside an
    /// editor's subtree.
    private func remitProblems(_ input: LocatedDataSet, account: Account) async throws -> RecordsRefused? {
        guard !account.mayDefine else { return nil }
        var problems: [ImportProblem] = []
        func refuse(_ location: ImportProblem.Location, _ field: String, _ value: String, _ expected: String) {
            problems.append(ImportProblem(file: input.file, location: location, field: field, value: value, expected: expected))
        }
        let definitionsOnly = "figures only: definitions are imported by an administrator"
        for u in input.units { refuse(u.location, "units", u.value.code.rawValue, definitionsOnly) }
        for d in input.documents { refuse(d.location, "documents", d.value.code.rawValue, definitionsOnly) }
        for i in input.indicators { refuse(i.location, "indicators", i.value.code.rawValue, definitionsOnly) }
        for t in input.targets { refuse(t.location, "targets", t.value.code.rawValue, definitionsOnly) }
        for t in input.tasks { refuse(t.location, "tasks", t.value.code.rawValue, definitionsOnly) }
        for r in input.validationRules { refuse(r.location, "validation_rules", r.value.code.rawValue, definitionsOnly) }
        // The lineages of the units the file names, not the whole tree.
        var trees: [UnitCode: UnitTree] = [:]
        for o in input.observations {
            let unit = o.value.observation.key.unit
            if trees[unit] == nil { trees[unit] = UnitTree(try await store.lineage(of: unit)) }
            if !account.mayWrite(to: unit, in: trees[unit]!) {
                refuse(o.location, "unit", unit.rawValue, "a unit in the subtree of \(account.unit?.rawValue ?? "the account's unit")")
            }
        }
        return problems.isEmpty ? nil : RecordsRefused(problems: ImportProblem.capped(problems))
    }

    /// The audit rows of figures entered or corrected by one person; `confirmation` is why an unusual one is right.
    static func audit(_ plan: ImportPlan, by account: Account, via door: Door, confirmation: String? = nil) -> [AuditEvent] {
        plan.dataSet.observations.map { o in
            AuditEvent(
                username: account.username.rawValue, action: o.revision == 1 ? .observationEntered : .observationCorrected, unit: o.key.unit,
                subject: o.key.description,
                detail: "revision \(o.revision): \(o.figure.measured.exactText)\(o.reason.map { " — \($0)" } ?? "")"
                    + "\(confirmation.map { " — unusual, confirmed: \($0)" } ?? "")\(AuditEvent.door(door.rawValue))",
                period: o.key.period, before: plan.replaced[o.key]?.plainText, after: o.figure.plainText)
        }
    }

    /// The entry as one pending observation; the planner gives it the next revision and checks the rest.
    static func observation(_ entry: FigureEntry, unit: UnitCode, indicators: [IndicatorCode: Indicator], by username: String) -> LocatedDataSet {
        var input = LocatedDataSet(file: "form")
        func problem(_ field: String, _ value: String, _ expected: String, rule: ImportProblem.Rule? = nil) {
            input.problems.append(ImportProblem(file: "form", location: .path(field), field: field, value: value, expected: expected, rule: rule))
        }
        guard let code = IndicatorCode(validating: entry.indicator), let indicator = indicators[code] else {
            problem("indicator", entry.indicator, "one of the indicators listed")
            return input
        }
        let value: Decimal
        do { value = try FigureRule.parse(entry.value) } catch {
            problem("value", error.value, error.expected, rule: .figureFormat)
            return input
        }
        var figure = Figure.value(value)
        if indicator.kind == .share {
            let denominatorText = entry.denominator ?? ""
            guard let denominator = try? FigureRule.parse(denominatorText), denominator > 0 else {
                problem("denominator", denominatorText, "the whole the share is of, a positive number (182 in 159 of 182)", rule: .shareDenominator)
                return input
            }
            figure = .share(numerator: value, denominator: denominator)
        }
        let citation = entry.citation.flatMap { $0.isEmpty ? nil : $0 } ?? "entered by \(username)"
        let observation = Observation(
            key: ObservationKey(unit: unit, indicator: code, period: entry.period), figure: figure,
            source: .init(kind: .entry, citation: citation), enteredBy: username,
            enteredAt: Date().wholeSeconds, reason: reason(entry.reason))
        input.observations.append(Located(PendingObservation(observation, revision: nil), at: .path("form")))
        return input
    }
}

extension Actions {
    /// Whether `observation` is far from its unit's earlier years or, for a rate or a share, from the same figure
    /// of the units beside it: the rule the findings apply (``Outlier/of(_:unit:indicator:history:peers:)``).
    func outlier(_ observation: Observation, indicator: Indicator, unit: OrgUnit) async throws -> Outlier? {
        let key = observation.key
        let history = try await store.history(before: key.period, units: [key.unit], indicators: [key.indicator])
        var peers: [Decimal] = []
        if Outlier.comparesPeers(indicator.kind), let parent = unit.parent {
            // Every unit beside it that the ranks count, synthetic ones included: the peers a rank is among.
            let beside = try await store.children(of: parent).filter { $0.isActive(in: key.period) && $0.code != key.unit }.map(\.code)
            peers = try await store.unitFigures(period: key.period, units: beside, indicators: [key.indicator]).values.compactMap { $0.own?.figure.measured }
        }
        return Outlier.of(observation.figure.measured, unit: key.unit, indicator: indicator, history: history, peers: peers)
    }
}
