import Foundation

/// One step of a unit's figures for a period on their way to final: submitted by the unit, approved or returned by
/// the bodies above it one level at a time, one figure reopened by an approving body. Steps are appended, never
/// changed; the state is what they add up to (``Approval``).
public struct ApprovalStep: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case submitted, approved, returned, reopened
    }

    public var unit: UnitCode
    public var period: Period
    /// 1, 2, 3, … in the order the steps were taken for this unit and period.
    public var sequence: Int
    public var kind: Kind
    /// The body that approved, returned or reopened; nil for a submission, which is the unit's own.
    public var body: UnitCode?
    /// The one figure a reopening is for.
    public var indicator: IndicatorCode?
    public var by: String
    public var at: Date
    public var reason: String?

    public init(
        unit: UnitCode, period: Period, sequence: Int, kind: Kind, body: UnitCode? = nil, indicator: IndicatorCode? = nil,
        by: String, at: Date, reason: String? = nil
    ) {
        self.unit = unit
        self.period = period
        self.sequence = sequence
        self.kind = kind
        self.body = body
        self.indicator = indicator
        self.by = by
        self.at = at
        self.reason = reason
    }
}

/// Where a unit's figures for a period stand, folded from its steps.
///
/// - Until submitted, or after being returned, the unit's editors enter and correct freely.
/// - A submission locks the figures: what the body above looks at does not change under it.
/// - Each approval is by the next body up (district, then province, …); the last body of the chain makes them final.
/// - A return, by the body whose turn it is, sends them back to the unit with a reason and clears the approvals.
/// - A reopening unlocks one figure, by a body that has approved, with a reason; approving again at the level
///   of the last approval locks it again. The other figures stay locked throughout.
public struct Approval: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable {
        /// Not submitted yet.
        case open
        case submitted
        /// Sent back to the unit with a reason.
        case returned
        /// Approved by one or more of the bodies above (by all of them: final, ``isFinal(chain:)``).
        case approved
    }

    public private(set) var status: Status = .open
    /// The bodies that approved since the last submission, lowest first.
    public private(set) var approvedBy: [UnitCode] = []
    /// Figures unlocked by a reopening since the last approval.
    public private(set) var reopened: Set<IndicatorCode> = []
    /// When the figures were last submitted: the day lateness is judged by.
    public private(set) var submittedAt: Date?
    /// Who submitted them last.
    public private(set) var submittedBy: String?
    public private(set) var steps: [ApprovalStep] = []

    /// The state of `steps`, the steps of one unit and period.
    public init(steps: [ApprovalStep]) {
        for step in steps.sorted(by: { $0.sequence < $1.sequence }) { apply(step) }
    }

    public init() {}

    private mutating func apply(_ step: ApprovalStep) {
        steps.append(step)
        switch step.kind {
        case .submitted:
            status = .submitted
            approvedBy = []
            reopened = []
            submittedAt = step.at
            submittedBy = step.by
        case .returned:
            status = .returned
            approvedBy = []
            reopened = []
        case .approved:
            if reopened.isEmpty, let body = step.body { approvedBy.append(body) }
            reopened = []
            status = .approved
        case .reopened:
            if let indicator = step.indicator { reopened.insert(indicator) }
        }
    }

    /// The bodies that approve a unit's figures, lowest first: the units above it; the top unit approves its own.
    public static func approvingBodies(lineage: [UnitCode]) -> [UnitCode] {
        lineage.count > 1 ? Array(lineage.dropFirst()) : lineage
    }

    /// Whether every body of `chain` (``approvingBodies(lineage:)``) has approved, and nothing is reopened.
    public func isFinal(chain: [UnitCode]) -> Bool {
        status == .approved && reopened.isEmpty && approvedBy.count >= chain.count
    }

    /// Whether a figure of `indicator` may not be entered or corrected now.
    public func isLocked(_ indicator: IndicatorCode) -> Bool {
        status != .open && status != .returned && !reopened.contains(indicator)
    }

    /// Whether the figures count as approved: approved by at least the body directly above, and not reopened.
    public func isApproved(_ indicator: IndicatorCode) -> Bool {
        !approvedBy.isEmpty && !reopened.contains(indicator)
    }

    /// The body whose turn it is to approve or return: the next one up, or the last approving body again after
    /// a reopening; nil when there is nothing to approve.
    public func nextBody(chain: [UnitCode]) -> UnitCode? {
        switch status {
        case .open, .returned: nil
        case .submitted: chain.first
        case .approved:
            if !reopened.isEmpty { approvedBy.last } else if approvedBy.count < chain.count { chain[approvedBy.count] } else { nil }
        }
    }

    /// What a person asks to do to a unit's figures.
    public enum Request: Sendable, Hashable {
        case submit
        case approve
        case `return`(reason: String)
        case reopen(IndicatorCode, reason: String)

        public var kind: ApprovalStep.Kind {
            switch self {
            case .submit: .submitted
            case .approve: .approved
            case .return: .returned
            case .reopen: .reopened
            }
        }
    }

    /// Why a request does not fit the state; every door says it as it is.
    public struct NotNow: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
    }

    /// The body that acts for `request` now (nil for a submission, which is the unit's), or why it cannot be done.
    /// Who may act for that body is the caller's check: an account whose remit holds it.
    public func actingBody(for request: Request, unit: UnitCode, period: Period, chain: [UnitCode]) throws(NotNow) -> UnitCode? {
        let figures = "the figures of \(unit) for \(period)"
        switch request {
        case .submit:
            guard status == .open || status == .returned else {
                throw NotNow(description: "\(figures) are \(status.rawValue) already; a return by the body above reopens them for another submission")
            }
            return nil
        case .approve, .return:
            guard let body = nextBody(chain: chain) else {
                if status == .approved { throw NotNow(description: "\(figures) are final: approved by \(approvedBy.map(\.rawValue).joined(separator: ", "))") }
                throw NotNow(description: "\(figures) are not submitted: there is nothing to \(request.kind == .approved ? "approve" : "return")")
            }
            return body
        case .reopen(let indicator, _):
            guard let body = approvedBy.last else {
                throw NotNow(description: "\(figures) are not approved: only an approved figure is reopened (status \(status.rawValue))")
            }
            guard !reopened.contains(indicator) else {
                throw NotNow(description: "\(indicator) of \(unit) for \(period) is reopened already; it is corrected, then approved again by \(body)")
            }
            return body
        }
    }
}

/// A reporting deadline: the day by which units of `level` submit their figures for `period`.
public struct ReportingDeadline: Sendable, Hashable {
    public var period: Period
    public var level: Level
    public var day: CalendarDate

    public init(period: Period, level: Level, day: CalendarDate) {
        self.period = period
        self.level = level
        self.day = day
    }
}

/// A unit's submission for a period as a reviewing body follows it: where its figures stand, who acts next, and
/// whether it came by the deadline of its level.
public struct UnitSubmission: Sendable, Hashable {
    public enum Timeliness: String, Sendable, CaseIterable {
        /// Submitted on or before the deadline.
        case onTime = "on_time"
        /// Submitted after the deadline.
        case late
        /// Not submitted, and the deadline has passed.
        case overdue
        /// Not submitted; the deadline is still ahead.
        case due
        /// Its level has no deadline for the period.
        case noDeadline = "no_deadline"
    }

    public let unit: UnitCode
    public let approval: Approval
    /// The bodies that approve it, lowest first.
    public let chain: [UnitCode]
    public let deadline: ReportingDeadline?
    public let timeliness: Timeliness

    public init(unit: UnitCode, steps: [ApprovalStep], chain: [UnitCode], deadline: ReportingDeadline?, today: CalendarDate) {
        self.unit = unit
        approval = Approval(steps: steps)
        self.chain = chain
        self.deadline = deadline
        let submitted = approval.status == .open || approval.status == .returned ? nil : approval.submittedAt.map(CalendarDate.utcDay)
        timeliness = switch (deadline, submitted) {
        case (nil, _): .noDeadline
        case (let d?, let day?): day > d.day ? .late : .onTime
        case (let d?, nil): today > d.day ? .overdue : .due
        }
    }

    /// The body whose turn it is to approve or return, if any.
    public var nextBody: UnitCode? { approval.nextBody(chain: chain) }
    public var isFinal: Bool { approval.isFinal(chain: chain) }
}

extension CalendarDate {
    /// The day in UTC that `date` falls on.
    public static func utcDay(_ date: Date) -> CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        // A day Calendar gave is a valid day.
        return try! CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
