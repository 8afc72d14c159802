/// A day in the proleptic Gregorian calendar, with no time of day and no time zone.
///
/// Deadlines and issue dates are days as written in documents ("6 December 2024"), so they are kept as such
/// rather than as instants, which would shift with the reader's time zone.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws(ParseError) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else {
            throw ParseError(
                value: "\(year)-\(month)-\(day)", expected: "a real calendar day (YYYY-MM-DD)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { throw ParseError(value: text, expected: "a date as YYYY-MM-DD, e.g. 2024-12-06") }
        do { try self.init(year: y, month: m, day: d) } catch {
            throw ParseError(value: text, expected: "a real calendar day as YYYY-MM-DD, e.g. 2024-12-06")
        }
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A value that could not be read, with what was expected instead. Its description is a complete sentence for
/// people; callers add the file, line or field.
public struct ParseError: Error, Equatable, CustomStringConvertible {
    public let value: String
    public let expected: String

    public init(value: String, expected: String) {
        self.value = value
        self.expected = expected
    }

    public var description: String { "'\(value)' is not valid: expected \(expected)" }
}
