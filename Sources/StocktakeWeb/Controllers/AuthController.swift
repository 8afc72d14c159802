import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore

/// Signing in and out, and choosing the page language.
struct AuthController {
    let services: WebServices
    /// Before sign-in there is no session to hold a CSRF token, so the sign-in form uses a double-submit cookie.
    static let loginCookie = "stocktake_login"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { _, context in
            Response.redirect(to: context.session == nil ? "/login" : "/dashboard", type: .normal)
        }
        router.get("/login", use: loginPage)
        router.post("/login", use: login)
        router.post("/logout", use: logout)
        router.get("/language/{code}", use: language)
    }

    struct LoginView {
        let t: [String: String]
        let csrf: String
        let next: String
        let message: String?
        let username: String
    }

    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        render(context, next: request.uri.queryParameters["next"].map(String.init) ?? "/dashboard", message: nil, username: "", status: .ok)
    }

    private func render(_ context: AppRequestContext, next: String, message: String?, username: String, status: HTTPResponse.Status) -> Response {
        let token = Store.randomToken()
        let t = UIText.forLanguage(context.language)
        var response = services.renderer.page(
            "login", LoginView(t: t.catalog, csrf: token, next: Self.localPath(next), message: message, username: username),
            frame: Frame(context, title: t.signIn), status: status)
        response.setCookie(Cookie(name: Self.loginCookie, value: token, path: "/login", secure: services.options.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.read(request, context: context)
        guard let cookie = request.cookies[Self.loginCookie]?.value, let given = form.fields[Form.csrfField], Form.constantTimeEqual(cookie, given) else {
            throw HTTPError(.forbidden, message: UIText.forLanguage(context.language).errorStaleForm)
        }
        let t = UIText.forLanguage(context.language)
        let username = form["username"] ?? ""
        // A name longer than any account's is not written back into the page.
        let shown = username.utf8.count <= services.signIn.throttle.limits.maxNameBytes ? username : ""
        let next = form["next"] ?? "/dashboard"
        let account: Account
        switch try await services.signIn.attempt(username, form.fields["password"] ?? "", from: context.clientAddress) {
        case .signedIn(let signedIn): account = signedIn
        case .refused: return render(context, next: next, message: t.signInFailed, username: shown, status: .unauthorized)
        case .tooManyAttempts(let wait):
            var response = render(context, next: next, message: t.tooManyAttempts, username: shown, status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        case .busy:
            var response = render(context, next: next, message: t.tooManyAttempts, username: shown, status: .serviceUnavailable)
            response.headers[.retryAfter] = "1"
            return response
        }
        let credentials = try await services.store.startSession(for: account.username)
        var response = Response.redirect(to: Self.localPath(next), type: .normal)
        response.setCookie(SessionMiddleware.cookie(credentials, secure: services.options.secureCookies))
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await Form.checked(request, context: context)
        if let token = request.cookies[SessionMiddleware.cookieName]?.value {
            try await services.store.endSession(token: token)
            services.sessions.forget(token)
        }
        var response = Response.redirect(to: "/login", type: .normal)
        response.setCookie(SessionMiddleware.expiredCookie(secure: services.options.secureCookies))
        return response
    }

    @Sendable func language(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard UIText.languages.contains(code) else { throw HTTPError(.notFound) }
        var response = Response.redirect(to: Self.localPath(request.uri.queryParameters["next"].map(String.init) ?? "/dashboard"), type: .normal)
        response.setCookie(Cookie(name: SessionMiddleware.languageCookie, value: code, maxAge: 365 * 86400, path: "/", secure: services.options.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// Only paths on this site: `next` must be a path of printable ASCII that starts with one `/`. A browser
    /// reads `//host`, `/\host` and `\host` as another site, and drops tabs and line breaks first (so
    /// `/<tab>/host` is `//host`); spaces, other control characters, non-ASCII and backslashes are refused
    /// anywhere, as is a path over 2,048 bytes.
    static func localPath(_ next: String) -> String {
        let bytes = Array(next.utf8)
        let printable = bytes.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }
        let local = printable && bytes.count <= 2048 && bytes.first == UInt8(ascii: "/") && bytes.dropFirst().first != UInt8(ascii: "/")
        return local ? next : "/dashboard"
    }
}
