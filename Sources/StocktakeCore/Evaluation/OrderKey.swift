import Foundation

/// Bytes whose order is the numeric order of the decimal they encode, so that the database can sort and rank
/// exact figures it cannot compare as numbers: SQLite compares BLOBs and PostgreSQL `bytea` byte by byte
/// (memcmp), whatever the collation, and neither keeps a decimal of 38 digits as a number. Equal decimals get
/// equal keys (1.2 and 1.20), so ties stay ties.
///
/// The layout: a sign byte (negative 0x40, zero 0x80, positive 0xC0); then, for a non-zero value written
/// 0.d₁d₂…dₙ × 10^e with d₁ ≠ 0 and dₙ ≠ 0, the exponent e + 0x8000 in two big-endian bytes and the digits as
/// ASCII. A negative value inverts every byte after the sign and ends with 0xFF, so that a longer magnitude with
/// the same leading digits (−1.23) sorts before the shorter (−1.2).
public enum OrderKey {
    public static func bytes(_ value: Decimal) -> [UInt8]? {
        guard !value.isNaN else { return nil }
        if value.isZero { return [0x80] }
        guard let (digits, exponent) = significantDigits(of: value.magnitude) else { return nil }
        let biased = UInt16(clamping: exponent + 0x8000)
        let body = [UInt8(biased >> 8), UInt8(biased & 0xFF)] + digits.map { 0x30 + $0 }
        return value < 0 ? [0x40] + body.map { 0xFF - $0 } + [0xFF] : [0xC0] + body
    }

    /// The digits without leading or trailing zeros and the exponent e of 0.d₁d₂… × 10^e, read from the plain
    /// text Foundation prints (also accepting an exponent, should it print one).
    static func significantDigits(of magnitude: Decimal) -> (digits: [UInt8], exponent: Int)? {
        let text = magnitude.description.uppercased()
        let parts = text.split(separator: "E", maxSplits: 1)
        guard let mantissa = parts.first, let shift = parts.count == 2 ? Int(parts[1]) : 0 else { return nil }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = pieces[0]
        let fraction = pieces.count == 2 ? pieces[1] : ""
        var digits: [UInt8] = []
        for character in whole + fraction {
            guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
            digits.append(UInt8(digit))
        }
        // The point sits after `whole.count` digits; each leading zero dropped moves it one place left.
        var exponent = whole.count + shift
        while digits.first == 0 {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.last == 0 { digits.removeLast() }
        return digits.isEmpty ? nil : (digits, exponent)
    }
}
