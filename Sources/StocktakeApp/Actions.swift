import Foundation
import StocktakeCore
import StocktakeStore

/// The actions of the review, each written once: pages, the API and the command line call these and only map
/// their answers. Every action takes the acting account, checks its role and remit (or the secretary, or the
/// reason rule) here, and writes with its audit row in one transaction; a refusal is an ``ActionError`` and
/// writes nothing.
public struct Actions: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The stored account named `name`: who the command line acts as (`--as NAME`), checked like any other.
    public func account(named name: String) async throws -> Account {
        guard let stored = try await store.account(named: name) else {
            throw ActionError.unknown(.account, code: name)
        }
        return stored.account
    }

    /// The unit and the units above it: all a remit check needs, without reading the tree.
    func lineage(of text: String) async throws -> (unit: OrgUnit, tree: UnitTree) {
        var lineage: [OrgUnit] = []
        if let code = UnitCode(validating: text) { lineage = try await store.lineage(of: code) }
        guard let unit = lineage.first, unit.code.rawValue == text else { throw ActionError.unknown(.unit, code: text) }
        return (unit, UnitTree(lineage))
    }

    /// Refuses unless `account` writes for `unit`: administrators anywhere, editors in their unit's subtree.
    func requireRemit(_ account: Account, over unit: UnitCode, in tree: UnitTree) throws {
        guard account.mayWrite(to: unit, in: tree) else {
            throw ActionError.refused(.outsideRemit(account: account.username, role: account.role, unit: unit))
        }
    }

    func requireRemit(_ account: Account, over unit: UnitCode) async throws {
        try requireRemit(account, over: unit, in: try await lineage(of: unit.rawValue).tree)
    }

    func requireAdministrator(_ account: Account, to action: String) throws {
        guard account.role == .administrator else { throw ActionError.refused(.administratorsOnly(account: account.username, action: action)) }
    }

    /// Reasons made of blanks are no reasons.
    static func reason(_ text: String?) -> String? {
        text.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }

    /// The longest comment a person writes beside a step: a confirmation of an unusual figure, the reason of a
    /// return or a reopening.
    static let longestComment = 1000

    /// ``reason(_:)`` of a comment, refused with its field when longer than ``longestComment`` characters.
    static func comment(_ text: String?, field: String) throws -> String? {
        guard let text = reason(text) else { return nil }
        guard text.count <= longestComment else {
            throw ActionError.invalid(field: field, value: String(text.prefix(40)) + "…", expected: "a comment of at most \(longestComment) characters")
        }
        return text
    }
}
