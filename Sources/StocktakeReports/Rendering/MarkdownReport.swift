/// The report as Markdown: headings, paragraphs, bullet lists and pipe tables.
public enum MarkdownReport {
    public static func render(_ report: Report) -> String {
        var lines = ["# \(report.title)", "", "_\(report.subtitle)_", ""]
        for section in report.sections {
            lines += ["## \(section.heading)", ""]
            for block in section.blocks {
                switch block {
                case .paragraph(let sentences):
                    lines += [sentences.map(\.text).joined(separator: " "), ""]
                case .list(let items):
                    lines += items.map { "- \($0.text)" } + [""]
                case .table(let table):
                    lines.append("| " + table.headers.map(cell).joined(separator: " | ") + " |")
                    lines.append("|" + table.headers.indices.map { table.numeric.contains($0) ? " ---: |" : " --- |" }.joined())
                    lines += table.rows.map { "| " + $0.map { cell($0.text) }.joined(separator: " | ") + " |" }
                    lines.append("")
                }
            }
        }
        lines += report.notes.map { "_\($0)_" }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
