import Foundation
import StocktakeCore
import StocktakeStore

/// Samples/hostile-names.json, the data set of names an attacker or a careless editor might store: a quote,
/// `<` and `&` each followed by a combining mark (U+0301), script payloads, Markdown links to `javascript:`,
/// right-to-left overrides, control characters and a long name. It is imported after the Bac Giang sample,
/// whose province VN it hangs under.
public enum HostileNames {
    public static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Samples/hostile-names.json").standardizedFileURL

    /// The province whose name closes an attribute and opens an event handler: `X"́ onload=alert(1) x=`; its
    /// indicator `hx_quote` is named the same and has figures for three years (the indicator page draws them).
    public static let quoteUnit = "HX-QUOTE"
    /// The start of that name as text, escaped for HTML, in the chart's label; a district's name in Markdown.
    public static let quoteText = "X\"\u{301} onload=alert(1)"
    public static let quoteHTML = "X&quot;\u{301} onload=alert(1)"
    public static let quoteSVGTitle = "<title id=\"history-title\">X&quot;\u{301} onload=alert(1) x= (en)"
    public static let quoteSparklineTitle = "<title>Trend — X&quot;\u{301} onload=alert(1) x= (en): "
    public static let quoteGridLabel = "aria-label=\"New value: X&quot;\u{301} onload=alert(1) x= (en)\""
    public static let scriptMarkdown = "\\<\u{301}script\\>"

    public static func importSample(into store: Store) async throws {
        let data = try Data(contentsOf: file)
        try await store.importChecked(ImportFile.read(data, file: "hostile-names.json", enteredBy: "tester"))
    }

    /// A markup character followed by a combining mark: a Character-by-Character escape lets each through.
    /// None occurs in the application's own markup, so finding one in an output means a name got out unescaped.
    public static let rawMarkers = ["\"\u{301}", "<\u{301}", "&\u{301}", "'\u{301}"]

    /// The raw markers found in `output`, compared byte by byte (String comparison would group the mark with
    /// whatever precedes it and could miss or invent a match).
    public static func leaks(in output: String) -> [String] {
        let bytes = Array(output.utf8)
        return rawMarkers.filter { contains(bytes, Array($0.utf8)) }
    }

    /// Whether `part` occurs in `whole` as UTF-8 bytes.
    public static func contains(_ whole: String, _ part: String) -> Bool { contains(Array(whole.utf8), Array(part.utf8)) }

    static func contains(_ whole: [UInt8], _ part: [UInt8]) -> Bool {
        guard !part.isEmpty, whole.count >= part.count else { return part.isEmpty }
        let first = part[0]
        var index = 0
        while index <= whole.count - part.count {
            if whole[index] == first, whole[index..<index + part.count].elementsEqual(part) { return true }
            index += 1
        }
        return false
    }
}
