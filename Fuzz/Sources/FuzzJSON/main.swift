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
    if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(input)) {
        let encoded = try? JSONEncoder().encode(value)
        let again = encoded.flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }
        invariant(again == value, "a JSON value does not survive its own encoding: \(value)", input: input)
    }
    return 0
}

runFuzzer { fuzzJSON($0, $1) }
