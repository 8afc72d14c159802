/// The time an observation, target or task refers to: a year (`2024`), a quarter (`2024Q1`), a month (`2024-03`)
/// or a term of several years (`2020/2025`).
///
/// A term names its first and last year as the documents do ("the 2020–2025 term"), both included, so that
/// consecutive terms share their boundary year (`2015/2020`, `2020/2025`), as congress terms do.
public enum Period: Hashable, Sendable, CustomStringConvertible, Comparable {
    case year(Int)
    case quarter(Int, Int)
    case month(Int, Int)
    case term(Int, Int)

    public static let expectedForm = "a period as YYYY (2024), YYYYQn (2024Q1), YYYY-MM (2024-03) or YYYY/YYYY (2020/2025), years from 1000"

    /// The longest term read. With years from 1000, the period before any period read (`previous`, `yearEarlier`)
    /// still has real calendar days: `0001` and `1509/5960` once reached years 0 and -2942, and trapped.
    public static let longestTerm = 30

    /// Parses the canonical forms; a term may also be written with a hyphen (`2020-2025`), as press articles do.
    public init(parsing text: String) throws(ParseError) {
        let error = ParseError(value: text, expected: Self.expectedForm)
        func year(_ s: Substring) throws(ParseError) -> Int {
            guard s.count == 4, s.allSatisfy(\.isASCIIDigit), let y = Int(s), y >= 1000 else { throw error }
            return y
        }
        if text.count == 4 {
            self = .year(try year(text[...]))
        } else if text.count == 6, let q = text.firstIndex(where: { $0 == "Q" || $0 == "q" }),
            text.distance(from: text.startIndex, to: q) == 4
        {
            guard let n = Int(text[text.index(after: q)...]), (1...4).contains(n) else { throw error }
            self = .quarter(try year(text[..<q]), n)
        } else if text.count == 7, text.contains("-") {
            let parts = text.split(separator: "-")
            guard parts.count == 2, parts[1].count == 2, parts[1].allSatisfy(\.isASCIIDigit),
                let m = Int(parts[1]), (1...12).contains(m)
            else { throw error }
            self = .month(try year(parts[0]), m)
        } else if text.count == 9, let separator = text.first(where: { $0 == "/" || $0 == "-" }) {
            let parts = text.split(separator: separator)
            guard parts.count == 2 else { throw error }
            let first = try year(parts[0])
            let last = try year(parts[1])
            guard first < last, last - first <= Self.longestTerm else {
                throw ParseError(
                    value: text, expected: "a term whose first year is before its last, at most \(Self.longestTerm) years apart, e.g. 2020/2025")
            }
            self = .term(first, last)
        } else {
            throw error
        }
    }

    public var description: String {
        func year(_ y: Int) -> String { String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y) }
        switch self {
        case .year(let y): return year(y)
        case .quarter(let y, let q): return "\(year(y))Q\(q)"
        case .month(let y, let m): return m < 10 ? "\(year(y))-0\(m)" : "\(year(y))-\(m)"
        case .term(let a, let b): return "\(year(a))/\(year(b))"
        }
    }

    /// The months covered, counted from year 0, first and last included.
    var months: ClosedRange<Int> {
        switch self {
        case .year(let y): return (y * 12)...(y * 12 + 11)
        case .quarter(let y, let q): return (y * 12 + 3 * (q - 1))...(y * 12 + 3 * (q - 1) + 2)
        case .month(let y, let m): return (y * 12 + m - 1)...(y * 12 + m - 1)
        case .term(let a, let b): return (a * 12)...(b * 12 + 11)
        }
    }

    /// Whether every month of `other` lies within this period (a year contains its quarters and months).
    public func contains(_ other: Period) -> Bool {
        months.contains(other.months.lowerBound) && months.contains(other.months.upperBound)
    }

    /// The period of the same kind and length just before this one.
    public var previous: Period {
        switch self {
        case .year(let y): return .year(y - 1)
        case .quarter(let y, let q): return q == 1 ? .quarter(y - 1, 4) : .quarter(y, q - 1)
        case .month(let y, let m): return m == 1 ? .month(y - 1, 12) : .month(y, m - 1)
        case .term(let a, let b): return .term(a - (b - a), a)
        }
    }

    /// The same period a year earlier, the basis of "change on last year" (a term's is the previous term).
    public var yearEarlier: Period {
        switch self {
        case .year(let y): return .year(y - 1)
        case .quarter(let y, let q): return .quarter(y - 1, q)
        case .month(let y, let m): return .month(y - 1, m)
        case .term: return previous
        }
    }

    /// The same period a year later: the period whose ``yearEarlier`` this one is.
    public var yearLater: Period {
        switch self {
        case .year(let y): return .year(y + 1)
        case .quarter(let y, let q): return .quarter(y + 1, q)
        case .month(let y, let m): return .month(y + 1, m)
        case .term(let a, let b): return .term(b, b + (b - a))
        }
    }

    public var firstDay: CalendarDate {
        let m = months.lowerBound
        return try! CalendarDate(year: m / 12, month: m % 12 + 1, day: 1)
    }

    public var lastDay: CalendarDate {
        let m = months.upperBound
        let (year, month) = (m / 12, m % 12 + 1)
        return try! CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
    }

    /// A period is still open on every day up to and including its last day.
    public func isOpen(on day: CalendarDate) -> Bool { day <= lastDay }

    /// Orders by first month, then shorter periods first.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.months.lowerBound, lhs.months.upperBound) < (rhs.months.lowerBound, rhs.months.upperBound)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
