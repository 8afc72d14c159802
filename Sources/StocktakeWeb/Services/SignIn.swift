import Foundation
import StocktakeCore
import StocktakeStore

/// The one rule for signing in, from the sign-in page and the API alike: the throttle counts the attempt first,
/// then the password is checked off the request threads.
struct SignIn: Sendable {
    let store: Store
    let throttle: LoginThrottle
    let checks: PasswordChecks

    enum Outcome: Sendable {
        case signedIn(Account)
        /// Wrong name or password (or a name longer than any account's): the same answer either way.
        case refused
        case tooManyAttempts(retryAfter: Int)
        /// Too many passwords are being checked at once; nothing was counted.
        case busy
    }

    func attempt(_ username: String, _ password: String, from address: String) async throws -> Outcome {
        switch await throttle.reserve(name: username, address: address) {
        case .nameTooLong: return .refused
        case .refused(let wait): return .tooManyAttempts(retryAfter: wait)
        case .allowed: break
        }
        let account: Account?
        do {
            account = try await Passwords.verify(username, password, in: store, checks: checks)
        } catch {
            await throttle.notChecked(name: username, address: address)
            if error is PasswordChecks.Busy { return .busy }
            throw error
        }
        guard let account else { return .refused }
        await throttle.succeeded(name: username, address: address)
        return .signedIn(account)
    }
}
