import Foundation
import FuzzSupport
import StocktakeCore

/// A figure as a file writes it: accepted only as a plain decimal, and its canonical text reads back to itself.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzFigures(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = bytes(start, count)
    let text = String(decoding: input, as: UTF8.self)
    // The figure rule every door applies: what it lets in, the store can write and read back.
    if let figure = try? FigureRule.parse(text) {
        invariant(FigureRule.allows(figure), "the rule read '\(text)' but does not allow \(figure)", input: input)
        invariant((try? Decimal(exactly: text)) == figure, "the rule read '\(text)' as \(figure), the store's reader not", input: input)
        invariant((try? FigureRule.parse(figure.exactText)) == figure, "'\(text)' prints as '\(figure.exactText)', which the rule refuses", input: input)
    }
    guard let value = try? Decimal(exactly: text) else { return 0 }
    invariant(text.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) },
              "accepted '\(text)', which is not a plain decimal", input: input)
    let canonical = value.exactText
    let again = try? Decimal(exactly: canonical)
    invariant(again == value, "'\(text)' reads as \(value), whose text '\(canonical)' reads as \(String(describing: again))", input: input)
    invariant(Decimal.decimalPlaces(in: canonical) <= Decimal.decimalPlaces(in: text),
              "'\(text)' prints as '\(canonical)' with more decimals", input: input)
    // Rounding to the places written changes nothing.
    invariant(value.rounded(Decimal.decimalPlaces(in: text)) == value, "'\(text)' changes when rounded to its own places", input: input)
    return 0
}

runFuzzer { fuzzFigures($0, $1) }
