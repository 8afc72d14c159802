import Foundation
import Hummingbird
import Mustache
import StocktakeCore

/// Renders pages: a page's own template into the layout, with the frame every page shares (language, who is
/// signed in, the CSRF token for its forms, the navigation).
struct Renderer: Sendable {
    let library: MustacheLibrary

    /// Loads the templates shipped with the library, once, at start.
    static func load() async throws -> Renderer {
        guard let folder = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("templates") else {
            throw WebError.missingResource("templates")
        }
        return Renderer(library: try await MustacheLibrary(directory: folder.path))
    }

    func page(_ template: String, _ view: Any, frame: Frame, status: HTTPResponse.Status = .ok) -> Response {
        guard let body = library.render(view, withTemplate: template),
            let html = library.render(FramedPage(frame: frame, body: body), withTemplate: "layout")
        else {
            return Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "template \(template) is missing")))
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        // Pages show one person's remit and carry their CSRF token: never cache them in shared caches.
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

private struct FramedPage {
    let frame: Frame
    let body: String
}

/// What the layout shows around every page.
struct Frame {
    let lang: String
    let dir = "ltr"
    let title: String
    let t: UIText
    let user: String?
    let role: String?
    let csrf: String?
    let languages: [LanguageChoice]
    let mayWrite: Bool
    let isAdministrator: Bool

    init(_ context: AppRequestContext, title: String) {
        lang = context.language
        self.title = title
        t = UIText.forLanguage(context.language)
        user = context.account?.username.rawValue
        role = context.account?.role.rawValue
        csrf = context.session?.csrfToken
        languages = UIText.languages.map { LanguageChoice(code: $0, name: $0 == "vi" ? "Tiếng Việt" : "English", current: $0 == context.language) }
        mayWrite = context.account.map { $0.role != .viewer } ?? false
        isAdministrator = context.account?.role == .administrator
    }
}

struct LanguageChoice {
    let code: String
    let name: String
    let current: Bool
}

enum WebError: Error, CustomStringConvertible {
    case missingResource(String)

    var description: String {
        switch self {
        case .missingResource(let name): "the web library's resource '\(name)' is missing from the build"
        }
    }
}
