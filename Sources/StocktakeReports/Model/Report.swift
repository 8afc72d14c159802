import Foundation
import StocktakeCore

/// A summary report as a structure of sentences, each with the facts it prints, built before any rendering, so
/// that every printed figure can be traced to the stored data it comes from and rendered the same in HTML,
/// Markdown and DOCX.
public struct Report: Sendable {
    public let language: ReportLanguage
    public let unit: UnitCode
    public let period: Period
    public let title: String
    public let subtitle: String
    public let sections: [Section]
    /// Said once at the end: which names fell back to another language.
    public let notes: [String]

    /// Every fact the report prints, in reading order.
    public var facts: [Fact] {
        sections.flatMap { $0.blocks.flatMap(\.sentences) }.flatMap(\.facts)
    }
}

public struct Section: Sendable {
    public let id: String
    public let heading: String
    public let blocks: [Block]
}

public enum Block: Sendable {
    case paragraph([Sentence])
    case list([Sentence])
    case table(Table)

    public var sentences: [Sentence] {
        switch self {
        case .paragraph(let sentences), .list(let sentences): sentences
        case .table(let table): table.rows.flatMap { $0 }
        }
    }
}

public struct Table: Sendable {
    public let headers: [String]
    public let rows: [[Sentence]]
    /// Columns holding figures, aligned to the end of the line.
    public let numeric: Set<Int>
}

/// A sentence (or a table cell) as printed, with the facts in it.
public struct Sentence: Sendable {
    public let text: String
    public let facts: [Fact]

    public init(_ text: String, facts: [Fact] = []) {
        self.text = text
        self.facts = facts
    }
}

/// One printed figure: what it is, its exact value, and its text as printed in the report's language.
public struct Fact: Sendable, Hashable {
    public let quantity: Quantity
    public let value: Decimal
    public let text: String

    public enum Quantity: Sendable, Hashable {
        /// The figure stored for the key (for a share, its percentage; the text gives both parts).
        case actual(ObservationKey)
        /// How far the result is above (excess) or below (shortfall) the target, in percent of the target.
        case excess(TargetCode)
        case shortfall(TargetCode)
        /// The distance from a rate's or share's target, in percentage points.
        case gapPoints(TargetCode)
        /// The target's value, stated or derived from the comparison the source stated.
        case bound(TargetCode)
        /// A position among peers, and how many peers there are.
        case rank(ObservationKey, PeerScope)
        case peers(ObservationKey, PeerScope)
        /// The change on a year earlier: percent for amounts and counts, points for rates and shares.
        case change(ObservationKey)
        /// Key tasks of a unit in a period.
        case tasks(UnitCode, Period, TaskCount)
        /// Targets of a unit in a period: all assessed, or those with one status.
        case targets(UnitCode, Period, Status?)
    }

    public enum TaskCount: String, Sendable, Hashable {
        case counted, done, onTime, late
    }
}
