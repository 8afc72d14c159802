import Testing
@testable import StocktakeCore

@Suite struct PeriodTests {
    @Test(arguments: ["2024", "2024Q1", "2024Q4", "2024-03", "2024-12", "2020/2025", "1000", "9999-01"])
    func parsePrintRoundTrip(text: String) throws {
        #expect(try Period(parsing: text).description == text)
    }

    @Test func everyPeriodOfSeveralYearsRoundTrips() throws {
        for year in 1990...2035 {
            let periods: [Period] = [.year(year), .term(year, year + 5)] + (1...4).map { .quarter(year, $0) } + (1...12).map { .month(year, $0) }
            for period in periods { #expect(try Period(parsing: period.description) == period) }
        }
    }

    @Test func termsMayBeWrittenWithAHyphenAsArticlesDo() throws {
        #expect(try Period(parsing: "2020-2025") == .term(2020, 2025))
    }

    @Test(arguments: ["", "24", "2024Q5", "2024Q0", "2024-13", "2024-00", "2025/2020", "2024/2024", "20x4", "2024-3", "2024 ", "Q1", "0001", "0999", "1509/5960", "2000/2031"])
    func malformedPeriodsAreRefused(text: String) {
        #expect(throws: ParseError.self) { try Period(parsing: text) }
    }

    @Test func containment() {
        #expect(Period.year(2024).contains(.quarter(2024, 2)))
        #expect(Period.year(2024).contains(.month(2024, 12)))
        #expect(Period.quarter(2024, 1).contains(.month(2024, 3)))
        #expect(!Period.quarter(2024, 1).contains(.month(2024, 4)))
        #expect(Period.term(2020, 2025).contains(.year(2024)))
        #expect(!Period.year(2024).contains(.term(2020, 2025)))
        #expect(!Period.year(2024).contains(.year(2023)))
    }

    /// An API fuzzer's period: a term of 4,451 years whose previous term began in year -2942, and the trap when
    /// its first day was asked for took the server down.
    @Test func thePeriodsBeforeTheEarliestAndLongestReadHaveRealDays() throws {
        for text in ["1000", "1000Q1", "1000-01", "1000/1030"] {
            let period = try Period(parsing: text)
            #expect(period.previous.firstDay < period.firstDay && period.yearEarlier.firstDay < period.firstDay)
        }
    }

    @Test func previousAndYearEarlier() {
        #expect(Period.year(2024).previous == .year(2023))
        #expect(Period.quarter(2024, 1).previous == .quarter(2023, 4))
        #expect(Period.quarter(2024, 3).yearEarlier == .quarter(2023, 3))
        #expect(Period.month(2024, 1).previous == .month(2023, 12))
        #expect(Period.month(2024, 7).yearEarlier == .month(2023, 7))
        #expect(Period.term(2020, 2025).previous == .term(2015, 2020))
    }

    @Test func aYearLaterUndoesAYearEarlier() throws {
        for text in ["2024", "2024Q1", "2024Q4", "2024-01", "2024-12", "2020/2025", "1000/1030"] {
            let period = try Period(parsing: text)
            #expect(period.yearLater.yearEarlier == period, "\(text)")
            #expect(period.yearEarlier.yearLater == period, "\(text)")
        }
        #expect(Period.term(2020, 2025).yearLater == .term(2025, 2030))
    }

    @Test func daysAndOpenness() throws {
        #expect(Period.month(2024, 2).lastDay == (try CalendarDate(parsing: "2024-02-29")))
        #expect(Period.quarter(2023, 2).firstDay == (try CalendarDate(parsing: "2023-04-01")))
        #expect(Period.year(2024).isOpen(on: try CalendarDate(parsing: "2024-12-31")))
        #expect(!Period.year(2024).isOpen(on: try CalendarDate(parsing: "2025-01-01")))
    }

    @Test func calendarDatesRefuseDaysThatDoNotExist() {
        for text in ["2023-02-29", "2024-04-31", "2024-1-01", "2024/01/01", "x"] {
            #expect(throws: ParseError.self) { try CalendarDate(parsing: text) }
        }
    }
}
