import Foundation

// The records the review keeps of what people decided and changed: values the store reads and writes, the
// actions return, and the pages, the API and the reports show.

/// A decision on an award candidate as stored: accepted or rejected, with the evidence it was decided on.
public struct AwardDecision: Sendable, Hashable {
    public let rule: AwardRuleCode
    public let unit: UnitCode
    public let period: Period
    public let revision: Int
    public let accepted: Bool
    public let evidence: String
    public let reason: String?
    public let decidedBy: String
    public let decidedAt: Date

    public init(rule: AwardRuleCode, unit: UnitCode, period: Period, revision: Int, accepted: Bool, evidence: String, reason: String?, decidedBy: String, decidedAt: Date) {
        self.rule = rule
        self.unit = unit
        self.period = period
        self.revision = revision
        self.accepted = accepted
        self.evidence = evidence
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}

/// A confirmed rating as stored: the grade a person confirmed, the proposal beside it, and why they differ.
public struct ConfirmedRating: Sendable, Hashable {
    public let unit: UnitCode
    public let period: Period
    public let revision: Int
    public let grade: RatingRule.Grade
    public let proposed: RatingRule.Grade
    public let score: Decimal
    public let ruleVersion: String
    public let evidence: String
    public let reason: String?
    public let confirmedBy: String
    public let confirmedAt: Date

    public init(unit: UnitCode, period: Period, revision: Int, grade: RatingRule.Grade, proposed: RatingRule.Grade, score: Decimal, ruleVersion: String, evidence: String, reason: String?, confirmedBy: String, confirmedAt: Date) {
        self.unit = unit
        self.period = period
        self.revision = revision
        self.grade = grade
        self.proposed = proposed
        self.score = score
        self.ruleVersion = ruleVersion
        self.evidence = evidence
        self.reason = reason
        self.confirmedBy = confirmedBy
        self.confirmedAt = confirmedAt
    }
}

/// One write, as the audit trail keeps it: who did what to which unit's data, and when.
public struct AuditEvent: Sendable, Hashable {
    public enum Action: String, Sendable, CaseIterable {
        case observationEntered = "observation_entered"
        case observationCorrected = "observation_corrected"
        case taskStatusChanged = "task_status_changed"
        case imported
        case ratingConfirmed = "rating_confirmed"
        case reviewImported = "review_imported"
        case awardDecided = "award_decided"
        case conclusionMadeTask = "conclusion_made_task"
        case pollOpened = "poll_opened"
        case pollClosed = "poll_closed"
        case secretaryNamed = "secretary_named"
        case figuresSubmitted = "figures_submitted"
        case figuresApproved = "figures_approved"
        case figuresReturned = "figures_returned"
        case figureReopened = "figure_reopened"
        case deadlineSet = "deadline_set"
    }

    public let at: Date
    public let username: String
    public let action: Action
    public let unit: UnitCode?
    public let subject: String
    public let detail: String
    /// The period the change is about, when it is about one.
    public let period: Period?
    /// The value before and after the change, when it changed one (a figure, a status, a grade).
    public let before: String?
    public let after: String?

    public init(
        at: Date = Date(), username: String, action: Action, unit: UnitCode?, subject: String, detail: String,
        period: Period? = nil, before: String? = nil, after: String? = nil
    ) {
        self.at = at
        self.username = username
        self.action = action
        self.unit = unit
        self.subject = subject
        self.detail = detail
        self.period = period
        self.before = before
        self.after = after
    }

    /// Which events an audit query returns: each filter left nil takes all.
    public struct Filter: Sendable, Hashable {
        /// The unit whose subtree's events are shown; nil for all, events without a unit included.
        public var under: UnitCode?
        public var username: String?
        public var actions: Set<Action>?
        public var period: Period?
        /// From the first instant of `from` to the last of `through`, in UTC.
        public var from: CalendarDate?
        public var through: CalendarDate?

        public init(
            under: UnitCode? = nil, username: String? = nil, actions: Set<Action>? = nil, period: Period? = nil,
            from: CalendarDate? = nil, through: CalendarDate? = nil
        ) {
            self.under = under
            self.username = username
            self.actions = actions
            self.period = period
            self.from = from
            self.through = through
        }
    }

    /// The way a change came in, as the end of an audit row's detail: " (page)", " (API)", " (command line)".
    public static func door(_ door: String?) -> String {
        door.map { " (\($0))" } ?? ""
    }

    /// What an audit record keeps of an imported file: its name, not the folders it was read from, which would
    /// show readers of the audit page where the server keeps its files.
    public static func fileName(_ path: String) -> String {
        let name = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return name.isEmpty ? path : name
    }
}

public struct TaskStatusChange: Sendable, Hashable {
    public let revision: Int
    public let status: String
    public let completedOn: String?
    public let changedBy: String
    public let changedAt: Date
    public let note: String

    public init(revision: Int, status: String, completedOn: String?, changedBy: String, changedAt: Date, note: String) {
        self.revision = revision
        self.status = status
        self.completedOn = completedOn
        self.changedBy = changedBy
        self.changedAt = changedAt
        self.note = note
    }
}
