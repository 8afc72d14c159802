import Foundation
import FuzzSupport
import StocktakeCore

/// The CSV import reader: any bytes give records or problems naming the file and a line of it, never a crash;
/// what it reads without a problem survives a JSON round trip.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = bytes(start, count)
    let set = ImportFile.read(Data(input), file: "fuzz.csv", enteredBy: "fuzz", at: Date(timeIntervalSince1970: 1_700_000_000))
    // Lines as an editor counts them: a line ends at LF, CRLF or a lone CR.
    let lines = 1 + input.indices.filter { input[$0] == 0x0A || (input[$0] == 0x0D && ($0 + 1 == input.count || input[$0 + 1] != 0x0A)) }.count
    for problem in set.problems {
        if case .line(let line) = problem.location {
            invariant((1...lines).contains(line), "a problem at line \(line) of a \(lines)-line file: \(problem)", input: input)
        }
    }
    checkRead(set, file: "fuzz.csv", input: input)
    return 0
}

runFuzzer { fuzzCSV($0, $1) }
