import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StocktakeCore
import StocktakeTestSupport
import Testing

@testable import StocktakeReports

@Suite struct XLSXWorkbookTests {
    static let table = DataTable(columns: ["unit", "indicator", "actual"], rows: [
        [.text("BG"), .text("budget_revenue"), .number(Decimal(string: "20699.5")!)],
        [.text("=HYPERLINK(\"http://x\")"), .text(" padded "), .empty],
        // 35 digits: more than a spreadsheet's floating point holds, so it stays text and exact.
        [.text("BG"), .text("hostile"), .number(Decimal(string: "12345678901234567890123456789012345")!)],
        [.text("BG"), .text("small"), .number(Decimal(string: "-0.000125")!)],
    ])

    @Test func aTableBecomesOneSheetWithItsCellsTyped() throws {
        let parts = try PackageParts.read(try XLSXWorkbook.render([.init(name: "BG-2024", table: Self.table)]))
        #expect(Set(parts.keys) == ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                                    "xl/worksheets/sheet1.xml", "xl/workbook.xml"])
        for (path, xml) in parts {
            let parser = XMLParser(data: Data(xml.utf8))
            #expect(parser.parse(), "\(path): \(parser.parserError.map(String.init(describing:)) ?? "")")
        }
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<c r=\"A1\" t=\"inlineStr\" s=\"1\"><is><t>unit</t></is></c>"))
        #expect(sheet.contains("<c r=\"C2\"><v>20699.5</v></c>"))
        #expect(sheet.contains("<c r=\"C5\"><v>-0.000125</v></c>"))
        // Text is never a formula, and keeps its spaces.
        #expect(sheet.contains("<c r=\"A3\" t=\"inlineStr\"><is><t>=HYPERLINK(&quot;http://x&quot;)</t></is></c>") && !sheet.contains("<f>"))
        #expect(sheet.contains("<t xml:space=\"preserve\"> padded </t>"))
        #expect(sheet.contains("<c r=\"C4\" t=\"inlineStr\"><is><t>12345678901234567890123456789012345</t></is></c>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:C5\"/>") && sheet.contains("state=\"frozen\""))
        #expect(try #require(parts["xl/workbook.xml"]).contains("<sheet name=\"BG-2024\" sheetId=\"1\" r:id=\"rId1\"/>"))
    }

    @Test func hostileTextIsEscapedByScalarAndCharactersXMLRefusesAreDropped() throws {
        let table = DataTable(columns: ["name"], rows: [[.text(HostileNames.quoteText + "\u{1}<\u{301}script>")]])
        let parts = try PackageParts.read(try XLSXWorkbook.render([.init(name: "a:b/c?d*e[f]g'h'" + String(repeating: "x", count: 40), table: table)]))
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(XMLParser(data: Data(sheet.utf8)).parse())
        #expect(HostileNames.leaks(in: sheet) == [])
        #expect(sheet.contains(HostileNames.quoteHTML + "&lt;\u{301}script&gt;"))
        let workbook = try #require(parts["xl/workbook.xml"])
        #expect(workbook.contains("<sheet name=\"a_b_c_d_e_f_g&apos;h&apos;xxxxxxxxxxxxxxx\""), "\(workbook)")
    }

    @Test func sheetNamesAreMadeDifferentAsExcelComparesThem() {
        #expect(XLSXWorkbook.sheetNames(["Units", "units", "UNITS", ""]) == ["Units", "units (2)", "UNITS (3)", "Sheet"])
    }

    @Test func whatASpreadsheetCannotHoldIsRefusedNamingTheCell() {
        let long = DataTable(columns: ["text"], rows: [[.text(String(repeating: "ă", count: 32_768))]])
        #expect(throws: XLSXWorkbook.Limit.cellText(sheet: "S", cell: "A2", length: 32_768)) { try XLSXWorkbook.render([.init(name: "S", table: long)]) }
        #expect(XLSXWorkbook.reference(column: 0, row: 1) == "A1" && XLSXWorkbook.reference(column: 25, row: 2) == "Z2")
        #expect(XLSXWorkbook.reference(column: 26, row: 3) == "AA3" && XLSXWorkbook.reference(column: 16_383, row: 1) == "XFD1")
    }

    @Test func theCSVOfTheSameTableGuardsFormulasAndWritesNumbersExactly() {
        #expect(Self.table.csv() == """
            unit,indicator,actual
            BG,budget_revenue,20699.5
            "'=HYPERLINK(""http://x"")", padded ,
            BG,hostile,12345678901234567890123456789012345
            BG,small,-0.000125
            """)
    }
}
