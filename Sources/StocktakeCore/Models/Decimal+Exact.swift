import Foundation

extension Decimal {
    /// Reads a plain decimal (`20699.5`, `-3`, `0.25`) exactly, refusing anything else: no exponent, no grouping
    /// separators, no trailing text. `Decimal(string:)` alone accepts "12abc" as 12, which an import must refuse.
    public init(exactly text: String) throws(ParseError) {
        // Checked byte by byte: figures are read by the million, and Character iteration is far slower.
        var digitsBefore = 0
        var digitsAfter = 0
        var seenPoint = false
        var valid = true
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0: continue
            case UInt8(ascii: ".") where !seenPoint: seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): if seenPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            default: valid = false
            }
            if !valid { break }
        }
        guard valid, digitsBefore > 0, !seenPoint || digitsAfter > 0, digitsBefore + digitsAfter <= 34,
            let value = Decimal(string: text, locale: Self.posix)
        else {
            throw ParseError(value: text, expected: "a plain decimal number such as 20699.5 (a '.' before decimals, no grouping)")
        }
        self = value
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Decimal places written in a plain decimal's text (`32.2` → 1, `100` → 0).
    public static func decimalPlaces(in text: String) -> Int {
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: point, to: text.endIndex) - 1
    }

    /// Half of the last printed unit: 0.05 for one decimal place. What rounding at `decimals` may hide.
    public static func halfUnit(decimals: Int) -> Decimal {
        Decimal(sign: .plus, exponent: -decimals, significand: 5) / 10
    }

    /// Rounded half away from zero to `decimals` places, the way figures are printed in reports.
    public func rounded(_ decimals: Int) -> Decimal {
        var input = self
        var result = Decimal()
        NSDecimalRound(&result, &input, decimals, .plain)
        return result
    }

    /// The canonical text: no exponent, no trailing zeros, '.' as the separator. What the store and files keep.
    public var exactText: String {
        description
    }

    /// Whether the value is a whole number.
    public var isWhole: Bool { self == rounded(0) }

    public var magnitude: Decimal { self < 0 ? -self : self }
}
