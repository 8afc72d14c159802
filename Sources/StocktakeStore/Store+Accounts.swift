import Crypto
import Foundation
import SQLKit
import StocktakeCore

/// An account as stored: the account and its bcrypt password hash. Hashing is the caller's (the web library's)
/// so the store never sees a password.
public struct StoredAccount: Sendable {
    public let account: Account
    public let passwordHash: String
}

/// A signed-in session: who, and the token every form of this session must carry.
public struct SessionRecord: Sendable {
    public let account: Account
    public let csrfToken: String
    public let expiresAt: Date
}

/// A fresh session's secrets, handed to the client once. Only a hash of the token is stored.
public struct SessionCredentials: Sendable {
    public let token: String
    public let csrfToken: String
    public let expiresAt: Date
}

public enum AccountError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    case unknownUnit(String)
    case editorWithoutUnit(String)

    public var description: String {
        switch self {
        case .exists(let name): "an account named '\(name)' exists already"
        case .unknownUnit(let code): "no unit has the code '\(code)'"
        case .editorWithoutUnit(let name): "editor '\(name)' needs a unit: an editor writes only for a unit's subtree"
        }
    }
}

extension RecordAccess {
    // MARK: - Accounts

    public func accounts() async throws -> [Account] {
        try await sql.select().columns("*").from("users").orderBy("username")
            .all(decoding: UserRow.self, with: rowDecoder).map { try $0.account() }
    }

    public func account(named username: String) async throws -> StoredAccount? {
        guard let row = try await sql.select().columns("*").from("users").where("username", .equal, username)
            .first(decoding: UserRow.self, with: rowDecoder) else { return nil }
        return StoredAccount(account: try row.account(), passwordHash: row.passwordHash)
    }
}

extension Store {
    public func addAccount(_ account: Account, passwordHash: String) async throws {
        if account.role == .editor && account.unit == nil { throw AccountError.editorWithoutUnit(account.username.rawValue) }
        try await transaction { tx in
            if try await tx.account(named: account.username.rawValue) != nil { throw AccountError.exists(account.username.rawValue) }
            if let unit = account.unit,
                try await tx.sql.select().column("code").from("units").where("code", .equal, unit.rawValue).first() == nil {
                throw AccountError.unknownUnit(unit.rawValue)
            }
            try await tx.sql.insert(into: "users").model(UserRow(account, passwordHash: passwordHash)).run()
        }
    }

    /// Removes an account and ends its sessions. Returns whether it existed. An account on the roll of an open
    /// vote stays until the vote closes: removing it would shrink the roll under the ballots already cast.
    @discardableResult
    public func removeAccount(named username: String) async throws -> Bool {
        try await transaction { tx in
            guard try await tx.account(named: username) != nil else { return false }
            if let open = try await tx.sql.select().column(SQLColumn("code", table: "polls")).from("poll_roll")
                .join("polls", on: SQLColumn("poll_code", table: "poll_roll"), .equal, SQLColumn("code", table: "polls"))
                .where(SQLColumn("username", table: "poll_roll"), .equal, SQLBind(username))
                .where(SQLColumn("closed", table: "polls"), .equal, SQLBind(0))
                .first(decodingColumn: "code", as: String.self) {
                throw PollError.onOpenRoll(name: username, poll: open)
            }
            try await tx.sql.delete(from: "sessions").where("username", .equal, username).run()
            try await tx.sql.delete(from: "users").where("username", .equal, username).run()
            return true
        }
    }

    // MARK: - Sessions

    public func startSession(for username: Username, lasting duration: TimeInterval = 8 * 3600, now: Date = Date()) async throws -> SessionCredentials {
        let credentials = SessionCredentials(token: Self.randomToken(), csrfToken: Self.randomToken(), expiresAt: now.addingTimeInterval(duration))
        try await sql.insert(into: "sessions")
            .columns("token_hash", "username", "csrf_token", "created_at", "expires_at")
            .values(
                SQLBind(Self.tokenHash(credentials.token)), SQLBind(username.rawValue), SQLBind(credentials.csrfToken),
                SQLBind(now.formatted(.iso8601)), SQLBind(credentials.expiresAt.formatted(.iso8601)))
            .run()
        return credentials
    }

    /// The live session of `token`, or nil when it is unknown or has expired. One query: every signed-in
    /// request makes it.
    public func session(token: String, now: Date = Date()) async throws -> SessionRecord? {
        guard let row = try await sql.select()
            .column(SQLColumn("csrf_token", table: "sessions")).column(SQLColumn("expires_at", table: "sessions"))
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("users")))
            .from("sessions").join("users", on: SQLColumn("username", table: "sessions"), .equal, SQLColumn("username", table: "users"))
            .where(SQLColumn("token_hash", table: "sessions"), .equal, SQLBind(Self.tokenHash(token)))
            .first()
        else { return nil }
        let user = try row.decode(model: UserRow.self, with: rowDecoder)
        guard let expires = try? Date(try row.decode(column: "expires_at", as: String.self), strategy: .iso8601), expires > now else { return nil }
        return SessionRecord(account: try user.account(), csrfToken: try row.decode(column: "csrf_token", as: String.self), expiresAt: expires)
    }

    public func endSession(token: String) async throws {
        try await sql.delete(from: "sessions").where("token_hash", .equal, Self.tokenHash(token)).run()
    }

    /// 256 random bits, URL-safe: session tokens and CSRF tokens.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Sessions are looked up by a hash of their token, so a copy of the database signs nobody in.
    public static func tokenHash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

struct UserRow: Codable, Sendable {
    var username: String
    var passwordHash: String
    var role: String
    var unitCode: String?
    var language: String
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case username
        case passwordHash = "password_hash"
        case role
        case unitCode = "unit_code"
        case language
        case createdAt = "created_at"
    }

    init(_ account: Account, passwordHash: String) {
        username = account.username.rawValue
        self.passwordHash = passwordHash
        role = account.role.rawValue
        unitCode = account.unit?.rawValue
        language = account.language
        createdAt = Date().formatted(.iso8601)
    }

    func account() throws -> Account {
        Account(username: try storedCode(username), role: try storedChoice(role), unit: try unitCode.map(storedCode), language: language)
    }
}
