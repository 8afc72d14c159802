import ArgumentParser
import StocktakeApp
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
                let round = try await Actions(store: store).ratingRound(body: body, period: period, asOf: asOf)
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
        @OptionGroup var acting: ActingOptions

        func run() async throws {
            let (period, asOf) = try periodOptions.resolved()
            guard all != (unit != nil) else { throw ValidationError("give either --unit CODE or --all") }
            try await database.withStore { store in
                let actions = Actions(store: store)
                let account = try await acting.account(in: store)
                if let unit {
                    let rating = try await actions.confirmRating(
                        body: body, unit: unit, period: period, grade: grade?.rawValue, reason: reason, asOf: asOf, as: account, via: .commandLine)
                    print("\(rating.unit) \(period): \(rating.grade.rawValue), revision \(rating.revision)")
                    return
                }
                let confirmed = try await actions.confirmAllRatings(body: body, period: period, asOf: asOf, as: account, via: .commandLine)
                for rating in confirmed { print("\(rating.unit) \(period): \(rating.grade.rawValue), revision \(rating.revision)") }
                if confirmed.isEmpty { print("Nothing to confirm: every proposal under \(body) for \(period) is confirmed.") }
            }
        }
    }
}

extension RatingRule.Grade: ExpressibleByArgument {}
