import Foundation
import ZIPFoundation

/// The text a figure check reads, taken out of plain text, Markdown, HTML or DOCX. Findings' offsets count in
/// this text: HTML and DOCX become one line per paragraph or table row, cells separated by tabs.
public enum CheckedText {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, html, docx

        /// The format a file's name says, else what its first bytes say.
        public static func of(name: String?, data: Data) -> Format {
            switch name.map({ URL(fileURLWithPath: $0).pathExtension.lowercased() }) {
            case "docx": return .docx
            case "html", "htm": return .html
            case "md", "markdown": return .markdown
            case "txt": return .text
            default:
                if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
                let head = String(decoding: data.prefix(512), as: UTF8.self).lowercased()
                return head.contains("<html") || head.contains("<!doctype html") || head.contains("<p>") ? .html : .text
            }
        }
    }

    public enum ReadError: Error, CustomStringConvertible, Equatable {
        case notUTF8(String)
        case notDOCX(String, String)
        /// The file, what was found too large, and the limit it passed.
        case tooLarge(String, found: String, limit: String)

        public var description: String {
            switch self {
            case .notUTF8(let name): "\(name): the text is not UTF-8; save it as UTF-8 text, Markdown, HTML or DOCX"
            case .notDOCX(let name, let why): "\(name): not a readable DOCX (\(why)); expected a Word document with word/document.xml"
            case .tooLarge(let name, let found, let limit): "\(name): \(found); the figure check reads at most \(limit)"
            }
        }
    }

    /// How much a check reads, whichever door the text comes through. A review runs to a few hundred kilobytes
    /// of text; these leave room for that many times over and keep one check's memory and time bounded.
    public struct Limits: Sendable {
        /// The file or text as submitted, in bytes.
        public var submittedBytes: Int
        /// A DOCX's entries, and word/document.xml once inflated, in bytes.
        public var docxEntries: Int
        public var unzippedBytes: Int
        /// The text taken out of HTML or DOCX, in UTF-8 bytes.
        public var textBytes: Int
        /// Findings listed in one answer; the count says how many there were.
        public var listedFindings: Int

        public init(submittedBytes: Int = 4 << 20, docxEntries: Int = 1_000, unzippedBytes: Int = 32 << 20, textBytes: Int = 2 << 20, listedFindings: Int = 500) {
            self.submittedBytes = submittedBytes
            self.docxEntries = docxEntries
            self.unzippedBytes = unzippedBytes
            self.textBytes = textBytes
            self.listedFindings = listedFindings
        }

        public static let standard = Limits()
    }

    public static func read(_ data: Data, format: Format, name: String = "text", limits: Limits = .standard) throws -> String {
        try extract(data, format: format, name: name, limits: limits).text
    }

    /// The text and the work it took: `steps` counts the bytes the extraction looked at (zero for plain text).
    ///
    /// The text is composed to Unicode NFC: Vietnamese saved by some editors in decomposed form ("ngày" as
    /// n-g-a-y + U+0300) reads as the same words as the usual composed form, so the check's word lists find it.
    /// Findings' offsets count in this composed text, which is the text as sent whenever it was composed already.
    public static func extract(_ data: Data, format: Format, name: String = "text", limits: Limits = .standard) throws -> (text: String, steps: Int) {
        let (text, steps) = try decoded(data, format: format, name: name, limits: limits)
        return (text.precomposedStringWithCanonicalMapping, steps)
    }

    private static func decoded(_ data: Data, format: Format, name: String, limits: Limits) throws -> (text: String, steps: Int) {
        guard data.count <= limits.submittedBytes else {
            throw ReadError.tooLarge(name, found: "the file has \(size(data.count))", limit: size(limits.submittedBytes))
        }
        switch format {
        case .docx:
            return try markup(try documentXML(data, name: name, limits: limits), dialect: .wordML, name: name, limits: limits)
        case .html:
            guard String(validating: data, as: UTF8.self) != nil else { throw ReadError.notUTF8(name) }
            return try markup(Array(data), dialect: .html, name: name, limits: limits)
        case .text, .markdown:
            guard let text = String(validating: data, as: UTF8.self) else { throw ReadError.notUTF8(name) }
            guard data.count <= limits.textBytes else {
                throw ReadError.tooLarge(name, found: "the text has \(size(data.count))", limit: "\(size(limits.textBytes)) of text")
            }
            return (text, 0)
        }
    }

    /// HTML's text: block ends are line breaks, cells are tabs, scripts and styles are dropped, entities decoded.
    static func fromHTML(_ html: String) -> String {
        (try? markup(Array(html.utf8), dialect: .html, name: "text", limits: Limits(textBytes: .max)).text) ?? ""
    }

    private static func markup(_ bytes: [UInt8], dialect: MarkupText.Dialect, name: String, limits: Limits) throws -> (text: String, steps: Int) {
        do {
            let (text, steps) = try MarkupText.extract(bytes, dialect: dialect, limit: limits.textBytes)
            return (decodeEntities(text), steps)
        } catch {
            throw ReadError.tooLarge(name, found: "its text passes \(size(limits.textBytes))", limit: "\(size(limits.textBytes)) of text")
        }
    }

    /// A DOCX's word/document.xml, refused before it is inflated when its entries or declared size pass the limits
    /// and while it is inflated when its bytes do (a declared size may lie).
    static func documentXML(_ data: Data, name: String, limits: Limits) throws -> [UInt8] {
        struct Inflated: Error {}
        // Read from a file, not from memory: ZIPFoundation's in-memory reader traps (and takes the process with it)
        // when a header points past the end of the data, where a file read only comes back short.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-check-\(UUID().uuidString).docx")
        do { try data.write(to: file) } catch { throw ReadError.notDOCX(name, "it could not be staged for reading: \(error)") }
        defer { try? FileManager.default.removeItem(at: file) }
        let archive: Archive
        do { archive = try Archive(url: file, accessMode: .read) } catch { throw ReadError.notDOCX(name, "\(error)") }
        var document: Entry?
        var entries = 0
        for entry in archive {
            entries += 1
            guard entries <= limits.docxEntries else {
                throw ReadError.tooLarge(name, found: "the archive has more than \(limits.docxEntries) entries", limit: "\(limits.docxEntries) entries")
            }
            if document == nil, entry.path == "word/document.xml" { document = entry }
        }
        guard let document else { throw ReadError.notDOCX(name, "no word/document.xml") }
        let tooLarge = { (found: String) in ReadError.tooLarge(name, found: "word/document.xml \(found)", limit: "\(size(limits.unzippedBytes)) unzipped") }
        guard document.uncompressedSize <= UInt64(limits.unzippedBytes) else { throw tooLarge("declares \(size(Int(clamping: document.uncompressedSize))) unzipped") }
        var content: [UInt8] = []
        do {
            _ = try archive.extract(document, skipCRC32: false) { chunk in
                guard content.count + chunk.count <= limits.unzippedBytes else { throw Inflated() }
                content.append(contentsOf: chunk)
            }
        } catch is Inflated {
            throw tooLarge("unzips to more than \(size(limits.unzippedBytes))")
        } catch {
            throw ReadError.notDOCX(name, "\(error)")
        }
        return content
    }

    /// A byte count as a person reads it: 51 KB, 50 MB (binary multiples, as file managers show them).
    static func size(_ count: Int) -> String {
        if count >= 1 << 20 { return count % (1 << 20) == 0 ? "\(count >> 20) MB" : "\(String(format: "%.1f", Double(count) / Double(1 << 20))) MB" }
        if count >= 1 << 10 { return "\(count >> 10) KB" }
        return "\(count) bytes"
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}"]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            rest = rest[amp...]
            if let semicolon = rest.prefix(12).firstIndex(of: ";") {
                let name = rest[rest.index(after: rest.startIndex)..<semicolon]
                var decoded: String?
                if let value = named[String(name)] {
                    decoded = value
                } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                    decoded = String(scalar)
                } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                    decoded = String(scalar)
                }
                if let decoded {
                    result += decoded
                    rest = rest[rest.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = rest.dropFirst()
        }
        return result + rest
    }
}
