import Foundation
import StocktakeCore

/// A unit's evaluation rendered for people (table), programs (JSON) and spreadsheets (CSV).
struct EvaluationOutput {
    let review: UnitReview
    let indicators: [IndicatorCode: Indicator]
    /// The findings of the unit and of every unit below it.
    let findings: [Finding]
    let language = "en"
    let format = FigureFormatter.english

    var unit: OrgUnit { review.unit }
    var results: [IndicatorResult] { review.results }

    /// Scopes shown as columns: nationwide, then each kind of group the unit belongs to.
    var rankScopes: [PeerScope] { [.level] + unit.groups.keys.sorted().map { .group($0) } }

    func scopeTitle(_ scope: PeerScope) -> String {
        switch scope {
        case .level: "Rank (all \(unit.level)s)"
        case .parent: "Rank (same parent)"
        case .group(let kind): "Rank (\(kind))"
        }
    }

    // MARK: - Table

    func table() -> String {
        var out: [String] = []
        let synthetic = results.contains { r in review.ranks(for: r.indicator).values.contains { $0.syntheticPeers > 0 } }
        out.append("\(unit.names[language]) (\(unit.code)) — evaluation of \(review.period), as of \(review.asOf)")
        out.append("")
        var table = TextTable(["Indicator", "Actual", "Target", "Status", "Achievement", "Change on year earlier"] + rankScopes.map(scopeTitle), rightAligned: [1, 4])
        for result in results {
            guard let indicator = indicators[result.indicator] else { continue }
            let actual = result.actual.map { format.figure($0, indicator: indicator) + (result.own == nil ? " (roll-up)" : "") } ?? "—"
            let change = result.change.map(format.change) ?? ""
            let unitRanks = review.ranks(for: result.indicator)
            let ranks = rankScopes.map { format.rank(unitRanks[$0]) ?? "" }
            let name = indicator.names[language]
            if result.targets.isEmpty {
                table.add([name, actual, "", "", "", change] + ranks)
            }
            for (index, t) in result.targets.enumerated() {
                let achievement = format.achievement(t) ?? ""
                table.add([
                    index == 0 ? name : "", index == 0 ? actual : "",
                    format.bound(t.target, indicator: indicator, derived: t.derivedBound), format.status(t.status),
                    achievement, index == 0 ? change : "",
                ] + (index == 0 ? ranks : rankScopes.map { _ in "" }))
            }
        }
        out.append(table.render())
        out.append("")
        if let tasks = review.tasks {
            out.append("Key tasks \(review.period): \(tasks.done) of \(tasks.counted) done (\(tasks.doneOnTime) on time, \(tasks.doneLate) late); \(tasks.inProgress + tasks.notStarted) open, \(tasks.overdue) overdue, \(tasks.dropped) dropped")
        } else {
            out.append("Key tasks \(review.period): none recorded")
        }
        out.append("Findings: \(findings.isEmpty ? "none" : String(findings.count))")
        for finding in findings { out.append("  - [\(finding.code)] \(finding)") }
        var notes: [String] = []
        if results.contains(where: { $0.targets.contains { $0.derivedBound != nil } || $0.change?.reported == true }) {
            notes.append("Derived targets (≈) and stated changes come from the comparisons the source printed; they are not stored figures.")
        }
        if synthetic {
            notes.append("* Ranked among peers whose figures are SYNTHETIC, made by `stocktake generate` to match the ranks the sources report; they are not real data.")
        }
        if !notes.isEmpty { out.append(""); out += notes }
        return out.joined(separator: "\n")
    }

    // MARK: - JSON

    func json() -> String {
        let root = EvaluationJSON.unit(review, indicators: indicators, findings: findings, language: language)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(root)) ?? Data(), as: UTF8.self)
    }

    // MARK: - CSV

    func csv() -> String { EvaluationTable.unit(review).csv() }
}
