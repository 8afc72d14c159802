import StocktakeCore
import Testing

/// The escapes every page and report uses, by Unicode scalar: a markup character followed by a combining mark
/// is one Character, and must still be escaped. (The cases are values, not literals inside `#expect`, whose
/// expansion cannot hold a quote followed by a combining mark.)
@Suite struct EscapingTests {
    static let html: [(String, String)] = [
        ("X\"\u{301} onload=alert(1)", "X&quot;\u{301} onload=alert(1)"),
        ("<\u{301}script>&\u{301}'\u{301}", "&lt;\u{301}script&gt;&amp;\u{301}&#39;\u{301}"),
        ("Bắc Giang — 13,85%", "Bắc Giang — 13,85%"),
        ("a\u{0}b", "ab"),
    ]

    static let xml: [(String, String)] = [
        ("a\u{1}\u{8}\u{B}\u{C}\u{1F}b\u{FFFE}\u{FFFF}c", "abc"),
        ("tab\tline\ncr\r", "tab\tline\ncr\r"),
        ("\"\u{301}<\u{301}&\u{301}'", "&quot;\u{301}&lt;\u{301}&amp;\u{301}&apos;"),
        ("\u{10000}\u{D7FF}\u{E000}\u{FFFD}", "\u{10000}\u{D7FF}\u{E000}\u{FFFD}"),
    ]

    static let markdown: [(String, String)] = [
        ("<\u{301}script>", "\\<\u{301}script\\>"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("![i](javascript:x)", "!\\[i\\](javascript:x)"),
        ("a | b\nc\r\n# d\u{2028}e", "a \\| b c  # d e"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        ("12.5% and -3", "12.5% and -3"),
        ("*b* _i_ `c` ~s~ &amp; \\", "\\*b\\* \\_i\\_ \\`c\\` \\~s\\~ \\&amp; \\\\"),
    ]

    @Test func htmlEscapesEachMarkupScalarEvenBeforeACombiningMark() {
        for (text, escaped) in Self.html {
            let result = Escape.html(text)
            #expect(Array(result.unicodeScalars) == Array(escaped.unicodeScalars), "\(text.debugDescription)")
        }
    }

    @Test func xmlDropsWhatXML10CannotHoldAndEscapesTheRest() {
        for (text, escaped) in Self.xml {
            let result = Escape.xml(text)
            #expect(Array(result.unicodeScalars) == Array(escaped.unicodeScalars), "\(text.debugDescription)")
        }
    }

    @Test func markdownKeepsNamesOnOneLineAsLiteralText() {
        for (text, escaped) in Self.markdown {
            let result = Escape.markdown(text)
            #expect(Array(result.unicodeScalars) == Array(escaped.unicodeScalars), "\(text.debugDescription)")
        }
    }
}
