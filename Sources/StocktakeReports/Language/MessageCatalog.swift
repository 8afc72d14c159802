import Foundation

/// The words of one language, from `Catalogs/LANG.json`: the report's sentences (`messages`), each a text with
/// `{name}` placeholders or plural forms by CLDR category chosen by `{count}` (or, for `place`, by the ordinal
/// `{n}`); and the pages' words (`pages`), every label, status and hint the web application prints.
public struct MessageCatalog: Sendable {
    public let language: ReportLanguage
    /// Which phrasings were reviewed, and how: kept in the catalog beside the messages.
    public let reviewed: String
    let messages: [String: Message]
    /// The pages' words by key, as the web application's templates and views read them.
    public let pages: [String: String]
    let cardinal: PluralRules
    let ordinal: PluralRules

    enum Message: Sendable {
        case text(String)
        case plural([PluralRules.Category: String])
    }

    public enum CatalogError: Error, CustomStringConvertible {
        case missing(file: String)
        case malformed(file: String, detail: String)
        case unknownMessage(String, language: String)

        public var description: String {
            switch self {
            case .missing(let file): "no message catalog \(file) in the reports library's resources"
            case .malformed(let file, let detail): "\(file): \(detail)"
            case .unknownMessage(let key, let language): "the \(language) catalog has no message '\(key)'"
            }
        }
    }

    public static func load(_ language: ReportLanguage) throws -> MessageCatalog {
        let file = "\(language.rawValue).json"
        guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Catalogs"),
            let data = try? Data(contentsOf: url)
        else { throw CatalogError.missing(file: file) }
        return try MessageCatalog(data, language: language, file: file)
    }

    init(_ data: Data, language: ReportLanguage, file: String) throws {
        struct Shape: Decodable {
            let language: String
            let reviewed: String
            let messages: [String: Form]
            let pages: [String: String]
        }
        enum Form: Decodable {
            case text(String)
            case plural([String: String])
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) { self = .text(text) } else { self = .plural(try container.decode([String: String].self)) }
            }
        }
        let shape: Shape
        do { shape = try JSONDecoder().decode(Shape.self, from: data) } catch {
            throw CatalogError.malformed(file: file, detail: "\(error)")
        }
        guard shape.language == language.rawValue else { throw CatalogError.malformed(file: file, detail: "language '\(shape.language)', expected '\(language.rawValue)'") }
        var messages: [String: Message] = [:]
        for (key, form) in shape.messages {
            switch form {
            case .text(let text): messages[key] = .text(text)
            case .plural(let forms):
                var byCategory: [PluralRules.Category: String] = [:]
                for (name, text) in forms {
                    guard let category = PluralRules.Category(rawValue: name) else {
                        throw CatalogError.malformed(file: file, detail: "\(key): '\(name)' is not a CLDR plural category")
                    }
                    byCategory[category] = text
                }
                guard byCategory[.other] != nil else { throw CatalogError.malformed(file: file, detail: "\(key): no 'other' form") }
                messages[key] = .plural(byCategory)
            }
        }
        self.language = language
        self.reviewed = shape.reviewed
        self.messages = messages
        pages = shape.pages
        cardinal = PluralRules(language: language.rawValue)
        ordinal = PluralRules(language: language.rawValue, kind: .ordinal)
    }

    public var keys: Set<String> { Set(messages.keys) }

    /// The plural forms a message gives, by category; empty for a plain text.
    public func forms(of key: String) -> [PluralRules.Category: String] {
        if case .plural(let forms)? = messages[key] { return forms }
        return [:]
    }

    /// The message `key` with its placeholders filled. A plural message takes the form of the category of
    /// `count` (cardinal) — or of `n` (ordinal) for `place` — and falls back to its `other` form.
    public func text(_ key: String, _ arguments: [String: String] = [:], count: Decimal? = nil) throws -> String {
        guard let message = messages[key] else { throw CatalogError.unknownMessage(key, language: language.rawValue) }
        var text: String
        switch message {
        case .text(let plain): text = plain
        case .plural(let forms):
            let category = count.map { (key == "place" ? ordinal : cardinal).category(NSDecimalNumber(decimal: $0).doubleValue) } ?? .other
            text = forms[category] ?? forms[.other]!
        }
        for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}
