import Foundation

/// The languages the report is written in. Vietnamese is the source language; the others are translations.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case vi, en, es, el, ru, ar

    public var isRightToLeft: Bool { self == .ar }

    /// The language a name falls back to when the data has none in this one.
    public var fallback: ReportLanguage { self == .en ? .vi : .en }

    /// Arabic prints Arabic-Indic digits unless Latin ones are asked for; the others use their locale's digits.
    public func locale(latinDigits: Bool = false) -> Locale {
        switch self {
        case .ar: Locale(identifier: latinDigits ? "ar" : "ar-u-nu-arab")
        case .en: Locale(identifier: "en_US")
        default: Locale(identifier: rawValue)
        }
    }
}
