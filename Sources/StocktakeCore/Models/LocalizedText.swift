/// A text given in several languages, keyed by BCP 47 language code (`vi`, `en`, `el`, …).
///
/// Vietnamese is the source language of the organizations Stocktake serves, so it is the first fallback when a
/// requested language is missing; after that any language present is used, in code order, so lookups never fail
/// and are deterministic.
public struct LocalizedText: Hashable, Sendable {
    public private(set) var values: [String: String]

    public static let sourceLanguage = "vi"

    public init(_ values: [String: String]) {
        self.values = values
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The text in `language`, else in the source language, else in English, else the first language present.
    public func resolve(_ language: String) -> (language: String, text: String)? {
        for candidate in [language, Self.sourceLanguage, "en"] {
            if let text = values[candidate] { return (candidate, text) }
        }
        return values.sorted { $0.key < $1.key }.first.map { ($0.key, $0.value) }
    }

    /// The text in `language` with fallbacks (see ``resolve(_:)``), or an empty string when there is none.
    public subscript(language: String) -> String {
        resolve(language)?.text ?? ""
    }
}
