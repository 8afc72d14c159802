import Foundation
import FuzzSupport
import StocktakeCore

/// The rank keys the database orders figures by: for any two decimals — written in a file, or the quotient of
/// two, as a weighted rate's roll-up is — the keys' byte order is the numbers' order, and equal numbers get
/// equal keys (ties stay ties). Input: two or three plain decimals separated by '|'; with three, the second
/// value is the quotient of the last two.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOrderKeys(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = bytes(start, count)
    let parts = String(decoding: input, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2 || parts.count == 3, let a = try? Decimal(exactly: parts[0]), let b = try? Decimal(exactly: parts[1]) else { return 0 }
    var second = b
    if parts.count == 3 {
        guard let divisor = try? Decimal(exactly: parts[2]), !divisor.isZero else { return 0 }
        second = b / divisor
        guard !second.isNaN else { return 0 }
    }
    guard let keyA = OrderKey.bytes(a) else {
        invariant(false, "no key for \(a)", input: input)
        return 0
    }
    guard let keyB = OrderKey.bytes(second) else {
        invariant(false, "no key for \(second)", input: input)
        return 0
    }
    let bytesOrder = keyA.lexicographicallyPrecedes(keyB) ? -1 : keyB.lexicographicallyPrecedes(keyA) ? 1 : 0
    let numberOrder = a < second ? -1 : second < a ? 1 : 0
    invariant(bytesOrder == numberOrder, "\(a) vs \(second): keys order \(bytesOrder), numbers \(numberOrder)", input: input)
    return 0
}

runFuzzer { fuzzOrderKeys($0, $1) }
