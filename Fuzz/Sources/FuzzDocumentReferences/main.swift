import Foundation
import FuzzSupport
import StocktakeCore

/// A document reference that parses prints as NUMBER-KIND/ISSUER or No. N, which parses back to the same reference.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDocumentReferences(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = bytes(start, count)
    let text = String(decoding: input, as: UTF8.self)
    guard let reference = try? DocumentReference(parsing: text) else { return 0 }
    let printed = reference.description
    let again = try? DocumentReference(parsing: printed)
    invariant(again == reference, "'\(text)' reads as \(reference), printed '\(printed)', which reads as \(String(describing: again))", input: input)
    invariant(again?.description == printed, "'\(printed)' prints differently once re-read", input: input)
    return 0
}

runFuzzer { fuzzDocumentReferences($0, $1) }
