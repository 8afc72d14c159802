import Foundation
import Testing
@testable import StocktakeReports

/// The six catalogs say the same things: every message of the source, with its placeholders, and plural forms
/// for every category the language's CLDR rules choose.
@Suite struct CatalogTests {
    static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{[a-zA-Z]+\}/).map { String($0.output) })
    }

    @Test(arguments: ReportLanguage.allCases)
    func everyCatalogHasEveryMessageWithItsPlaceholders(language: ReportLanguage) throws {
        let source = try MessageCatalog.load(.en)
        let catalog = try MessageCatalog.load(language)
        #expect(catalog.keys == source.keys, "\(language): missing \(source.keys.subtracting(catalog.keys).sorted()), extra \(catalog.keys.subtracting(source.keys).sorted())")
        #expect(!catalog.reviewed.isEmpty)
        let cardinal = PluralRules(language: language.rawValue)
        let ordinal = PluralRules(language: language.rawValue, kind: .ordinal)
        let counts = (0...250).map(Double.init) + [1.5, 2.3, 0.5]
        for key in source.keys.sorted() {
            let expected = Self.placeholders(try source.text(key, count: 7))
            let forms = catalog.forms(of: key)
            let texts = forms.isEmpty ? [try catalog.text(key)] : Array(forms.values)
            if key == "place" {
                // A place may be a word ("thứ nhất"), but the general form prints the number.
                #expect(Self.placeholders(forms[.other] ?? "").contains("{n}"), "\(language) place: \(forms)")
            } else {
                for text in texts { #expect(Self.placeholders(text) == expected, "\(language) \(key): \(text)") }
            }
            // A plural message has a form for every category its rules choose (a form absent falls back to other,
            // which would print the wrong grammatical number).
            if !source.forms(of: key).isEmpty {
                let rules = key == "place" ? ordinal : cardinal
                let needed = Set(counts.map { rules.category($0) })
                #expect(needed.isSubset(of: Set(forms.keys)), "\(language) \(key): forms \(forms.keys.map(\.rawValue).sorted()), needed \(needed.map(\.rawValue).sorted())")
            }
        }
    }

    /// The pages' words: every key the English catalog has, none else, none empty, with its placeholders.
    @Test(arguments: ReportLanguage.allCases)
    func everyCatalogHasEveryWordOfThePages(language: ReportLanguage) throws {
        let source = try MessageCatalog.load(.en).pages
        let pages = try MessageCatalog.load(language).pages
        #expect(Set(pages.keys) == Set(source.keys), "\(language): missing \(Set(source.keys).subtracting(pages.keys).sorted()), extra \(Set(pages.keys).subtracting(source.keys).sorted())")
        for (key, text) in source {
            #expect(pages[key].map(Self.placeholders) == Self.placeholders(text), "\(language) \(key): \(pages[key] ?? "")")
            #expect(pages[key]?.trimmingCharacters(in: .whitespaces).isEmpty == false, "\(language) \(key) is empty")
        }
        // The vote form splits each official's line on ";": every language's hint shows that separator.
        #expect(pages["officialsHint"]?.contains(";") == true)
    }

    @Test func russianAndArabicChooseTheirPluralCategories() {
        let numbers: [Double] = [1, 2, 3, 5, 11, 21, 101]
        #expect(numbers.map { PluralRules(language: "ru").category($0) } == [.one, .few, .few, .many, .many, .one, .one])
        #expect(numbers.map { PluralRules(language: "ar").category($0) } == [.one, .two, .few, .few, .many, .many, .other])
        #expect(numbers.map { PluralRules(language: "en").category($0) } == [.one, .other, .other, .other, .other, .other, .other])
        #expect([1, 2, 3, 4, 11, 21, 22, 23].map { PluralRules(language: "en", kind: .ordinal).category($0) } == [.one, .two, .few, .other, .other, .one, .two, .few])
    }

    @Test func russianAndArabicCountsReadRight() throws {
        let ru = try MessageCatalog.load(.ru)
        let points = try [1, 2, 3, 5, 11, 21, 101].map { try ru.text("change_points", ["count": "\($0)"], count: Decimal($0)) }
        #expect(points == [
            "1 процентный пункт", "2 процентных пункта", "3 процентных пункта", "5 процентных пунктов", "11 процентных пунктов",
            "21 процентный пункт", "101 процентный пункт",
        ])
        #expect(try ru.text("change_points", ["count": "2,3"], count: Decimal(string: "2.3")!) == "2,3 процентного пункта")
        let ar = try MessageCatalog.load(.ar)
        let forms = ar.forms(of: "peers_province")
        let numbers = [1, 2, 3, 5, 11, 21, 101]
        let categories: [PluralRules.Category] = [.one, .two, .few, .few, .many, .many, .other]
        for (n, category) in zip(numbers, categories) {
            let text = try ar.text("peers_province", ["count": "\(n)"], count: Decimal(n))
            #expect(text == forms[category]?.replacingOccurrences(of: "{count}", with: "\(n)"), "ar \(n) → \(category): \(text)")
        }
        // Three to ten take the plural, eleven to ninety-nine the singular: the forms differ.
        #expect(forms[.few] != forms[.many] && forms[.one] != forms[.two])
        let en = try MessageCatalog.load(.en)
        #expect(try [1, 2, 3, 12, 21].map { try en.text("place", ["n": "\($0)"], count: Decimal($0)) } == ["1st", "2nd", "3rd", "12th", "21st"])
    }
}
