import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore

struct RatingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rating", abstract: "A body's rating round: proposals with their evidence, confirmation and override.",
        subcommands: [Propose.self, Confirm.self])

    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose ratings for the units directly below a body, under the rule chosen for the year, beside any confirmed ones.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var periodOptions: PeriodOptions
        @Option(help: "The rating body, e.g. BG.") var body: String

        func run() async throws {
            let (period, asOf) = try periodOptions.resolved()
            try await database.withStore { store in
                let round = try await RatingRound.load(store, body: body, period: period, asOf: asOf)
                print("Rating of the units below \(round.body) for \(period) under rule \(round.rule.version): at most \(round.quota) excellent (\(round.rule.quotaPercent)% of \(round.rule.quotaBase == .all ? "all rated" : "those good or better"), rounded down).")
                var table = TextTable(["Unit", "Score", "Targets met", "Tasks on time", "Findings", "Earned", "Proposed", "Confirmed"], rightAligned: [1])
                for p in round.proposals {
                    let e = p.evidence
                    let confirmed = round.confirmed[p.unit]?.last.map { "\($0.grade.rawValue) (rev. \($0.revision))" } ?? "—"
                    table.add([
                        p.unit.rawValue, p.score.rounded(2).exactText, "\(e.targetsMet)/\(e.targetsAssessed)", "\(e.tasksOnTime)/\(e.tasksCounted)",
                        "\(e.findings)", p.earned.rawValue, p.proposed.rawValue + (p.limitedByQuota ? " (quota)" : ""), confirmed,
                    ])
                }
                print(table.render())
                if !round.unrated.isEmpty { print("Not rated (no assessed target or counted task): \(round.unrated.map(\.rawValue).joined(separator: ", "))") }
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Confirm a proposal, or override it with a reason. A confirmed rating is locked: a change is a new revision with a reason.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var periodOptions: PeriodOptions
        @Option(help: "The rating body, e.g. BG.") var body: String
        @Option(help: "The unit rated; omit with --all.") var unit: String?
        @Flag(help: "Confirm every unconfirmed proposal of the body as proposed.") var all = false
        @Option(help: "excellent, good, completed or not_completed; defaults to the proposed grade.") var grade: RatingRule.Grade?
        @Option(help: "Why the grade differs from the proposal, or why a confirmed rating changes.") var reason: String?
        @Option(help: "Who confirms.") var by: String = Input.currentUser

        func run() async throws {
            let (period, asOf) = try periodOptions.resolved()
            guard all != (unit != nil) else { throw ValidationError("give either --unit CODE or --all") }
            try await database.withStore { store in
                let round = try await RatingRound.load(store, body: body, period: period, asOf: asOf)
                let chosen = all ? round.proposals.filter { round.confirmed[$0.unit] == nil } : round.proposals.filter { $0.unit.rawValue == unit }
                if !all && chosen.isEmpty {
                    throw ValidationError("--unit '\(unit ?? "")' has no proposal under \(round.body) in \(period): expected one of \(round.proposals.map(\.unit.rawValue).joined(separator: ", "))")
                }
                for proposal in chosen {
                    do {
                        let revision = try await store.confirmRating(proposal, period: period, grade: grade ?? proposal.proposed, rule: round.rule, reason: reason, by: by)
                        print("\(proposal.unit) \(period): \((grade ?? proposal.proposed).rawValue), revision \(revision)")
                    } catch let error as RatingError {
                        throw ValidationError("\(proposal.unit): \(error)")
                    }
                }
                if chosen.isEmpty { print("Nothing to confirm: every proposal under \(round.body) for \(period) is confirmed.") }
            }
        }
    }
}

extension RatingRule.Grade: ExpressibleByArgument {}

/// A body's rating round read from the store: the year's rule, the proposals, and the confirmed revisions.
struct RatingRound {
    let body: UnitCode
    let rule: RatingRule
    let proposals: [RatingRule.Proposal]
    let quota: Int
    let unrated: [UnitCode]
    let confirmed: [UnitCode: [ConfirmedRating]]

    /// The round read from the store for the body alone: the reviews of the units it rates, the rule, the
    /// confirmed revisions.
    static func load(_ store: Store, body text: String, period: Period, asOf: CalendarDate) async throws -> RatingRound {
        guard let body = UnitCode(validating: text), try await store.units(codes: [body]).first != nil else { throw ValidationError("--body '\(text)' is not a stored unit") }
        let rule = try await store.ratingRule(for: period)
        let (proposals, quota, unrated) = rule.round(of: try await store.ratedReviews(of: body, period: period, asOf: asOf))
        let confirmed = Dictionary(grouping: try await store.ratings(period: period), by: \.unit)
        return RatingRound(body: body, rule: rule, proposals: proposals, quota: quota, unrated: unrated, confirmed: confirmed)
    }
}
