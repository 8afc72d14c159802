import StocktakeCore

/// The report as one standalone HTML page: `lang` and `dir` set for the language (`dir="rtl"` in Arabic), a
/// small print-friendly style sheet, tables with figures aligned to the end of the line.
public enum HTMLReport {
    public static func render(_ report: Report) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="\(report.language.rawValue)" dir="\(report.language.isRightToLeft ? "rtl" : "ltr")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(report.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <main>
            <h1>\(escape(report.title))</h1>
            <p class="subtitle">\(escape(report.subtitle))</p>

            """
        for section in report.sections {
            html += "<section id=\"\(section.id)\">\n<h2>\(escape(section.heading))</h2>\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let sentences):
                    html += "<p>" + sentences.map { escape($0.text) }.joined(separator: " ") + "</p>\n"
                case .list(let items):
                    html += "<ul>\n" + items.map { "<li>\(escape($0.text))</li>\n" }.joined() + "</ul>\n"
                case .table(let table):
                    html += "<div class=\"table\"><table>\n<thead><tr>" + table.headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                    for row in table.rows {
                        html += "<tr>" + row.enumerated().map { column, cell in
                            "<td\(table.numeric.contains(column) ? " class=\"num\"" : "")>\(escape(cell.text))</td>"
                        }.joined() + "</tr>\n"
                    }
                    html += "</tbody>\n</table></div>\n"
                }
            }
            html += "</section>\n"
        }
        if !report.notes.isEmpty { html += "<footer>" + report.notes.map { "<p class=\"note\">\(escape($0))</p>" }.joined() + "</footer>\n" }
        return html + "</main>\n</body>\n</html>\n"
    }

    /// Stored text in the page: `Escape.html`, by Unicode scalar.
    static func escape(_ text: String) -> String { Escape.html(text) }

    static let style = """
        body{font-family:"Noto Sans","DejaVu Sans",system-ui,sans-serif;color:#1b2430;background:#fff;margin:0;line-height:1.5}\
        main{max-width:52rem;margin:0 auto;padding:2rem 1.25rem}\
        h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #d5dbe3;padding-bottom:.2rem}\
        .subtitle,.note{color:#5a6575;font-size:.9rem}\
        .table{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}\
        th,td{border-bottom:1px solid #e3e7ee;padding:.35rem .5rem;text-align:start;vertical-align:top}th{background:#f1f4f8}\
        td.num{text-align:end;white-space:nowrap}\
        @media print{main{padding:0}}
        """
}
