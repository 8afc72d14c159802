import Foundation
import FuzzSupport
import StocktakeCore

/// A period (and a calendar date) that parses prints in its canonical form, which parses back to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPeriods(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = bytes(start, count)
    let text = String(decoding: input, as: UTF8.self)
    if let period = try? Period(parsing: text) {
        let printed = period.description
        let again = try? Period(parsing: printed)
        invariant(again == period, "'\(text)' reads as \(period), printed '\(printed)', which reads as \(String(describing: again))", input: input)
        invariant(printed.utf8.count <= 9, "'\(text)' prints as '\(printed)'", input: input)
        // The periods an evaluation compares with have real days too (these trap otherwise).
        for earlier in [period.previous, period.yearEarlier] {
            invariant(earlier < period && earlier.firstDay <= earlier.lastDay, "'\(text)': \(earlier) is not before it", input: input)
        }
        invariant(period.firstDay <= period.lastDay, "'\(text)' ends before it begins", input: input)
    }
    if let date = try? CalendarDate(parsing: text) {
        let printed = date.description
        let again = try? CalendarDate(parsing: printed)
        invariant(again == date, "'\(text)' reads as \(date), printed '\(printed)', which reads as \(String(describing: again))", input: input)
    }
    return 0
}

runFuzzer { fuzzPeriods($0, $1) }
