import HummingbirdBcrypt
import StocktakeCore
import StocktakeStore

/// Passwords are kept as bcrypt hashes only; this is the one place that hashes and checks them.
public enum Passwords {
    public static let defaultCost: UInt8 = 12
    /// The hash checked when no account has the name, so a wrong name costs as long as a wrong password and
    /// the answer's timing does not reveal which accounts exist.
    static let decoy = Bcrypt.hash("stocktake-decoy-password", cost: defaultCost)

    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// The account when `password` is right for `username`; nil otherwise, whether or not the account exists.
    static func verify(_ username: String, _ password: String, in store: Store) async throws -> Account? {
        let stored = try await store.account(named: username)
        let matches = Bcrypt.verify(password, hash: stored?.passwordHash ?? decoy)
        return matches ? stored?.account : nil
    }

    /// Adds an account with a freshly hashed password: what `stocktake user add` and the demo call.
    public static func addAccount(_ account: Account, password: String, to store: Store, cost: UInt8 = defaultCost) async throws {
        guard password.count >= 8 else { throw PasswordError.tooShort }
        try await store.addAccount(account, passwordHash: hash(password, cost: cost))
    }
}

public enum PasswordError: Error, CustomStringConvertible {
    case tooShort

    public var description: String { "a password needs at least 8 characters" }
}
