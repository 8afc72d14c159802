import Foundation
import StocktakeCore

/// Tables as an Excel workbook (SpreadsheetML in a ZIP, written here), one sheet per table: a bold header row
/// that stays in view and carries a filter, columns about as wide as their text, numbers as numbers and text as
/// inline strings (never formulas, so no cell can run).
///
/// A spreadsheet holds numbers as binary floating point, exact to 15 significant digits. A figure with more is
/// written as text, so the workbook shows it as stored instead of rounding it silently.
public enum XLSXWorkbook {
    public struct Sheet: Sendable {
        public var name: String
        public var table: DataTable

        public init(name: String, table: DataTable) {
            self.name = name
            self.table = table
        }
    }

    /// What a spreadsheet cannot hold: past these, Excel refuses the whole file.
    public enum Limit: Error, Equatable, CustomStringConvertible {
        case rows(sheet: String, count: Int)
        case columns(sheet: String, count: Int)
        case cellText(sheet: String, cell: String, length: Int)

        public var description: String {
            switch self {
            case .rows(let sheet, let count): "sheet \(sheet): \(count) rows, expected at most \(XLSXWorkbook.maximumRows) with the header"
            case .columns(let sheet, let count): "sheet \(sheet): \(count) columns, expected at most \(XLSXWorkbook.maximumColumns)"
            case .cellText(let sheet, let cell, let length): "sheet \(sheet), cell \(cell): \(length) UTF-16 units of text, expected at most \(XLSXWorkbook.maximumCellText)"
            }
        }
    }

    static let maximumRows = 1_048_576
    static let maximumColumns = 16_384
    static let maximumCellText = 32_767
    static let exactDigits = 15

    public static func render(_ sheets: [Sheet]) throws -> Data {
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", contentTypes(sheets: sheets.count)),
            ("_rels/.rels", packageRelationships),
            ("docProps/core.xml", core),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheets: sheets.count)),
            ("xl/styles.xml", styles),
        ]
        let names = sheetNames(sheets.map(\.name))
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", try worksheet(sheet.table, name: names[index])))
        }
        parts.append(("xl/workbook.xml", workbook(names: names, tables: sheets.map(\.table))))
        return try OfficePackage.zip(parts)
    }

    // MARK: - Sheets

    static func worksheet(_ table: DataTable, name: String) throws -> String {
        let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
        guard table.rows.count + 1 <= maximumRows else { throw Limit.rows(sheet: name, count: table.rows.count + 1) }
        guard width <= maximumColumns else { throw Limit.columns(sheet: name, count: width) }
        var widths = table.columns.map(\.unicodeScalars.count)
        widths += Array(repeating: 0, count: width - widths.count)
        var data = "<row r=\"1\">"
        for (column, title) in table.columns.enumerated() {
            data += try text(title, at: reference(column: column, row: 1), sheet: name, style: 1)
        }
        data += "</row>"
        for (index, row) in table.rows.enumerated() {
            let number = index + 2
            data += "<row r=\"\(number)\">"
            for (column, cell) in row.enumerated() {
                let at = reference(column: column, row: number)
                switch cell {
                case .text(let value):
                    data += try text(value, at: at, sheet: name, style: nil)
                    widths[column] = max(widths[column], value.unicodeScalars.count)
                case .number(let value):
                    let written = value.exactText
                    data += significantDigits(written) <= exactDigits ? "<c r=\"\(at)\"><v>\(written)</v></c>" : try text(written, at: at, sheet: name, style: nil)
                    widths[column] = max(widths[column], written.count)
                case .empty:
                    break
                }
            }
            data += "</row>"
        }
        let columns = widths.enumerated().map { column, scalars in
            "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(min(max(scalars, 6), 48) + 2)\" customWidth=\"1\"/>"
        }.joined()
        let range = "A1:\(reference(column: max(width, 1) - 1, row: table.rows.count + 1))"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <dimension ref="\(range)"/>\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            \(columns.isEmpty ? "" : "<cols>\(columns)</cols>")<sheetData>\(data)</sheetData>\
            \(width == 0 ? "" : "<autoFilter ref=\"\(range)\"/>")</worksheet>
            """
    }

    /// An inline string cell: `Escape.xml`, by Unicode scalar, spaces at either end kept.
    static func text(_ value: String, at reference: String, sheet: String, style: Int?) throws -> String {
        guard value.utf16.count <= maximumCellText else { throw Limit.cellText(sheet: sheet, cell: reference, length: value.utf16.count) }
        let space = value.first?.isWhitespace == true || value.last?.isWhitespace == true ? " xml:space=\"preserve\"" : ""
        return "<c r=\"\(reference)\" t=\"inlineStr\"\(style.map { " s=\"\($0)\"" } ?? "")><is><t\(space)>\(Escape.xml(value))</t></is></c>"
    }

    /// `A1`, `Z1`, `AA1`: the column in base-26 letters without a zero digit, then the row.
    static func reference(column: Int, row: Int) -> String {
        var letters = ""
        var rest = column + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            rest = (rest - 1) / 26
        }
        return letters + String(row)
    }

    /// The digits of an exact decimal string that a float must keep: leading zeros and the sign do not count.
    static func significantDigits(_ exact: String) -> Int {
        let digits = exact.unicodeScalars.filter { ("0"..."9").contains($0) }
        let trimmed = digits.drop { $0 == "0" }
        return exact.contains(".") ? trimmed.count : trimmed.reversed().drop { $0 == "0" }.count
    }

    /// Names a spreadsheet accepts: at most 31 characters, none of `: \ / ? * [ ]`, not starting or ending with
    /// `'`, and different from one another (compared as Excel does, without case).
    static func sheetNames(_ wanted: [String]) -> [String] {
        var taken: Set<String> = []
        return wanted.map { name in
            var clean = String(String.UnicodeScalarView(name.unicodeScalars.map { ":\\/?*[]".unicodeScalars.contains($0) || !Escape.isXMLCharacter($0) ? "_" : $0 }))
            clean = String(clean.trimmingCharacters(in: CharacterSet(charactersIn: "' ")).prefix(31))
            if clean.isEmpty { clean = "Sheet" }
            var candidate = clean
            var suffix = 2
            while taken.contains(candidate.lowercased()) {
                candidate = String(clean.prefix(31 - " (\(suffix))".count)) + " (\(suffix))"
                suffix += 1
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }

    // MARK: - Package parts

    static func workbook(names: [String], tables: [DataTable]) -> String {
        let sheets = names.enumerated().map { "<sheet name=\"\(Escape.xml($1))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
        // Excel finds a sheet's filter range by this hidden name.
        let filters = zip(names, tables).enumerated().compactMap { index, pair -> String? in
            let width = max(pair.1.columns.count, pair.1.rows.map(\.count).max() ?? 0)
            guard width > 0 else { return nil }
            let last = reference(column: width - 1, row: pair.1.rows.count + 1)
            let range = "'\(pair.0.replacingOccurrences(of: "'", with: "''"))'!$A$1:$\(last.prefix { $0.isLetter })$\(last.drop { $0.isLetter })"
            return "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">\(Escape.xml(range))</definedName>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets>\(sheets)</sheets>\(filters.isEmpty ? "" : "<definedNames>\(filters)</definedNames>")</workbook>
            """
    }

    static func contentTypes(sheets: Int) -> String {
        let overrides = (0..<sheets).map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            \(overrides)</Types>
            """
    }

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    static func workbookRelationships(sheets: Int) -> String {
        let worksheets = (0..<sheets).map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(worksheets)\
            <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """
    }

    static let core = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">\
        <dc:creator>Stocktake</dc:creator></cp:coreProperties>
        """

    /// Style 0 is the default; style 1, the header row, is bold on a light fill.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFF1F4F8"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """
}
