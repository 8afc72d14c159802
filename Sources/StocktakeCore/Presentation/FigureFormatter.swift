import Foundation

/// Figures as people read them in one language: the locale's digits and separators (Foundation's ICU formats),
/// the indicator's decimals, percentages as the locale writes them. Rounding happens here, when printing, and
/// nowhere else. Words (units of measure, "pp") come from the data or from the small table below.
public struct FigureFormatter: Sendable {
    public let language: String
    public let locale: Locale
    /// The words figures carry in this language, where the caller has them (see ``word(_:)``).
    public let words: [Word: String]

    public init(language: String) {
        self.init(language: language, locale: Locale(identifier: language == "en" ? "en_US" : language))
    }

    /// A formatter whose words are in `language` and whose digits and separators are `locale`'s (Arabic with
    /// Arabic-Indic digits is `ar-u-nu-arab`).
    public init(language: String, locale: Locale, words: [Word: String] = [:]) {
        self.language = language
        self.locale = locale
        self.words = words
    }

    public static let english = FigureFormatter(language: "en")

    public func number(_ value: Decimal, decimals: Int) -> String {
        value.formatted(.number.precision(.fractionLength(decimals)).locale(locale))
    }

    /// `13.85%` (en), `13,85%` (vi): `value` is in percent, not a fraction.
    public func percent(_ value: Decimal, decimals: Int = 2) -> String {
        (value / 100).formatted(.percent.precision(.fractionLength(decimals)).locale(locale))
    }

    /// A count with its share of a base: `12 (25.00%)`; a share of an empty base is 0.
    public func count(_ count: Int, of base: Int) -> String {
        "\(number(Decimal(count), decimals: 0)) (\(percent(base > 0 ? Decimal(count) * 100 / Decimal(base) : 0)))"
    }

    public func signed(_ text: String, _ value: Decimal) -> String { value > 0 ? "+" + text : text }

    /// `20,699.5 billion VND`, `13.85%`, `159/182 (87.36%)`.
    public func figure(_ figure: Figure, indicator: Indicator) -> String {
        switch figure {
        case .share(let x, let y):
            return "\(number(x, decimals: 0))/\(number(y, decimals: 0)) (\(percent(figure.measured, decimals: indicator.decimals)))"
        case .value(let v):
            let measure = indicator.measure[language]
            return measure == "%" ? percent(v, decimals: indicator.decimals) : "\(number(v, decimals: indicator.decimals)) \(measure)"
        }
    }

    /// The figure's number alone, at the indicator's precision: what a chart axis or a table cell shows.
    public func plain(_ figure: Figure, indicator: Indicator) -> String {
        if case .share = figure { return percent(figure.measured, decimals: indicator.decimals) }
        return indicator.measure[language] == "%" ? percent(figure.measured, decimals: indicator.decimals) : number(figure.measured, decimals: indicator.decimals)
    }

    /// `+10.60%` for amounts and counts, `+1.20 pp` for rates and shares. A stated change prints as the source
    /// printed it (10.6 %), a computed one with two decimals.
    public func change(_ change: Change) -> String {
        let decimals = change.reported ? Decimal.decimalPlaces(in: change.value.exactText) : 2
        let text = change.inPoints ? number(change.value, decimals: decimals) + " " + word(.points) : percent(change.value, decimals: decimals)
        return signed(text, change.value) + (change.reported ? " (\(word(.stated)))" : "")
    }

    /// The target's bound: `≥ 8.00%`, `≥ ≈15,657.7 (derived)`, `≥ (not stated)`.
    public func bound(_ target: Target, indicator: Indicator, derived: DerivedValue?) -> String {
        let points = indicator.kind.comparesInPoints || target.basis != .absolute
        func value(_ v: Decimal) -> String {
            if target.basis != .absolute { return percent(v) + (indicator.kind.comparesInPoints ? " " + word(.points) : "") + " " + word(.change) }
            return points ? percent(v, decimals: indicator.decimals) : number(v, decimals: indicator.decimals)
        }
        let stated: (String, Decimal?) =
            switch target.bound {
            case .atLeast(let v): ("≥", v)
            case .atMost(let v): ("≤", v)
            case .exactly(let v): ("=", v)
            case .between(let low, let high): ("\(value(low)) –", high)
            }
        if let v = stated.1 { return "\(stated.0) \(value(v))" }
        if let derived { return "\(stated.0) ≈\(number(derived.estimate, decimals: indicator.decimals)) (\(word(.derived)))" }
        return "\(stated.0) (\(word(.notStated)))"
    }

    /// How a target's result compares: achievement for amounts and counts, the gap in points for rates and shares.
    /// Against a ceiling ("spending ≤ 463.3") a ratio above 100 % is the bad side, so it is said in words: how far
    /// over or under the ceiling ("33.30% over the ceiling"), never as an achievement to be read as success.
    public func achievement(_ result: TargetResult) -> String? {
        if result.target.bound.isCeiling {
            if let ratio = result.achievement { return ceiling(percent(abs(ratio - 1) * 100), side: ratio - 1) }
            if let gap = result.gapPoints { return ceiling(number(abs(gap), decimals: 2) + " " + word(.points), side: gap) }
        }
        return result.achievement.map { percent($0 * 100) } ?? result.gapPoints.map { signed(number($0, decimals: 2), $0) + " " + word(.points) }
    }

    /// `distance` over a ceiling when `side` is positive, under it when negative, at it when zero.
    func ceiling(_ distance: String, side: Decimal) -> String {
        if side == 0 { return word(.atCeiling) }
        return word(side > 0 ? .overCeiling : .underCeiling).replacingOccurrences(of: "{value}", with: distance)
    }

    /// `12 of 63`, starred when peers are synthetic; nil when there are no peers to rank among.
    public func rank(_ rank: Rank?) -> String? {
        guard let rank, rank.of > 1 else { return nil }
        // In the language's digits, as every other number on the page (Arabic-Indic in Arabic).
        return "\(number(Decimal(rank.position), decimals: 0)) \(word(.of)) \(number(Decimal(rank.of), decimals: 0))" + (rank.syntheticPeers > 0 ? "*" : "")
    }

    public func status(_ status: Status) -> String {
        switch status {
        case .exceeded: word(.exceeded)
        case .met: word(.met)
        case .notMet: word(.notMet)
        case .noData: word(.noData)
        case .notYetDue: word(.notYetDue)
        }
    }

    /// A moment as the language writes it, the day in full: "December 2, 2026 at 3:30 PM", "15:30 ngày 2 tháng 12
    /// năm 2026". Never a numeric day, which readers of another country read the other way round.
    public func date(_ date: Date) -> String {
        guard language == "vi" else { return date.formatted(Date.FormatStyle(date: .long, time: .shortened).locale(locale)) }
        let day = Calendar(identifier: .gregorian).dateComponents(in: .current, from: date)
        return date.formatted(Date.FormatStyle(date: .omitted, time: .shortened).locale(locale)) + " "
            + Self.vietnamese(day: day.day ?? 1, month: day.month ?? 1, year: day.year ?? 1970)
    }

    /// A day as the language writes it in full: "December 2, 2026", "2 de diciembre de 2026", "ngày 2 tháng 12 năm
    /// 2026" (ICU's Vietnamese "2 tháng 12, 2026" is not how Vietnamese documents date themselves).
    public func date(_ day: CalendarDate) -> String {
        if language == "vi" { return Self.vietnamese(day: day.day, month: day.month, year: day.year) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) else { return day.description }
        return date.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: locale, calendar: calendar, timeZone: calendar.timeZone))
    }

    static func vietnamese(day: Int, month: Int, year: Int) -> String { "ngày \(day) tháng \(month) năm \(year)" }

    // MARK: - Words

    public enum Word: CaseIterable, Sendable {
        case points, stated, change, derived, notStated, of, exceeded, met, notMet, noData, notYetDue
        /// "{value} over the ceiling", "{value} under the ceiling", "at the ceiling".
        case overCeiling, underCeiling, atCeiling
    }

    /// The few words figures carry: the ones given (the pages' catalog gives them in every language), else
    /// Vietnamese or English.
    public func word(_ word: Word) -> String {
        if let given = words[word] { return given }
        let vietnamese = language == "vi"
        switch word {
        case .points: return vietnamese ? "điểm %" : "pp"
        case .stated: return vietnamese ? "theo nguồn" : "stated"
        case .change: return vietnamese ? "thay đổi" : "change"
        case .derived: return vietnamese ? "suy ra" : "derived"
        case .notStated: return vietnamese ? "không nêu" : "not stated"
        case .of: return vietnamese ? "/" : "of"
        case .exceeded: return vietnamese ? "vượt" : "exceeded"
        case .met: return vietnamese ? "đạt" : "met"
        case .notMet: return vietnamese ? "không đạt" : "not met"
        case .noData: return vietnamese ? "chưa có số liệu" : "no data"
        case .notYetDue: return vietnamese ? "chưa đến hạn" : "not yet due"
        case .overCeiling: return vietnamese ? "cao hơn mức trần {value}" : "{value} over the ceiling"
        case .underCeiling: return vietnamese ? "thấp hơn mức trần {value}" : "{value} under the ceiling"
        case .atCeiling: return vietnamese ? "bằng mức trần" : "at the ceiling"
        }
    }
}
