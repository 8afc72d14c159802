import Foundation
import Hummingbird

/// A submitted form: its fields and, for uploads, its files. Every form a page posts carries the session's CSRF
/// token in `_csrf`; ``checked(_:context:)`` refuses the form without it, in one place for every route.
struct Form: Sendable {
    var fields: [String: String] = [:]
    var files: [String: UploadedFile] = [:]

    struct UploadedFile: Sendable {
        let filename: String
        let content: Data
    }

    static let csrfField = "_csrf"

    subscript(name: String) -> String? {
        fields[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads the body (URL-encoded or multipart) and checks the CSRF token against the session's.
    static func checked(_ request: Request, context: AppRequestContext) async throws -> Form {
        let form = try await read(request, context: context)
        guard let expected = context.session?.csrfToken, let given = form.fields[csrfField], constantTimeEqual(given, expected) else {
            throw HTTPError(.forbidden, message: UIText.forLanguage(context.language).errorStaleForm)
        }
        return form
    }

    static func read(_ request: Request, context: AppRequestContext) async throws -> Form {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: body)
        let contentType = request.headers[.contentType] ?? ""
        if contentType.hasPrefix("multipart/form-data") {
            guard let boundary = contentType.components(separatedBy: "boundary=").last?.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")),
                !boundary.isEmpty
            else { throw HTTPError(.badRequest, message: "multipart form without a boundary") }
            return try multipart(data, boundary: boundary)
        }
        return Form(fields: urlEncoded(String(decoding: data, as: UTF8.self)))
    }

    static func urlEncoded(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    /// multipart/form-data (RFC 7578): parts separated by `--boundary`, each with headers, a blank line and
    /// its bytes.
    static func multipart(_ data: Data, boundary: String) throws -> Form {
        var form = Form()
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var position = data.startIndex
        guard let first = data.range(of: delimiter, in: position..<data.endIndex) else {
            throw HTTPError(.badRequest, message: "multipart form without its boundary")
        }
        position = first.upperBound
        while let next = data.range(of: delimiter, in: position..<data.endIndex) {
            var part = data[position..<next.lowerBound]
            position = next.upperBound
            // Each part starts after the delimiter's CRLF and ends before the CRLF of the next delimiter.
            if part.starts(with: Data("\r\n".utf8)) { part = part.dropFirst(2) }
            if part.suffix(2) == Data("\r\n".utf8) { part = part.dropLast(2) }
            guard let split = part.range(of: headerEnd) else { continue }
            let headers = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
            let content = Data(part[split.upperBound..<part.endIndex])
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition") }),
                let name = parameter("name", in: disposition)
            else { continue }
            if let filename = parameter("filename", in: disposition) {
                form.files[name] = UploadedFile(filename: filename, content: content)
            } else {
                form.fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
        return form
    }

    private static func parameter(_ name: String, in header: Substring) -> String? {
        for piece in header.split(separator: ";") {
            let item = piece.trimmingCharacters(in: .whitespaces)
            guard item.hasPrefix(name + "=") else { continue }
            return String(item.dropFirst(name.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
