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

    public enum ReadError: Error, CustomStringConvertible {
        case notUTF8(String)
        case notDOCX(String, String)

        public var description: String {
            switch self {
            case .notUTF8(let name): "\(name): the text is not UTF-8; save it as UTF-8 text, Markdown, HTML or DOCX"
            case .notDOCX(let name, let why): "\(name): not a readable DOCX (\(why)); expected a Word document with word/document.xml"
            }
        }
    }

    public static func read(_ data: Data, format: Format, name: String = "text") throws -> String {
        if format == .docx { return try fromDOCX(data, name: name) }
        guard let text = String(data: data, encoding: .utf8) else { throw ReadError.notUTF8(name) }
        return format == .html ? fromHTML(text) : text
    }

    /// HTML's text: block ends are line breaks, cells are tabs, scripts and styles are dropped, entities decoded.
    static func fromHTML(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "(?is)<(script|style|head)\\b.*?</\\1\\s*>", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "(?i)</t[dh]\\s*>", with: "\t", options: .regularExpression)
        text = text.replacingOccurrences(of: "(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|table|section|header|footer|ul|ol|caption|title)\\s*>", with: "\n", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        return decodeEntities(text)
    }

    /// A DOCX's body: one line per paragraph, table cells separated by tabs.
    static func fromDOCX(_ data: Data, name: String) throws -> String {
        let xml: String
        do {
            let archive = try Archive(data: data, accessMode: .read)
            guard let entry = archive["word/document.xml"] else { throw ReadError.notDOCX(name, "no word/document.xml") }
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            xml = String(decoding: content, as: UTF8.self)
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError.notDOCX(name, "\(error)")
        }
        var text = xml.replacingOccurrences(of: "</w:p>|<w:br/>", with: "\n", options: .regularExpression)
        text = text.replacingOccurrences(of: "</w:tc>|<w:tab/>", with: "\t", options: .regularExpression)
        text = text.replacingOccurrences(of: "<w:instrText[^>]*>.*?</w:instrText>", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        return decodeEntities(text)
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
