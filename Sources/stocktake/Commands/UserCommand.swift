import ArgumentParser
import StocktakeApp
import Foundation
import StocktakeCore
import StocktakeReports
import StocktakeStore
import StocktakeWeb

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add, list and remove the accounts that sign in to the web application.",
        subcommands: [Add.self, List.self, Remove.self, Secretary.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account. Without --password-stdin, a password is generated and printed once.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The sign-in name: letters, digits, '.', '_' or '-'.") var username: String
        @Option(help: "administrator, editor or viewer.") var role: Account.Role = .viewer
        @Option(help: "The unit whose subtree an editor may write to (required for editors).") var unit: String?
        @Option(help: "The language of the pages: vi, en, es, el, ru or ar.") var language = "vi"
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func run() async throws {
            guard let name = Username(validating: username) else { throw ValidationError("user name '\(username)': expected \(Username.expectedForm)") }
            let unitCode = try unit.map { text in
                guard let code = UnitCode(validating: text) else { throw ValidationError("unit '\(text)': expected \(UnitCode.expectedForm)") }
                return code
            }
            guard ReportLanguage(rawValue: language) != nil else { throw ValidationError("--language '\(language)': expected vi, en, es, el, ru or ar") }
            let password: String
            var generated = false
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("no password on standard input") }
                password = line
            } else {
                password = Store.randomToken().prefix(16).description
                generated = true
            }
            let account = Account(username: name, role: role, unit: unitCode, language: language)
            try await database.withStore(create: true) { store in
                do { try await Passwords.addAccount(account, password: password, to: store) } catch let error as AccountError {
                    throw ValidationError(error.description)
                } catch let error as PasswordError {
                    throw ValidationError(error.description)
                }
            }
            print("Added \(role.rawValue) \(name)\(unitCode.map { " for \($0) and the units below it" } ?? "").")
            if generated { print("Password (shown once): \(password)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let accounts = try await database.withStore { try await $0.accounts() }
            var table = TextTable(["User", "Role", "Unit", "Language"])
            for a in accounts { table.add([a.username.rawValue, a.role.rawValue, a.unit?.rawValue ?? "", a.language]) }
            print(accounts.isEmpty ? "No accounts." : table.render())
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account and end its sessions.")
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String

        func run() async throws {
            let removed: Bool
            do { removed = try await database.withStore { try await $0.removeAccount(named: username) } } catch let error as PollError {
                throw ValidationError(error.description)
            }
            guard removed else { throw ValidationError("no account is named '\(username)'") }
            print("Removed \(username).")
        }
    }

    struct Secretary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Name an account the secretary of a body: the one person who opens and closes the body's confidence votes.")
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String
        @Option(help: "The body, e.g. BG.") var of: String
        @OptionGroup var acting: ActingOptions

        func run() async throws {
            try await database.withStore { store in
                try await Actions(store: store).nameSecretary(username, of: of, as: try await acting.account(in: store), via: .commandLine)
            }
            print("\(username) is the secretary of \(of).")
        }
    }
}

extension Account.Role: ExpressibleByArgument {}
