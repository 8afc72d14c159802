import Foundation

/// A table as a download gives it: named columns and cells that are text, exact numbers or empty. The one
/// table is written as CSV here and as an XLSX workbook by the reports, so both downloads hold the same cells.
public struct DataTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Decimal)
        case empty
    }

    public var columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180 lines, the header first, without a final line break. Numbers are exact decimal strings ('.'
    /// before decimals, no grouping); text a spreadsheet would run as a formula is written behind a `'`.
    public func csv() -> String {
        var lines = [columns.map(ObservationCSV.quote).joined(separator: ",")]
        for row in rows {
            lines.append(row.map { cell in
                switch cell {
                case .text(let text): ObservationCSV.quote(ObservationCSV.guarded(text))
                case .number(let number): number.exactText
                case .empty: ""
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }
}

extension DataTable.Cell {
    /// Text, or empty for an empty string.
    public static func text(orEmpty text: String?) -> Self { text.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
    /// A number, or empty for none.
    public static func number(orEmpty number: Decimal?) -> Self { number.map(Self.number) ?? .empty }

    /// A figure as its value and denominator cells: a share's part and whole, a value and an empty cell.
    public static func figure(_ figure: Figure?) -> (value: Self, denominator: Self) {
        switch figure {
        case .value(let v)?: (.number(v), .empty)
        case .share(let x, let y)?: (.number(x), .number(y))
        case nil: (.empty, .empty)
        }
    }
}
