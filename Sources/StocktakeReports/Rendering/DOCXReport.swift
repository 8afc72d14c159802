import Foundation
import StocktakeCore

/// The report as a Word document (WordprocessingML in a ZIP, written here): styles for the title and headings,
/// tables with a header row, page numbers in the footer, and for Arabic right-to-left sections, paragraphs,
/// runs and tables.
public enum DOCXReport {
    public static func render(_ report: Report) throws -> Data {
        let rtl = report.language.isRightToLeft
        return try OfficePackage.zip([
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("docProps/core.xml", core(report)),
            ("word/_rels/document.xml.rels", documentRelationships),
            ("word/styles.xml", styles(language: report.language)),
            ("word/settings.xml", settings),
            ("word/numbering.xml", numbering),
            ("word/footer1.xml", footer(rtl: rtl)),
            ("word/document.xml", document(report)),
        ])
    }

    /// Stored text in a part: `Escape.xml`, by Unicode scalar, with the characters XML 1.0 refuses dropped.
    static func escape(_ text: String) -> String { Escape.xml(text) }

    // MARK: - The body

    static func document(_ report: Report) -> String {
        let rtl = report.language.isRightToLeft
        var body = paragraph(report.title, style: "Title", rtl: rtl) + paragraph(report.subtitle, style: "Subtitle", rtl: rtl)
        for section in report.sections {
            body += paragraph(section.heading, style: "Heading1", rtl: rtl)
            for block in section.blocks {
                switch block {
                case .paragraph(let sentences):
                    body += paragraph(sentences.map(\.text).joined(separator: " "), style: nil, rtl: rtl)
                case .list(let items):
                    body += items.map { paragraph($0.text, style: "ListBullet", rtl: rtl) }.joined()
                case .table(let table):
                    body += self.table(table, rtl: rtl)
                }
            }
        }
        body += report.notes.map { paragraph($0, style: "Subtitle", rtl: rtl) }.joined()
        let section = """
            <w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>\
            <w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>\
            \(rtl ? "<w:bidi/>" : "")</w:sectPr>
            """
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <w:body>\(body)\(section)</w:body></w:document>
            """
    }

    static func paragraph(_ text: String, style: String?, rtl: Bool, alignEnd: Bool = false) -> String {
        var properties = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if rtl { properties += "<w:bidi/>" }
        if alignEnd { properties += "<w:jc w:val=\"end\"/>" }
        let run = "<w:r>\(rtl ? "<w:rPr><w:rtl/></w:rPr>" : "")<w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r>"
        return "<w:p>\(properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>")\(run)</w:p>"
    }

    static func table(_ table: Table, rtl: Bool) -> String {
        func cell(_ text: String, header: Bool, numeric: Bool) -> String {
            let shading = header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F1F4F8\"/>" : ""
            return "<w:tc><w:tcPr>\(shading)</w:tcPr>\(paragraph(text, style: header ? "TableHeader" : "TableText", rtl: rtl, alignEnd: numeric && !header))</w:tc>"
        }
        var xml = """
            <w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="5000" w:type="pct"/>\(rtl ? "<w:bidiVisual/>" : "")\
            <w:tblBorders><w:top w:val="single" w:sz="4" w:color="C9D1DC"/><w:bottom w:val="single" w:sz="4" w:color="C9D1DC"/>\
            <w:insideH w:val="single" w:sz="4" w:color="E3E7EE"/></w:tblBorders></w:tblPr>
            """
        xml += "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + table.headers.map { cell($0, header: true, numeric: false) }.joined() + "</w:tr>"
        for row in table.rows {
            xml += "<w:tr>" + row.enumerated().map { cell($1.text, header: false, numeric: table.numeric.contains($0)) }.joined() + "</w:tr>"
        }
        return xml + "</w:tbl>" + paragraph("", style: nil, rtl: rtl)
    }

    // MARK: - The package parts

    static func footer(rtl: Bool) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/>\(rtl ? "<w:bidi/>" : "")</w:pPr>\
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>
        """
    }

    static func styles(language: ReportLanguage) -> String {
        let tag = ["vi": "vi-VN", "en": "en-GB", "es": "es-ES", "el": "el-GR", "ru": "ru-RU", "ar": "ar-SA"][language.rawValue] ?? "en-GB"
        func style(_ id: String, _ name: String, paragraph: String = "", run: String) -> String {
            "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>\(paragraph)</w:pPr><w:rPr>\(run)</w:rPr></w:style>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Sans" w:hAnsi="Noto Sans" w:cs="Noto Sans Arabic" w:eastAsia="Noto Sans"/>\
            <w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="\(language == .ar ? "en-GB" : tag)" w:bidi="\(language == .ar ? tag : "ar-SA")"/></w:rPr></w:rPrDefault>\
            <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
            \(style("Title", "Title", paragraph: "<w:spacing w:after=\"60\"/>", run: "<w:b/><w:bCs/><w:sz w:val=\"34\"/><w:szCs w:val=\"34\"/>"))\
            \(style("Subtitle", "Subtitle", run: "<w:color w:val=\"5A6575\"/><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/>"))\
            \(style("Heading1", "heading 1", paragraph: "<w:keepNext/><w:spacing w:before=\"320\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>", run: "<w:b/><w:bCs/><w:color w:val=\"1B3A5C\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>"))\
            \(style("ListBullet", "List Bullet", paragraph: "<w:numPr><w:numId w:val=\"1\"/></w:numPr><w:ind w:start=\"360\" w:hanging=\"240\"/>", run: ""))\
            \(style("TableHeader", "Table Header", paragraph: "<w:spacing w:after=\"0\"/>", run: "<w:b/><w:bCs/><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/>"))\
            \(style("TableText", "Table Text", paragraph: "<w:spacing w:after=\"0\"/>", run: "<w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/>"))\
            <w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:tblPr><w:tblCellMar><w:top w:w="60" w:type="dxa"/>\
            <w:start w:w="100" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:end w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
            </w:styles>
            """
    }

    static func core(_ report: Report) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">\
        <dc:title>\(escape(report.title))</dc:title><dc:language>\(report.language.rawValue)</dc:language><dc:creator>Stocktake</dc:creator></cp:coreProperties>
        """
    }

    static let settings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/></w:settings>
        """

    /// One bullet list definition, used by the List Bullet style.
    static let numbering = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0">\
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="start"/>\
        <w:pPr><w:ind w:start="360" w:hanging="240"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>
        """

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
        <Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
        <Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
        </Relationships>
        """
}
