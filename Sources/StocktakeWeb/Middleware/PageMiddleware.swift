import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore

/// For the pages: a visitor who is not signed in is sent to the sign-in page (and back afterwards), and errors
/// become a page in the visitor's language rather than a bare status.
struct PageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: WebServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.session != nil else {
            let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return .redirect(to: "/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"), type: .normal)
        }
        do {
            do { return try await next(request, context) } catch let refused as ActionError {
                throw HTTPError(refused.status, message: UIText.forLanguage(context.language).message(refused))
            }
        } catch let error as HTTPError {
            let t = UIText.forLanguage(context.language)
            let message = error.status == .forbidden && error.body == nil ? t.notAllowed : error.status == .notFound && error.body == nil ? t.notFound : (error.body ?? error.status.reasonPhrase)
            return services.renderer.page("error", ErrorView(status: Int(error.status.code), message: message), frame: Frame(context, title: error.status.reasonPhrase), status: error.status)
        }
    }
}

struct ErrorView {
    let status: Int
    let message: String
}

/// For the API: every route but sign-in needs a session (a bearer token, or the page cookie for reads); writes
/// need the bearer token.
struct APIMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let signingIn = request.uri.path.hasSuffix("/session") && request.method == .post
        guard context.session != nil || signingIn else {
            throw APIError(.unauthorized, "unauthenticated", "Sign in first: POST /api/v1/session, then send Authorization: Bearer TOKEN.")
        }
        // A cookie session may read; writing needs the bearer token, which a browser never sends on its own.
        if request.method != .get && request.method != .head && !signingIn && !context.viaBearerToken {
            throw APIError(.forbidden, "bearer_required", "Writes through the API need Authorization: Bearer TOKEN.")
        }
        return try await next(request, context)
    }
}

/// Every error under `/api/` is JSON with a stable code and a human message, also for paths no route matches
/// and for failures nobody foresaw (those are logged and answered without their details).
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as ActionError {
            return error.apiError.response()
        } catch let error as HTTPError {
            let code: String
            switch error.status {
            case .notFound: code = "not_found"
            case .badRequest: code = "invalid_parameter"
            case .methodNotAllowed: code = "method_not_allowed"
            case .contentTooLarge: code = "too_large"
            default: code = "http_\(error.status.code)"
            }
            return APIError(error.status, code, error.body ?? "No such route: \(request.method) \(request.uri.path).").response()
        } catch {
            context.logger.error("API request failed", metadata: ["error": "\(error)"])
            return APIError(.internalServerError, "internal_error", "The server could not answer; the failure is in its log.").response()
        }
    }
}

/// An API error: the status, a stable machine-readable code, and a message for people.
struct APIError: Error {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var details: [[String: String]] = []

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, details: [[String: String]] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    func response() -> Response {
        var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        if !details.isEmpty { error["details"] = .array(details.map { .object($0.mapValues(JSONValue.string)) }) }
        return JSONValue.object(["error": .object(error)]).response(status: status)
    }
}
