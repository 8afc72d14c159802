import Foundation
import Hummingbird
import StocktakeStore

/// Finds the session of a request (the `stocktake_session` cookie, or `Authorization: Bearer` for the API) and
/// the language to speak (`lang` cookie, else the account's, else the default).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "stocktake_session"
    static let languageCookie = "stocktake_lang"
    let store: Store
    let sessions: SessionCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.path = request.uri.path
        if let bearer = request.headers[.authorization].flatMap(Self.bearerToken) {
            context.session = try await sessions.session(bearer) { try await store.session(token: bearer) }
            context.viaBearerToken = context.session != nil
        } else if let token = request.cookies[Self.cookieName]?.value {
            context.session = try await sessions.session(token) { try await store.session(token: token) }
        }
        let chosen = request.cookies[Self.languageCookie]?.value ?? context.session?.account.language
        if let chosen, UIText.languages.contains(chosen) { context.language = chosen }
        return try await next(request, context)
    }

    static func bearerToken(_ header: String) -> String? {
        let prefix = "Bearer "
        guard header.hasPrefix(prefix) else { return nil }
        return String(header.dropFirst(prefix.count))
    }

    /// The session cookie: not readable by scripts, not sent with cross-site requests, and when the site is
    /// served over HTTPS (`secure`), never sent over plain HTTP.
    static func cookie(_ credentials: SessionCredentials, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: credentials.token, expires: credentials.expiresAt, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func expiredCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", expires: Date(timeIntervalSince1970: 0), path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
