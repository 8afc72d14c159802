import Foundation
import Testing
import ZIPFoundation
@testable import StocktakeReports

/// A file sent to the figure check is read within limits and in one pass: a DOCX that unzips to far more than
/// it weighs, an archive of many entries, a text too long, and markup that made the old extraction quadratic.
@Suite struct CheckedTextLimitTests {
    /// A DOCX whose word/document.xml is `size` bytes of `pattern` repeated, deflated.
    static func docx(repeating pattern: String, size: Int, extraEntries: Int = 0) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let unit = Array(pattern.utf8)
        // Enough repetitions to cut any chunk from, starting anywhere in the pattern.
        let block = Array([[UInt8]](repeating: unit, count: (1 << 17) / unit.count + 2).joined())
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate,
                             bufferSize: 1 << 16, provider: { (position: Int64, chunk: Int) in
            let at = Int(position) % unit.count
            return Data(block[at..<(at + chunk)])
        })
        for index in 0..<extraEntries {
            try archive.addEntry(with: "word/media/\(index).bin", type: .file, uncompressedSize: Int64(1), provider: { (_: Int64, _: Int) in Data("x".utf8) })
        }
        return try #require(archive.data)
    }

    /// Sets every declared uncompressed size (local headers and central directory) to `size`.
    static func declaring(_ size: UInt32, in docx: Data) -> Data {
        var bytes = [UInt8](docx)
        func put(_ offset: Int) { for shift in 0..<4 { bytes[offset + shift] = UInt8((size >> (8 * UInt32(shift))) & 0xFF) } }
        var index = 0
        while index + 30 <= bytes.count {
            if bytes[index..<(index + 4)].elementsEqual([0x50, 0x4B, 0x03, 0x04]) { put(index + 22) }
            if bytes[index..<(index + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) { put(index + 24) }
            index += 1
        }
        return Data(bytes)
    }

    @Test func aDOCXThatUnzipsTo50MBIsRefusedBeforeItIsInflated() throws {
        let paragraph = "<w:p><w:r><w:t>GRDP grew 6.5% in 2024.</w:t></w:r></w:p>"
        let bomb = try Self.docx(repeating: paragraph, size: 50 << 20)
        #expect(bomb.count < 300 << 10)  // the attack's file weighed 51 KB
        #expect(throws: CheckedText.ReadError.tooLarge("bomb.docx", found: "word/document.xml declares 50 MB unzipped", limit: "32 MB unzipped")) {
            try CheckedText.read(bomb, format: .docx, name: "bomb.docx")
        }
    }

    @Test func aDOCXThatLiesAboutItsSizeIsStoppedWhileInflating() throws {
        let paragraph = "<w:p><w:r><w:t>GRDP grew 6.5% in 2024.</w:t></w:r></w:p>"
        let lying = Self.declaring(100, in: try Self.docx(repeating: paragraph, size: 4 << 20))
        let limits = CheckedText.Limits(unzippedBytes: 1 << 20)
        #expect(throws: CheckedText.ReadError.tooLarge("lying.docx", found: "word/document.xml unzips to more than 1 MB", limit: "1 MB unzipped")) {
            try CheckedText.read(lying, format: .docx, name: "lying.docx", limits: limits)
        }
        // Under the limit, the same paragraphs are read in full.
        let small = try Self.docx(repeating: paragraph, size: paragraph.utf8.count * 1_000)
        let text = try CheckedText.read(small, format: .docx, limits: limits)
        #expect(text == String(repeating: "GRDP grew 6.5% in 2024.\n", count: 1_000))
    }

    @Test func entriesTextAndFileSizeHaveLimitsToo() throws {
        let many = try Self.docx(repeating: "<w:p/>", size: 6, extraEntries: 20)
        #expect(throws: CheckedText.ReadError.tooLarge("many.docx", found: "the archive has more than 10 entries", limit: "10 entries")) {
            try CheckedText.read(many, format: .docx, name: "many.docx", limits: CheckedText.Limits(docxEntries: 10))
        }
        let long = Data(("<p>" + String(repeating: "1 of 2. ", count: 1_000) + "</p>").utf8)
        let limits = CheckedText.Limits(submittedBytes: 16 << 10, textBytes: 4 << 10)
        #expect(throws: CheckedText.ReadError.tooLarge("long.html", found: "its text passes 4 KB", limit: "4 KB of text")) {
            try CheckedText.read(long, format: .html, name: "long.html", limits: limits)
        }
        #expect(throws: CheckedText.ReadError.tooLarge("long.txt", found: "the text has 7 KB", limit: "4 KB of text")) {
            try CheckedText.read(long, format: .text, name: "long.txt", limits: limits)
        }
        #expect(throws: CheckedText.ReadError.tooLarge("long.md", found: "the file has 7 KB", limit: "4 KB")) {
            try CheckedText.read(long, format: .markdown, name: "long.md", limits: CheckedText.Limits(submittedBytes: 4 << 10))
        }
    }

    /// Found by the generated DOCX files: a central directory that points past the end of the file made the
    /// ZIP reader trap, which stops the whole server.
    @Test func aDOCXWhoseDirectoryPointsPastItsEndIsRefused() throws {
        let xml = "<w:p><w:r><w:t>1 of 2</w:t></w:r></w:p>"
        var bytes = [UInt8](try Self.docx(repeating: xml, size: xml.utf8.count))
        let directory = try #require((0..<(bytes.count - 4)).last { bytes[$0..<($0 + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) })
        for shift in 0..<4 { bytes[directory + 42 + shift] = [0xF0, 0xFF, 0xFF, 0x0F][shift] }  // local header at 256 MB
        #expect(throws: CheckedText.ReadError.self) { try CheckedText.read(Data(bytes), format: .docx, name: "past.docx") }
    }

    // MARK: - One pass

    /// The bytes looked at per byte of input stay under a constant, and ten times the input costs ten times the
    /// work: no step rescans from the start.
    static func expectLinear(_ make: (Int) throws -> Data, format: CheckedText.Format, markupBytes: ((Int) -> Int)? = nil, expected: (Int) -> String) throws {
        let small = try CheckedText.extract(try make(2_000), format: format)
        let large = try CheckedText.extract(try make(20_000), format: format)
        #expect(small.text == expected(2_000) && large.text == expected(20_000))
        let input = try markupBytes?(20_000) ?? make(20_000).count
        #expect(large.steps <= 40 * input, "\(large.steps) steps for \(input) bytes")
        #expect(large.steps <= 11 * small.steps, "\(small.steps) steps, then \(large.steps) for ten times the input")
    }

    @Test func twentyThousandUnclosedScriptsAreReadInOnePass() throws {
        try Self.expectLinear({ Data(("<p>" + String(repeating: "<script>a", count: $0) + "</p>").utf8) }, format: .html) {
            String(repeating: "a", count: $0) + "\n"
        }
        try Self.expectLinear({ Data(String(repeating: "<SCRIPT>x</script >1 ", count: $0).utf8) }, format: .html) {
            String(repeating: "1 ", count: $0)
        }
        try Self.expectLinear({ Data(String(repeating: "<style>p{}</styl <td>2</td>", count: $0).utf8) }, format: .html) {
            String(repeating: "p{}2\t", count: $0)  // an unclosed style keeps its text
        }
        try Self.expectLinear({ Data(("a" + String(repeating: "<", count: $0)).utf8) }, format: .html) {
            "a" + String(repeating: "<", count: $0)
        }
    }

    @Test func tenThousandFieldCodesInASmallDOCXAreReadInOnePass() throws {
        let unclosed = try Self.docx(repeating: "<w:instrText>", size: 13 * 10_000)
        #expect(unclosed.count < 2_000)  // the attack's file weighed 426 bytes
        try Self.expectLinear({ try Self.docx(repeating: "<w:p><w:instrText>PAGE", size: 22 * $0) }, format: .docx, markupBytes: { 22 * $0 }) {
            String(repeating: "PAGE", count: $0)
        }
        try Self.expectLinear({ try Self.docx(repeating: "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText><w:t>7</w:t><w:tab/></w:r>", size: 85 * $0) }, format: .docx, markupBytes: { 85 * $0 }) {
            String(repeating: "7\t", count: $0)
        }
    }

    @Test func markupKeepsItsBreaksAndEntities() throws {
        let html = "<html><head><title>x</title></head><body><p>1 &lt; 2&amp;3</p><table><tr><td>a</td><th>b</th></tr></table>c<br>d<br/>e</body></html>"
        #expect(try CheckedText.read(Data(html.utf8), format: .html) == "1 < 2&3\na\tb\t\n\nc\nd\ne")
        let xml = "<w:body><w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"1\"/></w:tabs></w:pPr><w:r><w:t>x &#x41;</w:t><w:tab/><w:t>y</w:t><w:br w:type=\"page\"/></w:r></w:p></w:body>"
        let docx = try Self.docx(repeating: xml, size: xml.utf8.count)
        #expect(try CheckedText.read(docx, format: .docx) == "x A\ty\n\n")
    }
}
