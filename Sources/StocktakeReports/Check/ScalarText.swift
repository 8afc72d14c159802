/// A text as an array of Unicode scalars: offsets are stable and every scan is linear. A lower-cased twin of the
/// same length serves word matching (a scalar whose lower case is longer than one scalar keeps its own).
struct ScalarText: Sendable {
    let scalars: [Unicode.Scalar]
    let lower: [Unicode.Scalar]
    /// Where each line starts, for positions in constant work per finding however many there are.
    let lineStarts: [Int]

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        self.scalars = scalars
        lineStarts = [0] + scalars.indices.filter { scalars[$0] == "\n" }.map { $0 + 1 }
        lower = scalars.map { scalar in
            guard scalar.properties.changesWhenLowercased else { return scalar }
            let mapped = scalar.properties.lowercaseMapping.unicodeScalars
            return mapped.count == 1 ? mapped.first! : scalar
        }
    }

    var count: Int { scalars.count }

    func string(_ range: Range<Int>) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[range])
        return String(text)
    }

    /// Line and column (both from 1, columns in scalars) of an offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        // The last line start at or before the offset, by bisection.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    // MARK: - Scalars

    /// Marks that steer bidirectional text and print nothing (ICU puts them around Arabic figures).
    static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x061C, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{00A0}" || scalar == "\u{202F}" || scalar == "\u{2009}" || scalar == "\t"
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic && digit(scalar) == nil }

    /// Letters of the scripts whose words a digit may not touch ("B2", "COVID-19"); Arabic prefixes (و، ب) may.
    static func isNonArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) && !(0x0600...0x06FF).contains(scalar.value)
    }

    /// The digit's value and its system: Latin, Arabic-Indic or Eastern Arabic-Indic.
    static func digit(_ scalar: Unicode.Scalar) -> (value: Int, system: Int)? {
        switch scalar.value {
        case 0x30...0x39: (Int(scalar.value - 0x30), 0)
        case 0x660...0x669: (Int(scalar.value - 0x660), 1)
        case 0x6F0...0x6F9: (Int(scalar.value - 0x6F0), 2)
        default: nil
        }
    }

    /// The first offset at or after `index` that is not a bidirectional mark.
    func skippingMarks(_ index: Int) -> Int {
        var index = index
        while index < count, Self.isIgnorable(scalars[index]) { index += 1 }
        return index
    }

    /// The first offset at or after `index` that is neither a space nor a mark.
    func skippingSpaces(_ index: Int, limit: Int = 3) -> Int {
        var index = skippingMarks(index), skipped = 0
        while index < count, skipped < limit, Self.isSpace(scalars[index]) {
            index = skippingMarks(index + 1)
            skipped += 1
        }
        return index
    }

    // MARK: - Words

    /// Whether a word may start at `index`: no letter right before it.
    func isWordStart(_ index: Int) -> Bool { index == 0 || !Self.isLetter(lower[index - 1]) }

    /// Whether `word` (lower case) is written at `index`, as a whole word.
    func hasWord(_ word: [Unicode.Scalar], at index: Int) -> Bool {
        guard index >= 0, index + word.count <= count else { return false }
        for offset in 0..<word.count where lower[index + offset] != word[offset] { return false }
        if let last = word.last, Self.isLetter(last), index + word.count < count, Self.isLetter(lower[index + word.count]) { return false }
        return true
    }

    /// The first of `words` written at `index`, as a whole word; its length.
    func word(from words: [[Unicode.Scalar]], at index: Int) -> Int? {
        words.first { hasWord($0, at: index) }?.count
    }

    /// Whether one of `words` occurs as a whole word in `range`.
    func contains(_ words: [[Unicode.Scalar]], in range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        for index in range where index == 0 || !Self.isWordContinuation(lower[index - 1]) {
            for word in words where index + word.count <= range.upperBound && hasWord(word, at: index) { return true }
        }
        return false
    }

    /// The length of the currency written right before `end` ("S/", "Sh", "Rs."), not inside a longer word and not
    /// before `start`: an amount's prefix, not part of a figure or a code.
    func currency(endingAt end: Int, notBefore start: Int = 0) -> Int? {
        Lexicon.currencies.first { currency in
            let from = end - currency.count
            return from >= start && lower[from..<end].elementsEqual(currency) && (from == 0 || !Self.isLetter(scalars[from - 1]))
        }?.count
    }

    /// Whether one of `words` ends `range` (spaces and marks aside), as a whole word.
    func ends(with words: [[Unicode.Scalar]], in range: Range<Int>) -> Bool {
        var end = range.upperBound
        while end > range.lowerBound, Self.isSpace(scalars[end - 1]) || Self.isIgnorable(scalars[end - 1]) { end -= 1 }
        return words.contains { word in
            let start = end - word.count
            return start >= range.lowerBound && hasWord(word, at: start) && (start == 0 || !Self.isWordContinuation(lower[start - 1]))
        }
    }

    /// A letter that would make a match the middle of a word; Arabic's one-letter prefixes (و، ب، ل، ف) do not.
    private static func isWordContinuation(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) && !["و", "ب", "ل", "ف"].contains(scalar)
    }
}
