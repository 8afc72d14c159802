/// Where a store lives: a SQLite file (the embedded default), SQLite in memory (tests), or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(String)

    /// Reads `postgres://…` (or `postgresql://…`), `sqlite:PATH`, `sqlite::memory:` or a plain file path.
    public init(parsing text: String) throws(StoreError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") || text.hasPrefix("postgres+tcp://") {
            self = .postgres(text.hasPrefix("postgresql://") ? "postgres://" + text.dropFirst("postgresql://".count) : text)
        } else if text == "sqlite::memory:" || text == ":memory:" {
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

    /// The location as given, with any password hidden.
    public var description: String {
        switch self {
        case .sqliteFile(let path): return "sqlite:\(path)"
        case .sqliteMemory: return "sqlite::memory:"
        case .postgres(let url):
            guard let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://"),
                let colon = url[scheme.upperBound..<at].firstIndex(of: ":")
            else { return url }
            return String(url[..<colon]) + ":***" + String(url[at...])
        }
    }
}

public enum StoreError: Error, Equatable, CustomStringConvertible {
    case unsupportedDatabase(String)
    case newerSchema(stored: Int, known: Int)
    case corrupt(String)
    case notFound(kind: String, code: String)
    /// A value the store would not be able to read back; nothing was written.
    case unstorable(String)

    public var description: String {
        switch self {
        case .unsupportedDatabase(let url):
            "'\(url)' is not a supported database: expected postgres://USER@HOST:PORT/DATABASE, a SQLite file path, sqlite:PATH or sqlite::memory:"
        case .newerSchema(let stored, let known):
            "the database has schema version \(stored), newer than this program's \(known): use a newer stocktake"
        case .corrupt(let detail):
            "the database holds a record this program cannot read: \(detail)"
        case .notFound(let kind, let code):
            "no \(kind) has the code '\(code)'"
        case .unstorable(let detail):
            "refused to store \(detail); nothing was written"
        }
    }
}
