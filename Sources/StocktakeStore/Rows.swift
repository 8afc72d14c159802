import Foundation
import SQLKit
import StocktakeCore

// Table rows as stored, and their conversion to and from the domain. Column names are the snake_case forms of
// the property names.

let rowEncoder = SQLQueryEncoder(keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
let rowDecoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)

struct UnitRow: Codable, Sendable {
    var code: String
    var level: String
    var parentCode: String?
    var successorCode: String?
    var mergedOn: String?
    var origin: String
}

struct UnitNameRow: Codable, Sendable {
    var unitCode: String
    var language: String
    var name: String
}

struct UnitGroupRow: Codable, Sendable {
    var unitCode: String
    var kind: String
    var name: String
}

struct IndicatorRow: Codable, Sendable {
    var code: String
    var kind: String
    var better: String
    var decimals: Int
    var weightCode: String?
    var origin: String
}

struct IndicatorTextRow: Codable, Sendable {
    var indicatorCode: String
    var field: String
    var language: String
    var text: String
}

struct DocumentRow: Codable, Sendable {
    var code: String
    var reference: String?
    var issuerCode: String?
    var issuedOn: String?
}

struct DocumentTitleRow: Codable, Sendable {
    var documentCode: String
    var language: String
    var title: String
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
}

struct TaskTitleRow: Codable, Sendable {
    var taskCode: String
    var language: String
    var title: String
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

    var revisionKey: RevisionKey { RevisionKey(unitCode: unitCode, indicatorCode: indicatorCode, period: period, revision: revision) }
}

/// Reads a stored text back into a domain value; a failure means the database was changed outside Stocktake.
func stored<T>(_ text: String, _ what: String, _ parse: (String) throws(ParseError) -> T) throws -> T {
    do { return try parse(text) } catch { throw StoreError.corrupt("\(what): \(error)") }
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
