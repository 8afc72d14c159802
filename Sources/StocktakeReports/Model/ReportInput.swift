import Foundation
import StocktakeCore
import StocktakeStore

/// Everything a report of one unit and year is written from, read from the store for that unit: its evaluation
/// (``RecordAccess/unitReview(of:period:asOf:)``) and its subtree's findings, never a whole period's.
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

    /// `reader` is who the report is for: it holds only the votes whose tally ``PollAccess`` lets them see.
    public static func load(from store: Store, unit code: String, period: Period, asOf: CalendarDate, reader: PollReader) async throws -> ReportInput {
        guard case .year = period else { throw InputError.notAYear(period) }
        guard let unitCode = UnitCode(validating: code), let review = try await store.unitReview(of: unitCode, period: period, asOf: asOf) else {
            throw InputError.unknownUnit(code)
        }
        let unit = review.unit
        let documents = Dictionary(uniqueKeysWithValues: try await store.documents().map { ($0.code, $0) })
        let tasks = try await store.tasks(periods: [period, period.next], units: [unit.code])
        let below = Set(try await store.children(of: unit.code).filter { $0.isActive(in: period) }.map(\.code))
        let findings = try await store.subtreeFindings(of: unit.code, period: period, asOf: asOf)
        let awards = try await store.acceptedAwards(in: period, body: unit.code).map { ($0.rule, $0.decision.unit) }
        let named = try await store.units(codes: Array(Set(findings.map(\.unit) + awards.map(\.1))))
        var polls: [(ConfidencePoll, PollTally)] = []
        for poll in try await store.polls() where poll.unit == unit.code && poll.period == period {
            guard try await store.access(to: poll, for: reader).maySeeTally(of: poll) else { continue }
            polls.append((poll, try await store.tally(poll.code.rawValue, for: reader)))
        }
        return ReportInput(
            unit: unit, period: period, review: review, indicators: try await store.indicatorsByCode(), findings: findings,
            named: Dictionary(named.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }), documents: documents,
            tasks: tasks.filter { $0.period == period }, nextTasks: tasks.filter { $0.period == period.next },
            nextTargets: try await store.targets(periods: [period.next], units: [unit.code]),
            ratings: try await store.latestRatings().filter { $0.period == period && below.contains($0.unit) },
            awards: awards,
            polls: polls, preparedOn: asOf)
    }
}
