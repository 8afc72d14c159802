/// Where a store lives. SQLite is the embedded default: a file, or memory for tests.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(String)
    case sqliteMemory

    /// Reads `sqlite:PATH`, `sqlite::memory:` or a plain file path.
    public init(parsing text: String) throws(StoreError) {
        if text == "sqlite::memory:" || text == ":memory:" {
            self = .sqliteMemory
        } else if text.hasPrefix("sqlite://") {
            self = .sqliteFile(String(text.dropFirst("sqlite://".count)))
        } else if text.hasPrefix("sqlite:") {
            self = .sqliteFile(String(text.dropFirst("sqlite:".count)))
        } else if text.contains("://") {
            throw StoreError.unsupportedDatabase(text)
        } else {
            self = .sqliteFile(text)
        }
    }

    public var description: String {
        switch self {
        case .sqliteFile(let path): "sqlite:\(path)"
        case .sqliteMemory: "sqlite::memory:"
        }
    }
}

public enum StoreError: Error, Equatable, CustomStringConvertible {
    case unsupportedDatabase(String)
    case newerSchema(stored: Int, known: Int)
    case corrupt(String)

    public var description: String {
        switch self {
        case .unsupportedDatabase(let url):
            "'\(url)' is not a supported database: expected a SQLite file path, sqlite:PATH or sqlite::memory:"
        case .newerSchema(let stored, let known):
            "the database has schema version \(stored), newer than this program's \(known): use a newer stocktake"
        case .corrupt(let detail):
            "the database holds a record this program cannot read: \(detail)"
        }
    }
}
