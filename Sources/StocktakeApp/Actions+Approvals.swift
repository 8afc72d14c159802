import Foundation
import StocktakeCore
import StocktakeStore

extension Actions {
    /// Takes one step of a unit's figures for a period: submits them (an editor whose remit holds the unit),
    /// approves or returns them (an account whose remit holds the body whose turn it is), or reopens one figure
    /// (an account whose remit holds the body that approved last). Returns and reopenings need a reason; nobody
    /// approves figures they submitted themselves.
    @discardableResult
    public func approval(_ request: Approval.Request, unit text: String, period: Period, as account: Account, via door: Door) async throws -> ApprovalStep {
        guard account.role != .viewer else { throw ActionError.refused(.readOnly(account: account.username)) }
        var request = request
        switch request {
        case .submit, .approve: break
        case .return(let why):
            guard let why = try Self.comment(why, field: "reason") else { throw ActionError.reasonRequired("a return tells the unit what to correct") }
            request = .return(reason: why)
        case .reopen(let indicator, let why):
            guard try await store.indicatorsByCode(withTexts: false)[indicator] != nil else { throw ActionError.unknown(.indicator, code: indicator.rawValue) }
            guard let why = try Self.comment(why, field: "reason") else { throw ActionError.reasonRequired("a reopened figure says why it is corrected after approval") }
            request = .reopen(indicator, reason: why)
        }
        var lineage: [OrgUnit] = []
        if let code = UnitCode(validating: text) { lineage = try await store.lineage(of: code) }
        guard let unit = lineage.first, unit.code.rawValue == text else { throw ActionError.unknown(.unit, code: text) }
        let tree = UnitTree(lineage)
        let chain = Approval.approvingBodies(lineage: lineage.map(\.code))
        let (actor, approving) = (account, request == .approve)
        do {
            return try await store.appendApprovalStep(request, for: UnitPeriod(unit.code, period), chain: chain, by: account.username.rawValue, via: door.rawValue) { body, state in
                try self.requireRemit(actor, over: body ?? unit.code, in: tree)
                if approving, let submitter = state.submittedBy, submitter == actor.username.rawValue, actor.role != .administrator {
                    throw ActionError.refused(.ownSubmission(account: actor.username, unit: unit.code))
                }
            }
        } catch let notNow as Approval.NotNow {
            throw ActionError.notNow(notNow.description)
        }
    }

    /// Sets the day by which units of `level` submit their figures for `period`: an administrator's.
    public func setDeadline(period: Period, level: String, day: String, as account: Account, via door: Door) async throws {
        try requireAdministrator(account, to: "set reporting deadlines")
        guard !level.isEmpty, level.count <= 64 else { throw ActionError.invalid(field: "level", value: level, expected: "a level of the tree, such as commune, district or province") }
        guard let date = try? CalendarDate(parsing: day) else { throw ActionError.invalid(field: "deadline", value: day, expected: "a day as YYYY-MM-DD") }
        try await store.setReportingDeadline(ReportingDeadline(period: period, level: Level(level), day: date), by: account.username.rawValue, via: door.rawValue)
    }
}

extension Actions {
    /// Where the submissions of `units` for `period` stand on `today`, in their order: each unit's steps, its
    /// approving bodies and its level's deadline, read for these units alone.
    public func submissions(of units: [OrgUnit], period: Period, today: CalendarDate) async throws -> [UnitSubmission] {
        let steps = try await store.approvalSteps(period: period, units: units.map(\.code))
        let deadlines = try await store.reportingDeadlines(period: period)
        var chains: [UnitCode: [UnitCode]] = [:]
        var result: [UnitSubmission] = []
        for unit in units {
            let chain: [UnitCode]
            if let parent = unit.parent {
                if chains[parent] == nil { chains[parent] = try await store.lineage(of: parent).map(\.code) }
                chain = chains[parent]!
            } else {
                chain = [unit.code]
            }
            result.append(UnitSubmission(unit: unit.code, steps: steps[unit.code] ?? [], chain: chain, deadline: deadlines[unit.level], today: today))
        }
        return result
    }
}
