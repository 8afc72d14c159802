/// A language's figure words as scalar arrays, built once per language, with its separators.
struct Lexicon: Sendable {
    let language: ReportLanguage
    let scales: [(word: [Unicode.Scalar], exponent: Int)]
    let percentWords, of, among, rankBefore, ordinalSuffixes, ofWhich: [[Unicode.Scalar]]
    let exceed, reach, target, up, down, from, to, compared, bounds, years, and: [[Unicode.Scalar]]
    let months: [(name: [Unicode.Scalar], month: Int)]
    let ordinals: [(word: [Unicode.Scalar], rank: Int)]
    /// The letters ordinal words begin with: most words are passed over at their first letter.
    let ordinalInitials: Set<Unicode.Scalar>
    let monthFirstDates: Bool
    let dayJoiners: [[Unicode.Scalar]]
    /// The words a year may follow its day and month with, in any language ("de 2024", "năm 2024", "του 2024").
    static let yearJoiners = ["de", "năm", "του"].scalarWords
    /// Separators of grouped thousands and of decimals, by digit system (Latin, then Arabic-Indic).
    let groupSeparators: Set<Unicode.Scalar>
    let decimalSeparators: Set<Unicode.Scalar>

    init(_ language: ReportLanguage) {
        let words = language.figureWords
        self.language = language
        scales = words.scales.map { (Array($0.word.unicodeScalars), $0.exponent) }
        percentWords = words.percentWords.scalarWords
        of = words.of.scalarWords.sorted { $0.count > $1.count }
        among = words.among.scalarWords.sorted { $0.count > $1.count }
        rankBefore = words.rankBefore.scalarWords
        ordinalSuffixes = words.ordinalSuffixes.scalarWords.sorted { $0.count > $1.count }
        ofWhich = words.ofWhich.scalarWords
        exceed = words.exceed.scalarWords
        reach = words.reach.scalarWords
        target = words.target.scalarWords
        up = words.up.scalarWords
        down = words.down.scalarWords
        from = words.from.scalarWords
        to = words.to.scalarWords
        compared = words.compared.scalarWords
        bounds = words.bounds.scalarWords
        years = words.years.scalarWords
        and = words.and.scalarWords
        months = words.months.map { (Array($0.name.unicodeScalars), $0.month) }
        ordinals = words.ordinals.map { (Array($0.word.unicodeScalars), $0.rank) }
        ordinalInitials = Set(ordinals.compactMap(\.word.first))
        monthFirstDates = words.monthFirstDates
        dayJoiners = words.dayJoiners.scalarWords
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
