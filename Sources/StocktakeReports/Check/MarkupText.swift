/// The text of HTML or of a DOCX's WordprocessingML, in one pass over its UTF-8 bytes. Tags are ASCII, so text is
/// copied byte for byte between them and never cut inside a scalar. Every byte is looked at a bounded number of
/// times: the search for a tag's `>` and for each closing tag that drops a span (`</script>`, `</w:instrText>`)
/// only moves forward, so an unclosed tag repeated thousands of times costs no more than once. `steps` counts the
/// bytes looked at, which is how the tests show that the work grows with the input and no faster.
struct MarkupText {
    enum Dialect {
        /// Block ends are line breaks, cells are tabs; scripts, styles and the head are dropped.
        case html
        /// `</w:p>` and `<w:br/>` are line breaks, `</w:tc>` and `<w:tab/>` tabs; field codes are dropped.
        case wordML
    }

    /// The extracted text would pass `limit` bytes.
    struct TooLong: Error {}

    private let bytes: [UInt8]
    private let dialect: Dialect
    private let limit: Int
    private(set) var steps = 0
    private var output: [UInt8] = []
    /// No `>` at or after this offset, once a search has found none.
    private var noTagEndFrom = Int.max
    private var closers: [[UInt8]: Closer] = [:]

    /// The next place a closing tag is written, from where the last search for it began.
    private struct Closer {
        var searchedFrom: Int
        /// Start and end (after its `>`) of the first match at or after `searchedFrom`; nil when there is none.
        var match: (start: Int, end: Int)?
    }

    private init(bytes: [UInt8], dialect: Dialect, limit: Int) {
        self.bytes = bytes
        self.dialect = dialect
        self.limit = limit
    }

    /// The text with tags removed and their breaks kept, entities not yet decoded; and the bytes looked at.
    static func extract(_ bytes: [UInt8], dialect: Dialect, limit: Int) throws(TooLong) -> (text: String, steps: Int) {
        var reader = MarkupText(bytes: bytes, dialect: dialect, limit: limit)
        try reader.run()
        return (String(decoding: reader.output, as: UTF8.self), reader.steps)
    }

    private mutating func run() throws(TooLong) {
        output.reserveCapacity(min(bytes.count, limit))
        var index = 0
        while index < bytes.count {
            steps += 1
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<"), index < noTagEndFrom, let end = tagEnd(after: index) else {
                try emit(byte)
                index += 1
                continue
            }
            let tag = Tag(bytes[(index + 1)..<end], caseInsensitive: dialect == .html)
            index = end + 1
            switch action(for: tag) {
            case .none: break
            case .emit(let byte): try emit(byte)
            case .skip(let closing):
                // An unclosed span keeps its text, as a browser or Word would show it.
                if let match = nextMatch(of: closing, from: index) { index = match.end }
            }
        }
    }

    private mutating func emit(_ byte: UInt8) throws(TooLong) {
        guard output.count < limit else { throw TooLong() }
        output.append(byte)
    }

    /// The offset of the first `>` after `start`, or nil (and none will be found later either).
    private mutating func tagEnd(after start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            steps += 1
            if bytes[index] == UInt8(ascii: ">") { return index }
            index += 1
        }
        noTagEndFrom = start
        return nil
    }

    private enum Action {
        case none
        case emit(UInt8)
        /// Drop everything up to and including this closing tag's name (`</script`), then spaces and `>`.
        case skip([UInt8])
    }

    private static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    private static let htmlDropped: Set<String> = ["script", "style", "head"]
    private static let htmlBlocks: Set<String> = [
        "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "header", "footer", "ul", "ol", "caption", "title",
    ]

    private func action(for tag: Tag) -> Action {
        switch dialect {
        case .html:
            if !tag.closing, Self.htmlDropped.contains(tag.name) { return .skip(Array("</\(tag.name)".utf8)) }
            if tag.name == "br" { return .emit(Self.newline) }
            guard tag.closing, tag.bare else { return .none }
            if tag.name == "td" || tag.name == "th" { return .emit(Self.tab) }
            return Self.htmlBlocks.contains(tag.name) ? .emit(Self.newline) : .none
        case .wordML:
            switch (tag.name, tag.closing) {
            case ("w:p", true) where tag.bare, ("w:br", false): return .emit(Self.newline)
            case ("w:tc", true) where tag.bare: return .emit(Self.tab)
            case ("w:tab", false) where tag.selfClosing && tag.bare: return .emit(Self.tab)
            case ("w:instrText", false) where !tag.selfClosing: return .skip(Array("</w:instrText".utf8))
            default: return .none
            }
        }
    }

    /// The first `closing` (then spaces, then `>`) at or after `start`. Searches resume where the last one
    /// stopped, so each byte is compared against each closing tag a bounded number of times in all.
    private mutating func nextMatch(of closing: [UInt8], from start: Int) -> (start: Int, end: Int)? {
        if let known = closers[closing], known.searchedFrom <= start {
            guard let match = known.match else { return nil }
            if match.start >= start { return match }
        }
        let from = max(start, (closers[closing]?.match?.start).map { $0 + 1 } ?? start)
        var index = from
        var found: (start: Int, end: Int)?
        search: while index + closing.count <= bytes.count {
            for offset in 0..<closing.count {
                steps += 1
                if Self.folded(bytes[index + offset], dialect == .html) != closing[offset] {
                    index += 1
                    continue search
                }
            }
            var end = index + closing.count
            while end < bytes.count, Tag.isSpace(bytes[end]) { steps += 1; end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: ">") { found = (index, end + 1); break }
            index += 1
        }
        closers[closing] = Closer(searchedFrom: from, match: found)
        return found
    }

    static func folded(_ byte: UInt8, _ caseInsensitive: Bool) -> UInt8 {
        caseInsensitive && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// A tag's name and shape, read from the bytes between `<` and `>`.
    private struct Tag {
        let closing: Bool
        let name: String
        /// Nothing after the name but spaces and a final `/`: no attributes.
        let bare: Bool
        let selfClosing: Bool

        init(_ inner: ArraySlice<UInt8>, caseInsensitive: Bool) {
            var index = inner.startIndex
            closing = index < inner.endIndex && inner[index] == UInt8(ascii: "/")
            if closing { index += 1 }
            let nameStart = index
            while index < inner.endIndex, Self.isNameByte(inner[index]) { index += 1 }
            name = String(decoding: inner[nameStart..<index].map { MarkupText.folded($0, caseInsensitive) }, as: UTF8.self)
            selfClosing = inner.last == UInt8(ascii: "/")
            bare = inner[index...].allSatisfy { Self.isSpace($0) || $0 == UInt8(ascii: "/") }
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ":")
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
    }
}
