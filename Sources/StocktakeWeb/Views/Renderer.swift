import Foundation
import Hummingbird
import Mustache
import StocktakeCore
import StocktakeReports

/// Renders pages: a page's own template into the layout, with the frame every page shares (language, who is
/// signed in, the CSRF token for its forms, the navigation).
struct Renderer: Sendable {
    let library: MustacheLibrary
    /// The layout around the body, rendered once per distinct frame (a person's page titles in a language).
    private let layouts = LayoutCache()

    /// Loads the templates shipped with the library, once, at start.
    static func load() async throws -> Renderer {
        try UIText.load()
        guard let folder = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("templates") else {
            throw WebError.missingResource("templates")
        }
        ScalarHTMLContent.register()
        return Renderer(library: try await MustacheLibrary(directory: folder.path))
    }

    func page(_ template: String, _ view: Any, frame: Frame, status: HTTPResponse.Status = .ok) -> Response {
        page(body: body(template, view), frame: frame, status: status)
    }

    /// A page's own part, without the layout.
    func body(_ template: String, _ view: Any) -> String? {
        library.render(view, withTemplate: template)
    }

    /// `body` inside the layout; a missing template (nil) is a server error.
    func page(body: String?, frame: Frame, status: HTTPResponse.Status = .ok) -> Response {
        guard let body, let layout = layout(frame) else {
            return Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "a page template is missing from the build")))
        }
        var html = ByteBuffer()
        html.reserveCapacity(layout.before.utf8.count + body.utf8.count + layout.after.utf8.count)
        html.writeString(layout.before)
        html.writeString(body)
        html.writeString(layout.after)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        // Pages show one person's remit and carry their CSRF token: never cache them in shared caches.
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: html))
    }

    /// The layout split where the body goes.
    private func layout(_ frame: Frame) -> (before: String, after: String)? {
        let key = frame.cacheKey
        if let kept = layouts.kept(key) { return kept }
        let marker = "\u{1}body\u{1}"
        guard let html = library.render(["frame": frame.values, "body": marker] as [String: Any], withTemplate: "layout"),
            let range = html.range(of: marker)
        else { return nil }
        let parts = (String(html[..<range.lowerBound]), String(html[range.upperBound...]))
        layouts.keep(key, parts)
        return parts
    }
}

/// Rendered layouts by frame; bounded, since each session's token makes frames of its own.
private final class LayoutCache: @unchecked Sendable {
    private let lock = NSLock()
    private var layouts: [String: (before: String, after: String)] = [:]

    func kept(_ key: String) -> (before: String, after: String)? { lock.withLock { layouts[key] } }

    func keep(_ key: String, _ layout: (before: String, after: String)) {
        lock.withLock {
            if layouts.count >= 5_000 { layouts.removeAll() }
            layouts[key] = layout
        }
    }
}

/// What the layout shows around every page.
struct Frame {
    let lang: String
    let dir: String
    let title: String
    let t: [String: String]
    let user: String?
    let role: String?
    let csrf: String?
    let languages: [LanguageChoice]
    let mayWrite: Bool
    let isAdministrator: Bool
    /// The menu, the page's own entry marked `aria-current="page"`.
    let menu: [MenuItem]

    struct MenuItem {
        let href: String
        let label: String
        let current: Bool
    }

    init(_ context: AppRequestContext, title: String) {
        lang = context.language
        dir = ReportLanguage(rawValue: context.language)?.isRightToLeft == true ? "rtl" : "ltr"
        self.title = title
        t = UIText.forLanguage(context.language).catalog
        user = context.account?.username.rawValue
        role = context.account?.role.rawValue
        csrf = context.session?.csrfToken
        languages = UIText.languages.map { LanguageChoice(code: $0, name: UIText.nativeName($0), current: $0 == context.language) }
        mayWrite = context.account.map { $0.role != .viewer } ?? false
        isAdministrator = context.account?.role == .administrator
        let t = UIText.forLanguage(context.language)
        var entries = [("/dashboard", t.dashboard), ("/units", t.units), ("/documents", t.documents)]
        if mayWrite { entries += [("/entry", t.dataEntry), ("/import", t.importData)] }
        entries += [("/ratings", t.ratings), ("/awards", t.awards), ("/polls", t.polls), ("/conferences", t.conferences), ("/check", t.figureCheck), ("/audit", t.audit)]
        let path = context.path
        menu = entries.map { href, label in MenuItem(href: href, label: label, current: path == href || path.hasPrefix(href + "/")) }
    }
}

struct LanguageChoice {
    let code: String
    let name: String
    let current: Bool
}

extension Frame {
    /// Everything the layout shows, as one key.
    var cacheKey: String {
        [lang, title, user ?? "", role ?? "", csrf ?? "", mayWrite ? "w" : "", isAdministrator ? "a" : "", menu.first { $0.current }?.href ?? ""].joined(separator: "\u{1}")
    }

    /// The frame as the layout reads it. A dictionary, because the layout is rendered on every request and
    /// Mustache finds a dictionary's keys at once, where a struct costs a reflection walk per lookup.
    var values: [String: Any] {
        var values: [String: Any] = [
            "lang": lang, "dir": dir, "title": title, "t": t, "mayWrite": mayWrite, "isAdministrator": isAdministrator,
            "languages": languages.map { ["code": $0.code, "name": $0.name, "current": $0.current] as [String: Any] },
            "menu": menu.map { ["href": $0.href, "label": $0.label, "current": $0.current] as [String: Any] },
        ]
        if let user { values["user"] = user }
        if let role { values["role"] = role }
        if let csrf { values["csrf"] = csrf }
        return values
    }
}

enum WebError: Error, CustomStringConvertible {
    case missingResource(String)

    var description: String {
        switch self {
        case .missingResource(let name): "the web library's resource '\(name)' is missing from the build"
        }
    }
}
