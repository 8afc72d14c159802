/// A language's figure words ready to compare, built once per language: its word lists (read through as
/// `lexicon.of`, `lexicon.exceed` …), the scale words, months and ordinals as scalars, and its separators.
@dynamicMemberLookup
struct Lexicon: Sendable {
    let language: ReportLanguage
    private let words: FigureWords
    let scales: [(word: [Unicode.Scalar], exponent: Int)]
    let months: [(name: [Unicode.Scalar], month: Int)]
    let ordinals: [(word: [Unicode.Scalar], rank: Int)]
    /// The letters ordinal words begin with: most words are passed over at their first letter.
    let ordinalInitials: Set<Unicode.Scalar>
    /// The words a year may follow its day and month with, in any language ("de 2024", "năm 2024", "του 2024").
    static let yearJoiners: WordList = ["de", "năm", "του"]
    /// Currencies written before an amount, in any language: "S/ 890 millones", "Sh53.66 billion", "Rs 231.38".
    static let currencies: [[Unicode.Scalar]] = ["us$", "s/", "$", "€", "£", "ksh", "sh", "rs.", "rs", "rp", "rm"].map { Array($0.unicodeScalars) }
    /// Separators of grouped thousands and of decimals, by digit system (Latin, then Arabic-Indic).
    let groupSeparators: Set<Unicode.Scalar>
    let decimalSeparators: Set<Unicode.Scalar>

    subscript(dynamicMember list: KeyPath<FigureWords, WordList>) -> [[Unicode.Scalar]] { words[keyPath: list].scalars }

    var monthFirstDates: Bool { words.monthFirstDates }

    init(_ language: ReportLanguage) {
        let words = language.figureWords
        self.language = language
        self.words = words
        scales = words.scales.map { (Array($0.word.unicodeScalars), $0.exponent) }
        months = words.months.map { (Array($0.name.unicodeScalars), $0.month) }
        ordinals = words.ordinals.map { (Array($0.word.unicodeScalars), $0.rank) }
        ordinalInitials = Set(ordinals.compactMap(\.word.first))
        switch language {
        case .en:
            groupSeparators = [","]
            decimalSeparators = ["."]
        case .vi, .es, .el:
            groupSeparators = ["."]
            decimalSeparators = [","]
        case .ru:
            groupSeparators = [" ", "\u{00A0}", "\u{202F}"]
            decimalSeparators = [","]
        case .ar:
            // Arabic-Indic digits group with ٬ and mark decimals with ٫; Latin digits in Arabic text use , and .
            groupSeparators = ["٬", ","]
            decimalSeparators = ["٫", "."]
        }
    }

    static let all: [ReportLanguage: Lexicon] = Dictionary(uniqueKeysWithValues: ReportLanguage.allCases.map { ($0, Lexicon($0)) })

    static func of(_ language: ReportLanguage) -> Lexicon { all[language]! }
}
