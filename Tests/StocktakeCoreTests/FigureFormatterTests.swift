import Foundation
import Testing
@testable import StocktakeCore

/// Days as each language writes them in full: never a numeric day that readers of another country read the other
/// way round ("12/2/2026"), and Vietnamese as Vietnamese documents date themselves.
@Suite struct FigureFormatterTests {
    @Test func aDayIsWrittenInFullInEachLanguage() throws {
        let day = try CalendarDate(year: 2026, month: 12, day: 2)
        let expected: [(String, String, String)] = [
            ("vi", "vi", "ngày 2 tháng 12 năm 2026"),
            ("en", "en_US", "December 2, 2026"),
            ("es", "es", "2 de diciembre de 2026"),
            ("el", "el", "2 Δεκεμβρίου 2026"),
            ("ru", "ru", "2 декабря 2026 г."),
            ("ar", "ar-u-nu-arab", "٢ ديسمبر، ٢٠٢٦"),
        ]
        for (language, locale, text) in expected {
            let written = FigureFormatter(language: language, locale: Locale(identifier: locale)).date(day)
            // ICU may put a no-break space where a space is written.
            #expect(written.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ") == text, "\(language): \(written)")
        }
    }

    @Test func aRankIsWrittenInTheLanguagesDigits() {
        let rank = Rank(position: 10, of: 63, syntheticPeers: 62)
        let arabic = FigureFormatter(language: "ar", locale: Locale(identifier: "ar-EG")).rank(rank) ?? ""
        #expect(arabic.hasPrefix("١٠ ") && arabic.hasSuffix(" ٦٣*") && !arabic.contains("10"), "\(arabic)")
        #expect(FigureFormatter(language: "en").rank(rank) == "10 of 63*")
    }

    @Test func aMomentGivesItsDayInFullAndItsTime() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let moment = try #require(calendar.date(from: DateComponents(year: 2026, month: 12, day: 2, hour: 15, minute: 30)))
        let vietnamese = FigureFormatter(language: "vi").date(moment)
        #expect(vietnamese.hasSuffix("ngày 2 tháng 12 năm 2026") && vietnamese.contains("15:30"), "\(vietnamese)")
        let english = FigureFormatter(language: "en").date(moment)
        #expect(english.contains("December 2, 2026") && english.contains("3:30"), "\(english)")
    }
}
