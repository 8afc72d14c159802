import Foundation
import FuzzSupport
import StocktakeCore

/// The JSON import reader: any bytes give records or problems naming the file, never a crash; what it reads
/// without a problem survives a write and a second read; a JSON value encodes to JSON that decodes to itself.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzJSON(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = bytes(start, count)
    let set = ImportFile.read(Data(input), file: "fuzz.json", enteredBy: "fuzz", at: Date(timeIntervalSince1970: 1_700_000_000))
    checkRead(set, file: "fuzz.json", input: input)
    // The strict reader: what it reads, written again, reads again, and a second writing is the same bytes.
    if let value = try? JSONValue.parse(Data(input)) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let encoded = try? encoder.encode(value)
        let again = encoded.flatMap { try? JSONValue.parse($0) }
        invariant(again != nil, "a JSON value read by the strict reader does not read back once written: \(value)", input: input)
        let twice = again.flatMap { try? encoder.encode($0) }
        invariant(twice == encoded, "a JSON value's writing is not stable: \(value)", input: input)
    }
    return 0
}

runFuzzer { fuzzJSON($0, $1) }
