import ArgumentParser
import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// Who a writing command acts as: a stored account, checked for its role and remit as a signed-in person is, and
/// named in the audit trail. The command line never writes as nobody.
struct ActingOptions: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("The account acting, e.g. --as bacgiang.", discussion: "Defaults to $STOCKTAKE_AS.", valueName: "NAME"))
    var name: String?

    /// The stored account, or a refusal naming what to give.
    func account(in store: Store) async throws -> Account {
        guard let name = name ?? ProcessInfo.processInfo.environment["STOCKTAKE_AS"], !name.isEmpty else {
            throw ValidationError("--as NAME is required: the account this change is made as (stocktake user list shows them; $STOCKTAKE_AS gives a default)")
        }
        do { return try await Actions(store: store).account(named: name) } catch ActionError.unknown(.account, _, _) {
            throw ValidationError("--as '\(name)': no account has this name (stocktake user list shows them; stocktake user add creates one)")
        }
    }
}
