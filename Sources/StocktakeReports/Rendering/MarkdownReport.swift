import StocktakeCore

/// The report as Markdown: headings, paragraphs, bullet lists and pipe tables. Every piece of text goes through
/// `Escape.markdown`, so a stored name reads as text: never raw HTML, a link, an image, a heading or a cell break.
public enum MarkdownReport {
    public static func render(_ report: Report) -> String {
        var lines = ["# \(text(report.title))", "", "_\(text(report.subtitle))_", ""]
        for section in report.sections {
            lines += ["## \(text(section.heading))", ""]
            for block in section.blocks {
                switch block {
                case .paragraph(let sentences):
                    lines += [text(sentences.map(\.text).joined(separator: " ")), ""]
                case .list(let items):
                    lines += items.map { "- \(text($0.text))" } + [""]
                case .table(let table):
                    lines.append("| " + table.headers.map(text).joined(separator: " | ") + " |")
                    lines.append("|" + table.headers.indices.map { table.numeric.contains($0) ? " ---: |" : " --- |" }.joined())
                    lines += table.rows.map { "| " + $0.map { text($0.text) }.joined(separator: " | ") + " |" }
                    lines.append("")
                }
            }
        }
        lines += report.notes.map { "_\(text($0))_" }
        return lines.joined(separator: "\n") + "\n"
    }

    static func text(_ text: String) -> String { Escape.markdown(text) }
}
