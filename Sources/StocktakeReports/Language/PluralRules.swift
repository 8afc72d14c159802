import _FoundationICU

/// CLDR plural categories chosen by ICU's plural rules, the ones Foundation ships: Russian 21 → one, 5 → many;
/// Arabic 11 → many, 101 → other; English ordinals 2 → two ("2nd").
public struct PluralRules: Sendable {
    public enum Category: String, Sendable, CaseIterable {
        case zero, one, two, few, many, other
    }

    public enum Kind: Sendable {
        /// How many: "1 task", "5 tasks".
        case cardinal
        /// Which one: "1st", "2nd".
        case ordinal
    }

    let language: String
    let kind: Kind

    public init(language: String, kind: Kind = .cardinal) {
        self.language = language
        self.kind = kind
    }

    /// The category of `number` (a count, or a figure with its printed decimals: Russian 2.3 → other).
    public func category(_ number: Double) -> Category {
        var status = U_ZERO_ERROR
        let rules = swift_uplrules_openForType(language, kind == .ordinal ? UPLURAL_TYPE_ORDINAL : UPLURAL_TYPE_CARDINAL, &status)
        guard let rules, status.rawValue <= U_ZERO_ERROR.rawValue else { return .other }
        defer { swift_uplrules_close(rules) }
        var keyword = [UChar](repeating: 0, count: 16)
        let length = swift_uplrules_select(rules, number, &keyword, Int32(keyword.count), &status)
        guard status.rawValue <= U_ZERO_ERROR.rawValue, length > 0 else { return .other }
        return Category(rawValue: String(decoding: keyword.prefix(Int(length)), as: UTF16.self)) ?? .other
    }
}
