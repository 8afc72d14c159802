import Foundation
import StocktakeCore

/// Everything a report of one unit and year is written from, as values: the unit's evaluation and its subtree's
/// findings, never a whole period's (the actions read it from the store: `Actions.reportInput`).
public struct ReportInput: Sendable {
    public let unit: OrgUnit
    public let period: Period
    /// The unit's results, ranks and tasks as of the day the report is prepared on.
    public let review: UnitReview
    public let indicators: [IndicatorCode: Indicator]
    /// The findings about the unit and every unit below it.
    public let findings: [Finding]
    /// The units a finding or an award names, by code.
    public let named: [UnitCode: OrgUnit]
    public let documents: [DocumentCode: Document]
    /// The unit's key tasks of the year, and the targets and key tasks of the year after.
    public let tasks: [KeyTask]
    public let nextTasks: [KeyTask]
    public let nextTargets: [Target]
    /// The confirmed ratings of the units directly below, the awards the unit gave, its closed votes of the year.
    public let ratings: [Rating]
    public let awards: [(rule: AwardRule, unit: UnitCode)]
    public let polls: [(poll: ConfidencePoll, tally: PollTally)]
    /// The day the report is prepared on, printed under the title.
    public let preparedOn: CalendarDate
    /// Where the unit's figures of the year stand on their way to final; nil when not asked.
    public let approval: ReportApproval?

    public enum InputError: Error, CustomStringConvertible {
        case unknownUnit(String)
        case notAYear(Period)

        public var description: String {
            switch self {
            case .unknownUnit(let code): "no unit has the code '\(code)'"
            case .notAYear(let period): "period \(period): the summary report is yearly; give a year such as 2024"
            }
        }
    }

    public init(
        unit: OrgUnit, period: Period, review: UnitReview, indicators: [IndicatorCode: Indicator], findings: [Finding], named: [UnitCode: OrgUnit],
        documents: [DocumentCode: Document], tasks: [KeyTask], nextTasks: [KeyTask], nextTargets: [Target], ratings: [Rating],
        awards: [(rule: AwardRule, unit: UnitCode)], polls: [(poll: ConfidencePoll, tally: PollTally)], preparedOn: CalendarDate,
        approval: ReportApproval? = nil
    ) {
        self.unit = unit
        self.period = period
        self.review = review
        self.indicators = indicators
        self.findings = findings
        self.named = named
        self.documents = documents
        self.tasks = tasks
        self.nextTasks = nextTasks
        self.nextTargets = nextTargets
        self.ratings = ratings
        self.awards = awards
        self.polls = polls
        self.preparedOn = preparedOn
        self.approval = approval
    }
}

/// Where a unit's figures of the year stand on their way to final, as a report states it, and whether the report
/// was limited to the approved ones.
public struct ReportApproval: Sendable {
    public let submission: UnitSubmission
    /// The names of the approving bodies.
    public let bodies: [UnitCode: LocalizedText]
    public let approvedOnly: Bool
    /// How many of the unit's results a report of approved figures only left out.
    public let leftOut: Int

    public init(submission: UnitSubmission, bodies: [UnitCode: LocalizedText], approvedOnly: Bool, leftOut: Int) {
        self.submission = submission
        self.bodies = bodies
        self.approvedOnly = approvedOnly
        self.leftOut = leftOut
    }
}
