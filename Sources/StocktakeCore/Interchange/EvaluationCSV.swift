import Foundation

/// A unit's evaluation as CSV, one row per target (or per indicator without one): what `stocktake evaluate
/// --format csv` prints and the dashboard's download gives. Figures are exact decimal strings, codes not names,
/// so a spreadsheet reads every cell as the data it is.
public enum EvaluationCSV {
    public static let header = "unit,indicator,actual,denominator,target,bound,target_value,status,achievement_percent,gap_points,change,change_unit,change_stated,rank_level,rank_level_of,synthetic"

    public static func unit(_ review: UnitReview) -> String {
        var lines = [header]
        for r in review.results {
            var actual = ""
            var denominator = ""
            switch r.actual {
            case .value(let v)?: actual = v.exactText
            case .share(let x, let y)?: (actual, denominator) = (x.exactText, y.exactText)
            case nil: break
            }
            let change = r.change.map { ($0.value.rounded(4).exactText, $0.inPoints ? "points" : "percent", $0.reported ? "true" : "false") } ?? ("", "", "")
            let rank = review.ranks(for: r.indicator)[.level]
            let common = [r.unit.rawValue, r.indicator.rawValue, actual, denominator]
            let tail = [change.0, change.1, change.2, rank.map { String($0.position) } ?? "", rank.map { String($0.of) } ?? "", r.isSynthetic ? "true" : "false"]
            if r.targets.isEmpty { lines.append((common + ["", "", "", "", "", ""] + tail).map(ObservationCSV.quote).joined(separator: ",")) }
            for t in r.targets {
                let value = t.target.bound.value?.exactText ?? t.derivedBound.map { "~" + $0.estimate.rounded(4).exactText } ?? ""
                let row = common + [t.target.code.rawValue, t.target.bound.name, value, t.status.rawValue,
                                    t.achievement.map { ($0 * 100).rounded(4).exactText } ?? "", t.gapPoints.map { $0.rounded(4).exactText } ?? ""] + tail
                lines.append(row.map(ObservationCSV.quote).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n")
    }
}
