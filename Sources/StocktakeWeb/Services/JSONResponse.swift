import Foundation
import Hummingbird
import StocktakeCore

extension Encodable {
    /// The value as an `application/json` response; keys sorted so that answers are stable. The API's answers
    /// are typed values (declared beside their handlers) or records in the data-set file's form (``JSONValue``).
    func response(status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("null".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
