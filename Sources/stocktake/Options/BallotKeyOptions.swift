import ArgumentParser
import Foundation
import StocktakeStore

/// Where the ballot key is: never in the database, so that a copy of the database reads no ballot.
struct BallotKeyOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The file holding the key that seals ballots while a vote is open (stocktake poll key --out FILE writes one).",
            discussion: "Defaults to $STOCKTAKE_BALLOT_KEY_FILE. Keep it apart from the database and its backups."))
    var ballotKeyFile: String?

    var path: String? { ballotKeyFile ?? ProcessInfo.processInfo.environment["STOCKTAKE_BALLOT_KEY_FILE"] }

    /// The key, or nil when none is given.
    func load() throws -> BallotKey? {
        guard let path else { return nil }
        do { return try BallotKey(contentsOfFile: path) } catch let error as BallotKey.Invalid { throw ValidationError(error.description) }
    }

    /// The key, required: opening and closing a vote cannot be done without it.
    func require() throws -> BallotKey {
        guard let key = try load() else {
            throw ValidationError("no ballot key: give --ballot-key-file FILE or set STOCKTAKE_BALLOT_KEY_FILE (stocktake poll key --out FILE writes a new key)")
        }
        return key
    }
}
