import Foundation
import StocktakeCore
import StocktakeReports
import StocktakeStore

/// What the reports and the figure check are written from, read from the store for one unit: the reports take
/// their input as values and never see the store.
extension Actions {
    /// `reader` is who the report is for: it holds only the votes whose tally ``PollAccess`` lets them see.
    /// `approvedOnly` limits it to the figures approved by at least the body above (``Approval/isApproved(_:)``).
    public func reportInput(unit code: String, period: Period, asOf: CalendarDate, reader: PollReader, approvedOnly: Bool = false) async throws -> ReportInput {
        guard case .year = period else { throw ReportInput.InputError.notAYear(period) }
        guard let unitCode = UnitCode(validating: code), var review = try await store.unitReview(of: unitCode, period: period, asOf: asOf) else {
            throw ReportInput.InputError.unknownUnit(code)
        }
        let unit = review.unit
        let submission = try await submissions(of: [unit], period: period, today: asOf)[0]
        var leftOut = 0
        if approvedOnly {
            let approved = Set(review.results.map(\.indicator).filter { submission.approval.isApproved($0) })
            leftOut = review.results.count - approved.count
            review = review.limited(to: approved)
        }
        let bodies = try await store.unitsByCode(submission.chain).mapValues(\.names)
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
            polls: polls, preparedOn: asOf,
            approval: ReportApproval(submission: submission, bodies: bodies, approvedOnly: approvedOnly, leftOut: leftOut))
    }

    /// The unit's figures of `period` as the store holds them (latest revisions, roll-ups where it has none),
    /// read from the maintained figures: the unit's rows alone, not an evaluation of the period.
    public func storedFigures(unit code: String, period: Period) async throws -> StoredFigures {
        guard let unit = UnitCode(validating: code), try await !store.units(codes: [unit]).isEmpty else {
            throw ReportInput.InputError.unknownUnit(code)
        }
        let figures = try await store.unitFigures(period: period, units: [unit])
        return StoredFigures(
            unit: unit, period: period, indicators: try await store.indicators(),
            figures: Dictionary(figures.compactMap { key, figure in figure.actual.map { (key.indicator, $0) } }, uniquingKeysWith: { a, _ in a }))
    }
}
