import ArgumentParser
import StocktakeApp
import Foundation
import StocktakeCore
import StocktakeStore

struct AwardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "award", abstract: "Commendations: candidates proposed by the award rules with what qualifies them; accept or reject.",
        subcommands: [Candidates.self, Decide.self])

    struct Candidates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List each award rule's candidates for a year with the years and figures that qualify them, and the decisions taken.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var periodOptions: PeriodOptions
        @Option(help: "Only the rules of this awarding body, e.g. BG.") var body: String?

        func run() async throws {
            let (period, _) = try periodOptions.resolved()
            try await database.withStore { store in
                let rounds = try await store.awardRounds(in: period, body: body.flatMap(UnitCode.init(validating:)))
                if rounds.isEmpty { print("No award rules\(body.map { " of \($0)" } ?? "") are stored; import a review file with award_rules.") }
                for round in rounds {
                    print("\(round.rule.code) — \(round.rule.award["en"]): \(round.rule.title["en"]) (\(round.candidates.count == 1 ? "1 candidate" : "\(round.candidates.count) candidates"))")
                    var table = TextTable(["Unit", "Qualifies by", "Decision"])
                    for candidate in round.candidates {
                        let decision = round.decisions[candidate.unit]?.last.map { "\($0.accepted ? "accepted" : "rejected") (rev. \($0.revision))" } ?? "open"
                        table.add([candidate.unit.rawValue, candidate.evidence, decision])
                    }
                    if !round.candidates.isEmpty { print(table.render()) }
                    print("")
                }
            }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept or reject a candidate. A rejection needs a reason, as does any change to a decision.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var periodOptions: PeriodOptions
        @Option(help: "The award rule's code.") var rule: String
        @Option(help: "The candidate unit.") var unit: String
        @Flag(help: "Accept or reject: one of the two is required.") var decision: Choice
        @Option(help: "Why: required to reject or to change a decision.") var reason: String?
        @OptionGroup var acting: ActingOptions

        enum Choice: String, EnumerableFlag {
            case accept
            case reject
        }

        func run() async throws {
            let (period, _) = try periodOptions.resolved()
            try await database.withStore { store in
                let decided = try await Actions(store: store).decideAward(
                    body: nil, rule: rule, unit: unit, period: period, decision: decision.rawValue, reason: reason,
                    as: try await acting.account(in: store), via: .commandLine)
                print("\(rule) \(unit) \(period): \(decided.accepted ? "accepted" : "rejected"), revision \(decided.revision)")
            }
        }
    }
}
