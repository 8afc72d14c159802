import Foundation

/// A figure as read from a text: where it is, the number as printed and what kind of figure it is.
public struct ReadFigure: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case number
        case percent
        /// `159/182`: the printed number is the numerator.
        case fraction(denominator: Decimal)
        /// `15th`, `12η`, `15-е`, `15.º`, or a number after a rank word ("thứ 15", "المرتبة 15").
        case ordinal
        /// A calendar day as written; `alternative` is the day-month swap a month-first numeric date allows.
        case date(year: Int?, month: Int, day: Int, alternative: Bool)
        case yearRange(from: Int, to: Int)
    }

    public var kind: Kind
    /// Offsets in Unicode scalars, end exclusive.
    public var span: Range<Int>
    /// The number as printed, without its scale word: 20,699.5 in "20,699.5 billion"; 87.36 in "87.36 %".
    public var printed: Decimal
    public var decimals: Int
    /// The scale word's power of ten: 9 for "billion", "tỷ", "mil millones", "млрд".
    public var exponent: Int = 0
    /// Four digits without separators between 1900 and 2100: read as a year, never as an amount.
    public var isYear = false
    /// Printed after ≈ or ~: an estimate, not a claim.
    public var isApproximate = false
    /// Read in a number format the language does not use, or could be read either way ("1,234" in Vietnamese):
    /// a claim resting on it is a guess.
    public var isUncertainFormat = false
    /// Uncertain only for three decimals in the language's own decimal mark ("1,202" in Greek), which the rest of
    /// the text may settle.
    var isAmbiguousDecimal = false
    /// Readable only in the language's convention ("30,87", "1.159.276"): evidence of how the text writes numbers.
    var confirmsConvention = false
    /// A count of months, quarters, weeks or days ("9 tháng", "6 months"): a period, never an amount of a claim.
    public var isPeriod = false
    /// "0,66 điểm %", "2.3 percentage points": a difference of two percentages, not an amount.
    public var isPoints = false
    /// The decimals of a fraction's denominator ("20,5/25,0 tỷ").
    public var denominatorDecimals = 0

    /// The figure's value with its scale.
    public var value: Decimal { exponent == 0 ? printed : printed * Decimal(sign: .plus, exponent: exponent, significand: 1) }

    /// The value in binary floating point: for a first, approximate pass only, never a result.
    var doubleValue: Double { Double(truncating: value as NSNumber) }

    /// Half a unit of the last printed place, scaled: what rounding may hide. A plain whole number without a scale
    /// word is a count and exact.
    public var halfUnit: Decimal {
        if kind == .number || isFraction, decimals == 0, exponent == 0 { return 0 }
        return Decimal(sign: .plus, exponent: exponent - decimals, significand: 5) / 10
    }

    public var isFraction: Bool { if case .fraction = kind { true } else { false } }
    /// A year, a day or a range of years: when, never how much.
    public var isCalendar: Bool {
        switch kind {
        case .date, .yearRange: true
        default: isYear
        }
    }
    public var isAmount: Bool { kind == .number && !isYear && !isApproximate && !isPeriod && !isPoints }
    public var isCount: Bool { isAmount && decimals == 0 && exponent == 0 }

    /// The closed range of true values the printed figure stands for.
    public var interval: ClosedRange<Decimal> { (value - halfUnit)...(value + halfUnit) }

    /// A fraction's denominator as the range of values it stands for, in the numerator's scale.
    public var denominatorInterval: ClosedRange<Decimal>? {
        guard case .fraction(let y) = kind else { return nil }
        let scale = Decimal(sign: .plus, exponent: exponent, significand: 1)
        let half = denominatorDecimals == 0 && exponent == 0 ? 0 : Decimal(sign: .plus, exponent: exponent - denominatorDecimals, significand: 5) / 10
        return (y * scale - half)...(y * scale + half)
    }

    /// "12.221/23.600 tỷ", "20,5/25 billion": amounts, an actual over its plan, not a part of a whole or a rank.
    public var isAmountPair: Bool { isFraction && (decimals > 0 || denominatorDecimals > 0 || exponent != 0) }
}
