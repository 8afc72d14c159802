/// Tells which of the six languages a text is written in: by script for Greek, Cyrillic and Arabic, by the
/// letters only Vietnamese uses, and by the most frequent short words for Spanish and English.
public enum LanguageDetector {
    public static func detect(_ text: String) -> ReportLanguage {
        var greek = 0, cyrillic = 0, arabic = 0, vietnamese = 0, latin = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            switch scalar.value {
            case 0x0370...0x03FF, 0x1F00...0x1FFF: greek += 1
            case 0x0400...0x04FF: cyrillic += 1
            case 0x0600...0x06FF, 0x0750...0x077F: arabic += 1
            case 0x1EA0...0x1EF9, 0x0102, 0x0103, 0x0110, 0x0111, 0x01A0, 0x01A1, 0x01AF, 0x01B0: vietnamese += 1
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            default: break
            }
        }
        let scripts: [(ReportLanguage, Int)] = [(.el, greek), (.ru, cyrillic), (.ar, arabic)]
        if let (language, count) = scripts.max(by: { $0.1 < $1.1 }), count > latin + vietnamese { return language }
        // Vietnamese marks a letter in most words; 2 % of the letters is far above any loanword in other texts.
        if vietnamese * 50 > latin + vietnamese { return .vi }
        let words = text.lowercased().split { !$0.isLetter }
        let spanish: Set<Substring> = ["de", "la", "el", "los", "las", "y", "que", "en", "del", "por", "con", "una", "para", "se"]
        let english: Set<Substring> = ["the", "of", "and", "to", "in", "is", "was", "for", "with", "on", "by", "that", "were"]
        let es = words.filter { spanish.contains($0) }.count, en = words.filter { english.contains($0) }.count
        return es > en ? .es : .en
    }
}
