import Foundation
import StocktakeCore

/// Figures as the command line prints them: English number format, the indicator's decimals, percentages with
/// two decimals. Rounding happens here, when printing, and nowhere else.
enum Formatting {
    static let locale = Locale(identifier: "en_US")

    static func number(_ value: Decimal, decimals: Int) -> String {
        value.formatted(.number.precision(.fractionLength(decimals)).locale(locale))
    }

    static func percent(_ value: Decimal, decimals: Int = 2) -> String {
        number(value, decimals: decimals) + " %"
    }

    static func signed(_ text: String, _ value: Decimal) -> String { value > 0 ? "+" + text : text }

    /// `20,699.5 billion VND`, `13.85 %`, `159/182 (87.36 %)`.
    static func figure(_ figure: Figure, indicator: Indicator) -> String {
        switch figure {
        case .share(let x, let y):
            return "\(number(x, decimals: 0))/\(number(y, decimals: 0)) (\(percent(figure.measured, decimals: indicator.decimals)))"
        case .value(let v):
            let measure = indicator.measure["en"]
            return measure == "%" ? percent(v, decimals: indicator.decimals) : "\(number(v, decimals: indicator.decimals)) \(measure)"
        }
    }

    /// `+10.60 %` for amounts and counts, `+1.20 pp` for rates and shares.
    /// A stated change prints as the source printed it (10.6 %), a computed one with two decimals.
    static func change(_ change: Change) -> String {
        let decimals = change.reported ? Decimal.decimalPlaces(in: change.value.exactText) : 2
        let text = change.inPoints ? number(change.value, decimals: decimals) + " pp" : percent(change.value, decimals: decimals)
        return signed(text, change.value) + (change.reported ? " (stated)" : "")
    }

    static func bound(_ target: Target, indicator: Indicator, derived: DerivedValue?) -> String {
        let points = indicator.kind.comparesInPoints || target.basis != .absolute
        func value(_ v: Decimal) -> String {
            if target.basis != .absolute { return percent(v) + (indicator.kind.comparesInPoints ? " pts" : "") + " change" }
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
        if let derived { return "\(stated.0) ≈\(number(derived.estimate, decimals: indicator.decimals)) (derived)" }
        return "\(stated.0) (not stated)"
    }

    /// `12 of 63`, starred when peers are synthetic; blank when there are no peers to rank among.
    static func rank(_ rank: Rank?) -> String {
        guard let rank, rank.of > 1 else { return "" }
        return "\(rank.position) of \(rank.of)" + (rank.syntheticPeers > 0 ? "*" : "")
    }

    static func status(_ status: Status) -> String {
        switch status {
        case .exceeded: "exceeded"
        case .met: "met"
        case .notMet: "not met"
        case .noData: "no data"
        case .notYetDue: "not yet due"
        }
    }
}
