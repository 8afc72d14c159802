import SQLKit

/// What reads and writes records: the store itself, or one of its transactions. The queries are written once, on
/// this protocol, and run the same on either.
public protocol RecordAccess: Sendable {
    var sql: any SQLDatabase { get }
}

/// One transaction of a store: every query through it sees, and is part of, the same unit of work.
public struct Transaction: RecordAccess {
    public let sql: any SQLDatabase
}
