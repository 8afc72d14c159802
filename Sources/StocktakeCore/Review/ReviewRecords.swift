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
    }

    public let at: Date
    public let username: String
    public let action: Action
    public let unit: UnitCode?
    public let subject: String
    public let detail: String

    public init(at: Date = Date(), username: String, action: Action, unit: UnitCode?, subject: String, detail: String) {
        self.at = at
        self.username = username
        self.action = action
        self.unit = unit
        self.subject = subject
        self.detail = detail
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
