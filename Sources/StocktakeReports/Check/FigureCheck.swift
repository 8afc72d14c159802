import Foundation
import StocktakeCore

/// Finds every figure in a review text that contradicts its own arithmetic or, given the stored figures, the store.
/// Claims are read within a sentence (a table row is one), from the figures and the few words between them.
public struct FigureCheck: Sendable {
    public let language: ReportLanguage
    public let stored: StoredFigures?

    public init(language: ReportLanguage, stored: StoredFigures? = nil) {
        self.language = language
        self.stored = stored
    }

    /// Checks `text` in `language`, or in the language it is written in when that is nil, listing the findings
    /// at `minimum` confidence or above.
    public static func check(_ text: String, language: ReportLanguage? = nil, stored: StoredFigures? = nil,
                             minimum: FigureFinding.Confidence = .medium) -> CheckResult {
        FigureCheck(language: language ?? LanguageDetector.detect(text), stored: stored).read(text).result(minimum: minimum)
    }

    public func check(_ string: String) -> CheckResult { read(string).result() }

    /// Every claim of the text that the check reads, refuted or not.
    public func read(_ string: String) -> CheckReading {
        let text = ScalarText(string)
        let lexicon = Lexicon.of(language)
        let figures = NumberReader(lexicon: lexicon).figures(in: text)
        let sentences = Self.sentences(of: text, figures: figures)
        let arabicDigits = figures.contains { ScalarText.digit(text.scalars[$0.span.lowerBound])?.system ?? 0 > 0 }
        let format = FigureFormatter(language: language.rawValue, locale: language.locale(latinDigits: !arabicDigits))
        var claims: [ReadClaim] = []
        var paragraph = 0, first = 0
        for sentence in sentences {
            // A paragraph starts after an empty line; the bases a share names earlier are looked for in the last
            // 600 scalars of it (a bounded look back, so that the check stays linear in the text).
            let window = max(paragraph, sentence.range.lowerBound - 600)
            if let blank = Self.lastBlankLine(in: text, before: sentence.range.lowerBound, after: window) { paragraph = blank }
            let from = max(paragraph, window)
            while first < sentence.figures.lowerBound, figures[first].span.lowerBound < from { first += 1 }
            let sentenceFigures = Array(figures[sentence.figures])
            // A year is a word of the sentence to its arithmetic ("so với năm 2022; trong đó …"), never a figure.
            var arithmetic = SentenceClaims(text: text, lexicon: lexicon, range: sentence.range, figures: sentenceFigures.filter { !$0.isYear }, format: format)
            arithmetic.earlier = figures[first..<max(first, sentence.figures.lowerBound)].suffix(40).filter { !$0.isYear }
            claims += arithmetic.arithmetic()
            if let stored {
                claims += SentenceClaims(text: text, lexicon: lexicon, range: sentence.range, figures: sentenceFigures, format: format).stored(stored).map(ReadClaim.init)
            }
        }
        return CheckReading(language: language, figures: figures.count, sentences: sentences.count, claims: claims)
    }

    /// The figures of a text as the check reads them.
    func figures(in string: String) -> [ReadFigure] {
        NumberReader(lexicon: .of(language)).figures(in: ScalarText(string))
    }

    /// The offset after the last empty line between `start` and `end`, if any.
    static func lastBlankLine(in text: ScalarText, before end: Int, after start: Int) -> Int? {
        var index = end - 1
        while index > start {
            if text.scalars[index] == "\n" {
                var previous = index - 1
                while previous > start, ScalarText.isSpace(text.scalars[previous]) { previous -= 1 }
                if text.scalars[previous] == "\n" { return index + 1 }
            }
            index -= 1
        }
        return nil
    }

    /// "тыс. кв. м, что …", "Ανατ. Μακεδονία" is not: a full stop that a lower-case word follows on the same line,
    /// or that ends a word of one to four letters written with a capital and another letter ("TP. Đà Nẵng"), ends an
    /// abbreviation, not a sentence.
    static func isAbbreviation(_ text: ScalarText, before index: Int) -> Bool {
        var next = index + 1
        while next < text.count, ScalarText.isSpace(text.scalars[next]) { next += 1 }
        if next < text.count, text.scalars[next] != "\n", text.scalars[next].properties.isLowercase { return true }
        var start = index
        while start > 0, ScalarText.isLetter(text.scalars[start - 1]) { start -= 1 }
        let word = text.scalars[start..<index]
        return (2...4).contains(word.count) && word.allSatisfy { $0.properties.isUppercase }
    }

    /// Sentences as ranges of the text with the range of their figures: a sentence ends at . ! ? ؟ … or a line
    /// break that no figure contains.
    static func sentences(of text: ScalarText, figures: [ReadFigure]) -> [(range: Range<Int>, figures: Range<Int>)] {
        var sentences: [(Range<Int>, Range<Int>)] = []
        var start = 0, figure = 0, firstFigure = 0, index = 0
        func close(at end: Int) {
            if text.scalars[start..<end].contains(where: { !ScalarText.isSpace($0) && $0 != "\n" }) { sentences.append((start..<end, firstFigure..<figure)) }
            start = end
            firstFigure = figure
        }
        while index < text.count {
            if figure < figures.count, index >= figures[figure].span.lowerBound {
                index = figures[figure].span.upperBound
                figure += 1
                continue
            }
            let scalar = text.scalars[index]
            let next = index + 1 < text.count ? text.scalars[index + 1] : "\n"
            if scalar == "\n" || scalar == "!" || scalar == "?" || scalar == "؟" || scalar == "…"
                || (scalar == "." && (ScalarText.isSpace(next) || next == "\n" || next == "\"" || next == "»" || next == ")" || next == "<")
                    && !Self.isAbbreviation(text, before: index)) {
                close(at: index + 1)
            }
            index += 1
        }
        figure = figures.count
        close(at: text.count)
        return sentences
    }
}
