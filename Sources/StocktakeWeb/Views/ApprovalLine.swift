import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// Where a unit's figures of a period stand, in one line above its dashboard or its conference's record: the
/// badge, who approved, who acts next, what was reopened, how many units below submitted and were approved, and
/// the way to the completeness page.
struct ApprovalLine {
    let badge: StatusBadge
    let approvedBy: String?
    let waitingFor: String?
    let reopened: String?
    /// "3 of 10 units below submitted, 1 approved"; nil for a unit with none below.
    let below: String?
    let href: String

    /// The line of `unit`, read for it and the units directly below it alone; nil for a synthetic unit.
    static func read(_ unit: OrgUnit, period: Period, today: CalendarDate, services: WebServices, t: UIText) async throws -> ApprovalLine? {
        guard unit.origin != .synthetic else { return nil }
        let below = try await services.store.realChildren(of: unit.code, in: period)
        let submissions = try await services.actions.submissions(of: [unit] + below, period: period, today: today)
        let own = submissions[0]
        let approval = own.approval
        let names = try await services.store.unitsByCode(Set(own.chain)).mapValues { $0.names[t.code] }
        func named(_ code: UnitCode) -> String { names[code] ?? code.rawValue }
        let count = { (n: Int) in t.format.number(Decimal(n), decimals: 0) }
        let others = submissions.dropFirst()
        let submitted = others.filter { $0.approval.status == .submitted || $0.approval.status == .approved }.count
        let approved = others.filter { $0.approval.status == .approved }.count
        return ApprovalLine(
            badge: t.approvalBadge(own), approvedBy: approval.approvedBy.isEmpty ? nil : approval.approvedBy.map(named).joined(separator: " → "),
            waitingFor: own.nextBody.map { t.waitingFor.replacingOccurrences(of: "{body}", with: named($0)) },
            reopened: approval.reopened.isEmpty ? nil : count(approval.reopened.count),
            below: below.isEmpty ? nil : t.unitsBelowSubmitted.replacingOccurrences(of: "{submitted}", with: count(submitted))
                .replacingOccurrences(of: "{count}", with: count(below.count)).replacingOccurrences(of: "{approved}", with: count(approved)),
            href: "/completeness?unit=\(unit.code.rawValue)&period=\(period)")
    }
}
