import Mustache
import StocktakeCore

/// How the templates escape `{{value}}`: by Unicode scalar, with the escaping the reports and the chart use.
/// Mustache's own HTML escaping compares Characters, so `<` or `"` followed by a combining mark passes it
/// unescaped. Each template selects this content type on its first line (`{{% CONTENT_TYPE: HTML_SCALARS}}`);
/// a partial starts again from Mustache's default, so partials name it too.
struct ScalarHTMLContent: MustacheContentType {
    static let name = "HTML_SCALARS"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    func escapeText(_ text: String) -> String { Escape.html(text) }

    /// Makes the name known to the template parser; templates naming it fail to load without it.
    static func register() { MustacheContentTypes.register(ScalarHTMLContent(), named: name) }
}
