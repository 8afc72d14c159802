import ArgumentParser
import StocktakeApp
import Foundation
import StocktakeCore
import StocktakeStore

/// The review side of the demo: Bac Giang's 2024 rating round confirmed, the award proposals it leads to (the
/// certificates of merit accepted, the cluster flags left for a person to decide), the open vote for the demo's
/// accounts, and a closed example vote with its tally.
extension DemoCommand {
    static let secretary = Username(unchecked: "bacgiang")

    /// The closed example: a roll the size of a provincial Party committee, with ballots drawn at random (seeded),
    /// cast through the same path as the web's ballots. The officials are placeholders, not real people.
    static let example = ConfidencePoll(
        code: PollCode(unchecked: "BG-2024-confidence-example"), title: "Lấy phiếu tín nhiệm 2024 — ví dụ đã kết thúc (demo)",
        unit: UnitCode(unchecked: "BG"), period: .year(2024),
        officials: [.init(name: "Official A (demo)", position: "Deputy Secretary"), .init(name: "Official B (demo)", position: "Head of the Organization Committee"),
                    .init(name: "Official C (demo)", position: "Head of the Propaganda Department")],
        base: .cast)

    /// Ratings and awards of `period` as of `asOf`, read from the store as every door reads them, and decided
    /// through the same actions, as the demo's administrator and the province's secretary.
    func runReview(store: Store, files: [String], period: Period, asOf: CalendarDate, key: BallotKey, printing: Bool) async throws -> String {
        var review = LocatedReview(file: files.joined(separator: ", "))
        for file in files { review.append(try Input.readReview(file)) }
        let actions = Actions(store: store)
        let admin = try await actions.account(named: "admin")
        let secretary = try await actions.account(named: Self.secretary.rawValue)
        let plan = try await actions.importReview(review, as: admin, via: .commandLine)
        try await actions.nameSecretary(secretary.username.rawValue, of: "BG", as: admin, via: .commandLine)

        let round = try await actions.ratingRound(body: "BG", period: period, asOf: asOf)
        try await actions.confirmAllRatings(body: "BG", period: period, asOf: asOf, as: secretary, via: .commandLine)
        let rounds = try await store.awardRounds(in: period)
        for awardRound in rounds where awardRound.rule.code.rawValue.hasPrefix("BG-MERIT") {
            for candidate in awardRound.candidates {
                try await actions.decideAward(
                    body: "BG", rule: awardRound.rule.code.rawValue, unit: candidate.unit.rawValue, period: period, decision: "accept", reason: nil,
                    as: secretary, via: .commandLine)
            }
        }

        // The open vote's roll: the demo's voting accounts and four more committee members, so that it reaches
        // the smallest roll a vote may have.
        let members = (1...4).map { Username(unchecked: String(format: "member-%02d", $0)) }
        try await actions.openPoll(
            Self.poll, roll: Self.accounts.filter { $0.role != .administrator }.map(\.username) + members, key: key, as: secretary, via: .commandLine)
        let roll = (1...49).map { Username(unchecked: String(format: "member-%02d", $0)) }
        try await actions.openPoll(Self.example, roll: roll, key: key, as: secretary, via: .commandLine)
        var random = SeededGenerator(seed: 2024)
        let weights: [(ConfidencePoll.Answer, Int)] = [(.high, 55), (.confidence, 33), (.low, 9), (.blank, 3)]
        for voter in roll.prefix(47) {
            let answers = Self.example.officials.map { _ in
                var draw = Int.random(in: 0..<100, using: &random)
                return weights.first { draw -= $0.1; return draw < 0 }!.0
            }
            let member = Account(username: voter, role: .viewer, unit: nil, language: "vi")
            _ = try await actions.castBallot(Self.example.code.rawValue, answers: answers, key: key, as: member, via: .commandLine)
        }
        try await actions.closePoll(Self.example.code.rawValue, key: key, as: secretary, via: .commandLine)

        guard printing else { return "" }
        let mentioned = Set(round.proposals.map(\.unit) + rounds.flatMap { $0.candidates.map(\.unit) }) as Set<UnitCode>
        let names = try await store.unitsByCode(mentioned).mapValues { $0.names["en"] }
        var lines = ["Review: imported \(plan.recordCount) review records (rating rule \(round.rule.version), \(plan.ratings.count) ratings of 2020–2023, \(plan.awardRules.count) award rules, \(plan.conferences.count) conferences)."]
        lines.append("Ratings \(period) of the units below Bac Giang, confirmed as proposed (at most \(round.quota) excellent):")
        var table = TextTable(["Unit", "Score", "Rating"], rightAligned: [1])
        for p in round.proposals { table.add([names[p.unit] ?? p.unit.rawValue, p.score.rounded(2).exactText, p.proposed.rawValue]) }
        lines.append(table.render())
        lines.append("")
        lines.append("Commendation proposals \(period):")
        for awardRound in rounds {
            let decided = awardRound.rule.code.rawValue.hasPrefix("BG-MERIT") ? "accepted" : "proposed, not yet decided"
            for candidate in awardRound.candidates {
                lines.append("  \(awardRound.rule.award["en"]) — \(awardRound.rule.title["en"]): \(names[candidate.unit] ?? candidate.unit.rawValue) [\(decided)] (\(candidate.evidence))")
            }
        }
        lines.append("")
        lines.append("Closed example vote \(Self.example.code):")
        lines.append(PollCommand.render(try await store.tally(Self.example.code.rawValue, for: .console)))
        return lines.joined(separator: "\n")
    }
}
