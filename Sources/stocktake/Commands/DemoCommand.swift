import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeWeb

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a fresh SQLite database with the Bac Giang 2024 sample and synthetic peers, evaluate it, rate it, and serve it.",
        discussion: "Demo accounts (password \(DemoCommand.password)): admin (administrator), bacgiang (editor and secretary of Bac Giang), yendung and vietyen (editors of the Yen Dung and Viet Yen districts), viewer.")

    static let password = "stocktake-demo"

    @Option(help: "The SQLite file to create (replaced if it exists).")
    var database = "stocktake-demo.sqlite"

    @Option(help: "The folder holding the sample files. Defaults to Samples/ here or beside the package.")
    var samples: String?

    @Option(help: "table, json or csv.")
    var format: OutputFormat = .table

    @Flag(inversion: .prefixedNo, help: "Serve the database on the web after evaluating it.")
    var serve = true

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let sample = try samplePath("bac-giang-2024.json")
        let districts = try samplePath("bac-giang-districts-2024.json")
        let reviewFile = try samplePath("bac-giang-review-2024.json")
        for suffix in ["", "-wal", "-shm", "-journal", ".ballot-key"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        // The demo's ballot key: the one given, else a new one in a file beside the demo database (readable by
        // its owner only). Beside, not inside: a copy of the database and its -wal alone reads no sealed ballot.
        // A real deployment keeps the key off the database's disk and out of its backups.
        let key: BallotKey
        if let given = try server.ballotKey.load() { key = given } else {
            key = BallotKey.generate()
            do { try key.write(to: database + ".ballot-key") } catch let error as BallotKey.Invalid { throw ValidationError(error.description) }
        }
        let store = try await Store.open(.sqliteFile(database))
        do {
            var data = try Input.read(sample, by: "stocktake demo")
            data.append(try Input.read(districts, by: "stocktake demo"))
            data.append(try Input.read(try samplePath("validation-rules.json"), by: "stocktake demo"))
            let plan = try await store.importChecked(data)
            let period = Period.year(2024)
            let peers = try await store.importChecked(LocatedDataSet(try await peers(in: store, period: period, seed: 1), file: "stocktake generate --seed 1"))
            if format == .table {
                print("Created \(database): imported \(plan.dataSet.recordCount) records from \(sample) and \(districts); generated \(peers.dataSet.units.count) synthetic provinces and \(peers.dataSet.observations.count) synthetic peer figures (seed 1).")
                print("")
            }
            let asOf = try CalendarDate(year: 2025, month: 1, day: 14)
            let output = try await evaluate(store: store, unit: "BG", period: period, asOf: asOf)
            for account in Self.accounts { try await Passwords.addAccount(account, password: Self.password, to: store) }
            let review = try await runReview(store: store, files: [reviewFile], period: period, asOf: asOf, key: key, printing: format == .table)
            let approvals = try await runApprovals(store: store, period: period, printing: format == .table)
            switch format {
            case .table:
                print(output.table())
                print("")
                print(review)
                print("")
                print(approvals)
                print("")
                print("Next: stocktake rank --database \(database) --indicator grdp_growth --period 2024 --among level")
                print("      stocktake report --database \(database) --unit BG --period 2024 --lang ar --format docx --out bac-giang-2024-ar.docx")
                fflush(nil)
            case .json: print(output.json())
            case .csv: print(output.csv())
            }
            if serve {
                print("")
                try await server.serve(store, key: key) { address in
                    print("Stocktake is serving \(address) — sign in as bacgiang (editor and secretary of Bac Giang) or admin, password \(Self.password). Stop with Ctrl-C.")
                    print("See \(address)/ratings?unit=BG&period=2024, \(address)/awards?unit=BG&period=2024, \(address)/polls, \(address)/conferences/BG-2025-01-14-review, \(address)/completeness?unit=BG&period=2024 and \(address)/audit.")
                    fflush(nil)
                }
            }
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// The demo's accounts, one of each role, with editors at two levels of the tree.
    static let accounts: [Account] = [
        Account(username: Username(unchecked: "admin"), role: .administrator, unit: nil, language: "en"),
        Account(username: Username(unchecked: "bacgiang"), role: .editor, unit: UnitCode(unchecked: "BG"), language: "vi"),
        Account(username: Username(unchecked: "yendung"), role: .editor, unit: UnitCode(unchecked: "BG-YD"), language: "vi"),
        Account(username: Username(unchecked: "vietyen"), role: .editor, unit: UnitCode(unchecked: "BG-VY"), language: "vi"),
        Account(username: Username(unchecked: "viewer"), role: .viewer, unit: nil, language: "en"),
    ]

    /// An open confidence vote for the demo's voters; the officials are placeholders, not real people.
    static let poll = ConfidencePoll(
        code: PollCode(unchecked: "BG-2024-confidence"), title: "Lấy phiếu tín nhiệm 2024 (demo)", unit: UnitCode(unchecked: "BG"), period: .year(2024),
        officials: [.init(name: "Official 1 (demo)", position: "Secretary"), .init(name: "Official 2 (demo)", position: "Chair of the People's Committee")],
        base: .cast)

    /// A sample file: in the --samples folder, else Samples/ in the current folder, else beside the package the
    /// executable was built in (…/.build/debug/stocktake → …/Samples).
    func samplePath(_ name: String) throws -> String {
        var candidates: [String] = []
        if let samples { candidates.append(samples + "/" + name) }
        candidates.append("Samples/" + name)
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            folder = folder.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("Samples/" + name).path)
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ValidationError("cannot find \(name): looked in \(candidates.joined(separator: ", ")); pass --samples FOLDER")
        }
        return found
    }
}
