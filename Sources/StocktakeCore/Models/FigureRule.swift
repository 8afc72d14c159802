import Foundation

/// The one rule for what a figure may be, for every door (a JSON number or string, a CSV cell, the entry form,
/// the API) and for the store, which checks it before it writes and again when it reads: a plain decimal with
/// at most 18 significant digits before the point and 6 after. Decimal keeps 38 digits, so 24-digit figures
/// leave room to add up a trillion of them exactly: a nation's sums never round.
public enum FigureRule {
    public static let digitsBefore = 18
    public static let digitsAfter = 6

    /// What a figure must look like, for error messages.
    public static let expected =
        "a plain decimal number such as 20699.5 ('.' before decimals, no grouping, no exponent), with at most \(digitsBefore) digits before the point and \(digitsAfter) after"

    /// Reads a figure's text; the error names the value and what was expected (the caller names the field).
    public static func parse(_ text: String) throws(ParseError) -> Decimal {
        guard let digits = significantDigits(text), digits.before <= digitsBefore, digits.after <= digitsAfter,
            let value = try? Decimal(exactly: text)
        else { throw ParseError(value: String(text.prefix(60)) + (text.count > 60 ? "…" : ""), expected: expected) }
        return value
    }

    /// Whether a value, however it was made, keeps to the rule: what the store checks before it writes.
    public static func allows(_ value: Decimal) -> Bool {
        guard value.isFinite, let digits = significantDigits(value.exactText) else { return false }
        return digits.before <= digitsBefore && digits.after <= digitsAfter
    }

    /// Whether a figure's numbers all keep to the rule.
    public static func allows(_ figure: Figure) -> Bool {
        switch figure {
        case .value(let v): allows(v)
        case .share(let x, let y): allows(x) && allows(y)
        }
    }

    /// Digits before the point (leading zeros not counted) and after it (trailing zeros not counted) of a plain
    /// decimal's text; nil when the text is not a plain decimal (`-`, digits, one `.` with digits on both sides).
    static func significantDigits(_ text: String) -> (before: Int, after: Int)? {
        var before = 0
        var after = 0
        var afterZeros = 0
        var seenPoint = false
        var seenDigit = false
        var leading = true
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0: continue
            case UInt8(ascii: ".") where !seenPoint && seenDigit:
                seenPoint = true
                seenDigit = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                if seenPoint {
                    after += 1
                    afterZeros = byte == UInt8(ascii: "0") ? afterZeros + 1 : 0
                } else if !(leading && byte == UInt8(ascii: "0")) {
                    leading = false
                    before += 1
                }
            default: return nil
            }
        }
        guard seenDigit else { return nil }
        return (before, after - afterZeros)
    }
}
