/// Stored text written into a page, a chart, a report or a document part: one function per output language,
/// shared by the web pages and the reports.
///
/// Each works on Unicode scalars, never on Characters: `"` or `<` followed by a combining mark (U+0301) is one
/// Character that compares unequal to `"` or `<`, yet a browser or an XML parser still reads the `"` or `<`.
public enum Escape {
    /// Text for HTML or SVG, in element content or in a quoted attribute: `& < > " '` become references.
    /// NUL, which browsers replace and XML refuses, is dropped.
    public static func html(_ text: String) -> String {
        references(text, apostrophe: "&#39;") { $0 != "\u{0}" }
    }

    /// Text for XML 1.0 (DOCX parts), in element content or in a quoted attribute: `& < > " '` become
    /// references, and characters XML 1.0 does not allow (controls other than tab, newline and carriage return;
    /// U+FFFE and U+FFFF) are dropped, since no reference can stand for them and one would make the part unreadable.
    public static func xml(_ text: String) -> String {
        references(text, apostrophe: "&apos;", keeping: isXMLCharacter)
    }

    /// The five markup characters as references, scalar by scalar, and only the scalars `keep` allows.
    private static func references(_ text: String, apostrophe: String, keeping keep: (Unicode.Scalar) -> Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where keep(scalar) {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: apostrophe.unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// XML 1.0's `Char` production. Swift strings hold no lone surrogates, so the ranges around them need no test.
    public static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Text for one line of Markdown (a heading, a paragraph, a list item or a table cell), read as literal text:
    /// the punctuation that starts links, images, raw HTML, entities, emphasis, code and table cells is
    /// backslash-escaped; line breaks and other controls become spaces, so text cannot start a line of its own
    /// (a heading, a table row); and a block marker at its start (`#`, `>`, `- `, `+ `, `1. `) is escaped.
    public static func markdown(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        // Digits from the start of the text, which with `.` or `)` and a space would open an ordered list.
        var leadingDigits = 0
        for (index, scalar) in scalars.enumerated() {
            if isLineBreakOrControl(scalar) {
                out.append(" ")
                leadingDigits = -1
                continue
            }
            let atStart = index == 0
            let spaceFollows = index + 1 == scalars.count || scalars[index + 1] == " " || isLineBreakOrControl(scalars[index + 1])
            let escaped: Bool
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~": escaped = true
            case "#": escaped = atStart
            case "-", "+": escaped = atStart && spaceFollows
            case ".", ")": escaped = leadingDigits > 0 && index == leadingDigits && spaceFollows
            default: escaped = false
            }
            if escaped { out.append("\\") }
            out.append(scalar)
            if leadingDigits == index, ("0"..."9").contains(scalar) { leadingDigits += 1 } else if leadingDigits == index { leadingDigits = -1 }
        }
        return String(out)
    }

    /// Controls (C0, DEL, C1) and the Unicode line and paragraph separators.
    static func isLineBreakOrControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }
}
