import Foundation
import Hummingbird
import StocktakeCore
import StocktakeReports

/// A file the browser saves rather than shows: a report, or a page's table as CSV or as an Excel workbook.
enum Download {
    enum TableFormat: String, CaseIterable {
        case csv, xlsx
    }

    static func file(_ data: Data, type: String, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The table in `format`, saved as `name` with the format's extension; the workbook's one sheet is `sheet`.
    static func table(_ table: DataTable, format: TableFormat, name: String, sheet: String) throws -> Response {
        switch format {
        case .csv:
            file(Data((table.csv() + "\n").utf8), type: "text/csv; charset=utf-8", name: "\(name).csv")
        case .xlsx:
            file(try XLSXWorkbook.render([.init(name: sheet, table: table)]),
                 type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "\(name).xlsx")
        }
    }
}
