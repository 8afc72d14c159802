import Foundation
import Hummingbird
import StocktakeReports

/// The figure check through the API: a text (or a file's content in base64 with its name) in, the findings out.
extension APIController {
    struct CheckRequest: Decodable {
        let text: String?
        let contentBase64: String?
        let filename: String?
        let language: String?
        let unit: String?
        let period: String?
        /// The guesses of low confidence too.
        let all: Bool?

        enum CodingKeys: String, CodingKey {
            case text, filename, language, unit, period, all
            case contentBase64 = "content_base64"
        }
    }

    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try account(context)
        let body = try await decode(CheckRequest.self, request, context, expected: "text, or content_base64 with filename; optional language, unit, period and all")
        let language: ReportLanguage?
        switch body.language {
        case nil, "auto": language = nil
        case let code?:
            guard let chosen = ReportLanguage(rawValue: code) else {
                throw APIError(.badRequest, "invalid_language", "language '\(code)': expected auto, \(ReportLanguage.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            language = chosen
        }
        let submitted: (data: Data, name: String, format: CheckedText.Format)
        if let encoded = body.contentBase64 {
            guard let data = Data(base64Encoded: encoded) else { throw APIError(.badRequest, "invalid_content", "content_base64 is not base64.") }
            let name = body.filename ?? "upload"
            submitted = (data, name, .of(name: name, data: data))
        } else if let given = body.text {
            submitted = (Data(given.utf8), "text", .text)
        } else {
            throw APIError(.badRequest, "invalid_body", "Give text, or content_base64 with filename.")
        }
        let stored = try await FigureChecks.stored(unit: body.unit ?? "", period: body.period ?? "", store: services.store)
        let result: CheckResult
        do {
            result = try await FigureChecks.run(submitted.data, name: submitted.name, format: submitted.format, language: language, stored: stored,
                                                   minimum: .listed(all: body.all == true), gate: services.options.checks).result
        } catch let error as CheckedText.ReadError {
            let status = FigureChecks.status(of: error)
            throw APIError(status, status == .contentTooLarge ? "too_large" : "unreadable_file", error.description)
        } catch let busy as CheckGate.Busy {
            var response = APIError(.serviceUnavailable, "busy", "Other figure checks are running; retry in \(busy.retryAfter) seconds.").response()
            response.headers[.retryAfter] = "\(busy.retryAfter)"
            return response
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try result.json())))
    }
}
