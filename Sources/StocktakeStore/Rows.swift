import Foundation
import SQLKit
import StocktakeCore

// Table rows as stored. Column names are spelled out in CodingKeys: converting key names on every row and column
// would cost more than reading the value.

let rowEncoder = SQLQueryEncoder(nilEncodingStrategy: .asNil)
let rowDecoder = SQLRowDecoder()

struct UnitRow: Codable, Sendable {
    var code: String
    var level: String
    var parentCode: String?
    var successorCode: String?
    var mergedOn: String?
    var origin: String

    enum CodingKeys: String, CodingKey {
        case code
        case level
        case parentCode = "parent_code"
        case successorCode = "successor_code"
        case mergedOn = "merged_on"
        case origin
    }
}

extension UnitRow {
    /// The unit as the tree needs it: code, level, parent, merger and origin, without names and groups.
    func unitForTree() throws -> OrgUnit {
        var merger: OrgUnit.Merger?
        if let successor = successorCode, let on = mergedOn {
            merger = OrgUnit.Merger(successor: try storedCode(successor), effective: try stored(on, "merge date", CalendarDate.init(parsing:)))
        }
        return OrgUnit(
            code: try storedCode(code), names: LocalizedText([:]), level: Level(level), parent: try parentCode.map(storedCode),
            merger: merger, origin: try storedChoice(origin))
    }
}

struct UnitNameRow: Codable, Sendable {
    var unitCode: String
    var language: String
    var name: String

    enum CodingKeys: String, CodingKey {
        case unitCode = "unit_code"
        case language
        case name
    }
}

struct UnitGroupRow: Codable, Sendable {
    var unitCode: String
    var kind: String
    var name: String

    enum CodingKeys: String, CodingKey {
        case unitCode = "unit_code"
        case kind
        case name
    }
}

struct IndicatorRow: Codable, Sendable {
    var code: String
    var kind: String
    var better: String
    var decimals: Int
    var weightCode: String?
    var origin: String

    enum CodingKeys: String, CodingKey {
        case code
        case kind
        case better
        case decimals
        case weightCode = "weight_code"
        case origin
    }
}

struct IndicatorTextRow: Codable, Sendable {
    var indicatorCode: String
    var field: String
    var language: String
    var text: String

    enum CodingKeys: String, CodingKey {
        case indicatorCode = "indicator_code"
        case field
        case language
        case text
    }
}

struct DocumentRow: Codable, Sendable {
    var code: String
    var reference: String?
    var issuerCode: String?
    var issuedOn: String?

    enum CodingKeys: String, CodingKey {
        case code
        case reference
        case issuerCode = "issuer_code"
        case issuedOn = "issued_on"
    }
}

struct DocumentTitleRow: Codable, Sendable {
    var documentCode: String
    var language: String
    var title: String

    enum CodingKeys: String, CodingKey {
        case documentCode = "document_code"
        case language
        case title
    }
}

struct TargetRow: Codable, Sendable {
    var code: String
    var unitCode: String
    var indicatorCode: String
    var period: String
    var documentCode: String?
    var bound: String
    var basis: String
    var value: String?
    var upper: String?

    enum CodingKeys: String, CodingKey {
        case code
        case unitCode = "unit_code"
        case indicatorCode = "indicator_code"
        case period
        case documentCode = "document_code"
        case bound
        case basis
        case value
        case upper
    }
}

struct TaskRow: Codable, Sendable {
    var code: String
    var unitCode: String
    var documentCode: String?
    var period: String
    var deadline: String
    var status: String
    var completedOn: String?
    var onTime: Int?

    enum CodingKeys: String, CodingKey {
        case code
        case unitCode = "unit_code"
        case documentCode = "document_code"
        case period
        case deadline
        case status
        case completedOn = "completed_on"
        case onTime = "on_time"
    }
}

struct TaskTitleRow: Codable, Sendable {
    var taskCode: String
    var language: String
    var title: String

    enum CodingKeys: String, CodingKey {
        case taskCode = "task_code"
        case language
        case title
    }
}

struct ObservationRow: Codable, Sendable {
    var unitCode: String
    var indicatorCode: String
    var period: String
    var revision: Int
    var value: String
    var denominator: String?
    var sourceKind: String
    var citation: String
    var enteredBy: String
    var enteredAt: String
    var reason: String?
    /// The data version of the write that stored the row; nil for rows stored before versions were kept.
    var writtenVersion: Int?

    enum CodingKeys: String, CodingKey {
        case unitCode = "unit_code"
        case indicatorCode = "indicator_code"
        case period
        case revision
        case value
        case denominator
        case sourceKind = "source_kind"
        case citation
        case enteredBy = "entered_by"
        case enteredAt = "entered_at"
        case reason
        case writtenVersion = "written_version"
    }

    var revisionKey: RevisionKey { RevisionKey(unitCode: unitCode, indicatorCode: indicatorCode, period: period, revision: revision) }
}

struct RevisionKey: Hashable, Sendable {
    var unitCode: String
    var indicatorCode: String
    var period: String
    var revision: Int
}

struct ComparisonRow: Codable, Sendable {
    var unitCode: String
    var indicatorCode: String
    var period: String
    var revision: Int
    var position: Int
    var basis: String
    var targetCode: String?
    var relation: String
    var percent: String

    enum CodingKeys: String, CodingKey {
        case unitCode = "unit_code"
        case indicatorCode = "indicator_code"
        case period
        case revision
        case position
        case basis
        case targetCode = "target_code"
        case relation
        case percent
    }

    var revisionKey: RevisionKey { RevisionKey(unitCode: unitCode, indicatorCode: indicatorCode, period: period, revision: revision) }
}

struct RankRow: Codable, Sendable {
    var unitCode: String
    var indicatorCode: String
    var period: String
    var revision: Int
    var position: Int
    var peers: String
    var rank: Int

    enum CodingKeys: String, CodingKey {
        case unitCode = "unit_code"
        case indicatorCode = "indicator_code"
        case period
        case revision
        case position
        case peers
        case rank
    }

    var revisionKey: RevisionKey { RevisionKey(unitCode: unitCode, indicatorCode: indicatorCode, period: period, revision: revision) }
}

/// Reads a stored text back into a domain value; a failure means the database was changed outside Stocktake.
func stored<T>(_ text: String, _ what: String, _ parse: (String) throws(ParseError) -> T) throws -> T {
    do { return try parse(text) } catch { throw StoreError.corrupt("\(what): \(error)") }
}

/// A stored figure: the value alone, or a share's numerator and denominator.
func storedFigure(_ value: String, denominator: String?) throws -> Figure {
    let value = try stored(value, "observation value", Decimal.init(exactly:))
    return try denominator.map { .share(numerator: value, denominator: try stored($0, "denominator", Decimal.init(exactly:))) } ?? .value(value)
}

/// A stored result of arithmetic on figures (a roll-up's sum, a ratio, a computed percentage), which may carry
/// all of Decimal's 38 digits, more than a figure entered is allowed (``FigureRule``).
func storedResult(_ text: String, _ what: String) throws -> Decimal {
    guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { throw StoreError.corrupt("\(what) '\(text)'") }
    return value
}

func storedCode<C: RecordCode>(_ text: String) throws -> C {
    guard let code = C(validating: text) else { throw StoreError.corrupt("code '\(text)'") }
    return code
}

func storedChoice<E: RawRepresentable>(_ text: String) throws -> E where E.RawValue == String {
    guard let value = E(rawValue: text) else { throw StoreError.corrupt("'\(text)' as \(E.self)") }
    return value
}

func storedTimestamp(_ text: String) throws -> Date {
    do { return try Date(text, strategy: .iso8601) } catch { throw StoreError.corrupt("timestamp '\(text)'") }
}
