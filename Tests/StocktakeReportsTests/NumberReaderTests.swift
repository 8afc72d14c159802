import Foundation
import StocktakeCore
import Testing
@testable import StocktakeReports

/// The number reader: figures as each language prints them, and random and hostile input.
struct NumberReaderTests {
    func read(_ text: String, _ language: ReportLanguage) -> [ReadFigure] { FigureCheck(language: language).figures(in: text) }

    @Test("each language's separators, digits, percent signs and words, scale words")
    func separatorsAndScales() {
        let cases: [(ReportLanguage, String, Decimal, ReadFigure.Kind)] = [
            (.en, "1,772", 1772, .number), (.en, "20,699.5 billion", Decimal(string: "20699500000000")!, .number),
            (.vi, "20.699,5 tỷ đồng", Decimal(string: "20699500000000")!, .number), (.vi, "207 nghìn tỷ", Decimal(string: "207000000000000")!, .number),
            (.es, "20.699,5 mil millones", Decimal(string: "20699500000000")!, .number), (.es, "87,36 por ciento", Decimal(string: "87.36")!, .percent),
            (.el, "2,04 δισεκατομμύρια", 2_040_000_000, .number), (.el, "13,85%", Decimal(string: "13.85")!, .percent),
            (.ru, "20 699,5", Decimal(string: "20699.5")!, .number), (.ru, "20\u{00A0}699,5 млрд", Decimal(string: "20699500000000")!, .number),
            (.ru, "87,36\u{00A0}%", Decimal(string: "87.36")!, .percent),
            (.ar, "٢٠٬٦٩٩٫٥", Decimal(string: "20699.5")!, .number), (.ar, "٨٧٫٣٦٪", Decimal(string: "87.36")!, .percent),
            (.ar, "20,699.5 مليار", Decimal(string: "20699500000000")!, .number), (.ar, "87.36 في المائة", Decimal(string: "87.36")!, .percent),
            (.en, "15th", 15, .ordinal), (.el, "12η", 12, .ordinal), (.ru, "15-е", 15, .ordinal), (.es, "15.º", 15, .ordinal),
            (.vi, "thứ 15", 15, .ordinal), (.ar, "المرتبة ١٥", 15, .ordinal),
            (.en, "first in the region", 1, .ordinal), (.vi, "đứng thứ nhất", 1, .ordinal), (.es, "el primer lugar", 1, .ordinal),
            (.el, "πρώτη θέση", 1, .ordinal), (.ru, "первое место", 1, .ordinal), (.ar, "المرتبة الأولى", 1, .ordinal),
        ]
        for (language, text, value, kind) in cases {
            let figures = read(text, language)
            #expect(figures.count == 1 && figures.first?.value == value && figures.first?.kind == kind, "\(language) «\(text)»: \(figures)")
        }
        #expect(read("159/182", .vi).first?.kind == .fraction(denominator: 182))
        // References and codes are not figures.
        for (language, text) in [(ReportLanguage.vi, "381-NQ/TU"), (.en, "COVID-19"), (.en, "B2"), (.vi, "3634-CV/TU"), (.en, "No. 18-NQ/TW")] {
            #expect(read(text, language).isEmpty, "\(language) «\(text)»: \(read(text, language))")
        }
    }

    @Test("every number the report formatter prints reads back as the value printed, in every language and digit system")
    func formatterRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        for language in ReportLanguage.allCases {
            for latin in language == .ar ? [false, true] : [false] {
                let format = FigureFormatter(language: language.rawValue, locale: language.locale(latinDigits: latin))
                for _ in 0..<200 {
                    let decimals = Int.random(in: 0...3, using: &generator)
                    let value = Decimal(Int.random(in: 0...999_999_999, using: &generator)) / Decimal(sign: .plus, exponent: decimals, significand: 1)
                    for (text, kind) in [(format.number(value, decimals: decimals), ReadFigure.Kind.number), (format.percent(value, decimals: decimals), .percent)] {
                        let figures = read("a " + text + " b", language)
                        #expect(figures.count == 1 && figures.first?.printed == value && figures.first?.decimals == decimals && figures.first?.kind == kind,
                                "\(language) «\(text)» read as \(figures)")
                    }
                }
            }
        }
    }

    @Test("random and hostile input: no crash, spans inside the text, in order, not overlapping")
    func fuzz() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲,.٫٬ \u{00A0}\u{202F}%٪/-–:;()≈~ab tỷ млрд مليار δισ.\n\u{200F}\u{061C}thstη-еº")
        var inputs = (0..<2000).map { _ in String((0..<Int.random(in: 0...120, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        inputs += [
            String(repeating: "9", count: 100_000), String(repeating: "1,", count: 50_000), String(repeating: "1.", count: 50_000),
            String(repeating: "1 000 ", count: 20_000), "1٢3", "١2٣,٤5", String(repeating: "٬", count: 1000) + "1",
            String(repeating: "31/12/", count: 10_000), String(repeating: "2020-", count: 10_000), "99999999999999999999999999999999999999999 billion",
            String(repeating: "159/182 (87.36%), of which ", count: 2_000),
        ]
        for input in inputs {
            let count = input.unicodeScalars.count
            for language in ReportLanguage.allCases {
                let figures = read(input, language)
                var last = 0
                for figure in figures {
                    #expect(figure.span.lowerBound >= last && figure.span.upperBound <= count && !figure.span.isEmpty)
                    last = figure.span.upperBound
                }
                _ = FigureCheck(language: language).check(input)
            }
        }
        // A figure longer than any printed one is skipped, not read into an overflowing number.
        #expect(read(String(repeating: "9", count: 100), .en).isEmpty)
    }
}
