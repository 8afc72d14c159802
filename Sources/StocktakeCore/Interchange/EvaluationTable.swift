import Foundation

/// A unit's evaluation as a table, one row per target (or per indicator without one): what `stocktake evaluate
/// --format csv` prints and the dashboard's CSV and XLSX downloads give. Figures are exact numbers, codes not
/// names, so a spreadsheet reads every cell as the data it is.
public enum EvaluationTable {
    public static let columns = [
        "unit", "indicator", "actual", "denominator", "target", "bound", "target_value", "status", "achievement_percent", "gap_points",
        "change", "change_unit", "change_stated", "rank_level", "rank_level_of", "synthetic",
    ]

    public static func unit(_ review: UnitReview) -> DataTable {
        var table = DataTable(columns: columns)
        for r in review.results {
            let (actual, denominator) = DataTable.Cell.figure(r.actual)
            let change: [DataTable.Cell] = r.change.map { [.number($0.value.rounded(4)), .text($0.inPoints ? "points" : "percent"), .text($0.reported ? "true" : "false")] }
                ?? [.empty, .empty, .empty]
            let rank = review.ranks(for: r.indicator)[.level]
            let common: [DataTable.Cell] = [.text(r.unit.rawValue), .text(r.indicator.rawValue), actual, denominator]
            let tail = change + [.number(orEmpty: rank.map { Decimal($0.position) }), .number(orEmpty: rank.map { Decimal($0.of) }), .text(r.isSynthetic ? "true" : "false")]
            if r.targets.isEmpty { table.rows.append(common + Array(repeating: .empty, count: 6) + tail) }
            for t in r.targets {
                // A bound derived from another unit's figure is an estimate, marked as such with '~'.
                let value: DataTable.Cell = t.target.bound.value.map(DataTable.Cell.number) ?? .text(orEmpty: t.derivedBound.map { "~" + $0.estimate.rounded(4).exactText })
                table.rows.append(common + [.text(t.target.code.rawValue), .text(t.target.bound.name), value, .text(t.status.rawValue),
                                            .number(orEmpty: t.achievement.map { ($0 * 100).rounded(4) }), .number(orEmpty: t.gapPoints.map { $0.rounded(4) })] + tail)
            }
        }
        return table
    }
}
