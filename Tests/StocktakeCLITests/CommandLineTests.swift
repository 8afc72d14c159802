import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing

/// The `stocktake` executable run as a person runs it: a real process, real files, real exit codes, on the
/// engine the suite runs on (the demo is SQLite by definition).
@Suite(.serialized) struct CommandLineTests {
    static let samples = Samples.path

    /// `stocktake import` as the database's administrator, added first on a database that has no account: the
    /// command line writes only as a stored account.
    func importAsAdmin(_ db: String, _ files: String...) throws -> Run {
        if try !run(["user", "list", "--database", db]).output.contains("admin ") {
            let added = try run(["user", "add", "admin", "--role", "administrator", "--database", db])
            #expect(added.status == 0, "\(added.error)")
        }
        return try run(["import", "--database", db, "--as", "admin"] + files)
    }

    /// The executable built beside this test bundle.
    static var executable: URL {
        get throws {
            let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
                .compactMap { $0?.resolvingSymlinksInPath().deletingLastPathComponent() }
            for folder in candidates + candidates.map({ $0.deletingLastPathComponent() }) {
                let url = folder.appendingPathComponent("stocktake")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "stocktake beside \(CommandLine.arguments[0])"])
        }
    }

    struct Run {
        let status: Int32
        let output: String
        let error: String
    }

    func run(_ arguments: [String], in folder: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = try Self.executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var environment = ProcessInfo.processInfo.environment
        environment["STOCKTAKE_DATABASE_URL"] = nil
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self), error: String(decoding: error, as: UTF8.self))
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theDemoPrintsTheBacGiangEvaluation() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(["demo", "--no-serve", "--samples", Self.samples], in: folder)
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        func line(_ name: String) -> String { lines.first { $0.hasPrefix(name) } ?? "" }
        #expect(line("GRDP growth rate").contains("13.85%"))
        #expect(line("GRDP growth rate").contains("1 of 63*"))
        #expect(line("GRDP size").contains("12 of 63*"))
        #expect(line("GRDP size").contains("1 of 14*"))
        #expect(line("State budget revenue").contains("20,699.5 billion VND"))
        #expect(line("State budget revenue").contains("132.20%"))
        #expect(line("State budget revenue").contains("exceeded"))
        #expect(line("Communes meeting the new rural standard").contains("159/182 (87.36%)"))
        #expect(line("Services production value").contains("107.60%"))
        #expect(line("GRDP per capita").contains("+10.6% (stated)"))
        #expect(result.output.contains("Key tasks 2024: 3 of 3 done (3 on time, 0 late)"))
        #expect(result.output.contains("SYNTHETIC"))
        // The review: a rated year, commendation proposals and a closed vote's tally.
        #expect(line("Bac Giang city").contains("100  excellent"))
        #expect(line("Son Dong district").contains("17.5  not_completed"))
        #expect(result.output.contains("Excellent completion of tasks five years in a row: Bac Giang city [accepted] (excellent 2020 (95.5), excellent 2021 (96), excellent 2022 (94), excellent 2023 (97.5), excellent 2024 (100))"))
        #expect(result.output.contains("Leading its emulation cluster: Lang Giang district [proposed, not yet decided]"))
        #expect(result.output.contains("Roll 49, ballots cast 47; shares of ballots cast (47); valid + blank = cast ≤ roll: holds"))
        #expect(result.output.contains("Yen Dung returned once by BG, submitted again and approved by BG and VN (final); Viet Yen submitted, waiting for BG"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("stocktake-demo.sqlite").path))

        // The review commands on the demo's database.
        let db = folder.appendingPathComponent("stocktake-demo.sqlite").path
        let propose = try run(["rating", "propose", "--database", db, "--body", "BG", "--period", "2024", "--as-of", "2025-01-14"])
        #expect(propose.output.contains("under rule BG-2024: at most 3 excellent"))
        let approvals = try run(["approval", "status", "--database", db, "--unit", "BG", "--period", "2024"]).output
        #expect(approvals.split(separator: "\n").contains { $0.hasPrefix("BG-YD") && $0.contains("final") && $0.contains("BG, VN") }, "\(approvals)")
        #expect(approvals.split(separator: "\n").contains { $0.hasPrefix("BG-VY") && $0.contains("submitted") && $0.contains("on_time") })
        #expect(propose.output.split(separator: "\n").contains { $0.hasPrefix("BG-YD") && $0.contains("92.5") && $0.hasSuffix("good (rev. 1)") })
        let override = try run(["rating", "confirm", "--database", db, "--body", "BG", "--period", "2024", "--as-of", "2025-01-14", "--unit", "BG-SD", "--grade", "completed", "--as", "bacgiang"])
        #expect(override.status != 0 && override.error.contains("a reason is required"))
        #expect(try run(["rating", "confirm", "--database", db, "--body", "BG", "--period", "2024", "--as-of", "2025-01-14", "--unit", "BG-SD",
                         "--grade", "completed", "--reason", "flood damage recognised by the Standing Committee", "--as", "bacgiang"]).output.contains("completed, revision 2"))
        let decide = ["award", "decide", "--database", db, "--period", "2024", "--as-of", "2025-01-14", "--rule", "BG-FLAG-CLUSTER", "--unit", "BG-LG"]
        #expect(try run(decide + ["--reject"]).status != 0)
        // Neither --accept nor --reject is a usage error: nothing is decided by default.
        let undecided = try run(decide + ["--as", "bacgiang"])
        #expect(undecided.status == 64 && undecided.error.contains("--accept") && undecided.output.isEmpty)
        #expect(try run(decide + ["--accept", "--as", "bacgiang"]).output.contains("accepted, revision 1"))
        #expect(try run(["award", "candidates", "--database", db, "--period", "2024", "--as-of", "2025-01-14", "--body", "BG"]).output.contains("accepted (rev. 1)"))
        #expect(try run(["poll", "tally", "--database", db, "BG-2024-confidence"]).error.contains("no result is shown, to anyone, before it closes"))
        // The demo keeps its ballot key beside its database; without the key no vote is closed.
        let key = ["--ballot-key-file", db + ".ballot-key"]
        #expect(try run(["poll", "close", "--database", db, "BG-2024-confidence", "--as", "bacgiang"]).error.contains("no ballot key"))
        #expect(try run(["poll", "close", "--database", db, "BG-2024-confidence", "--as", "admin"] + key).error.contains("only the secretary of BG (bacgiang)"))
        #expect(try run(["poll", "close", "--database", db, "BG-2024-confidence", "--as", "bacgiang"] + key).status == 0)
        let empty = try run(["poll", "tally", "--database", db, "BG-2024-confidence"]).output
        #expect(empty.contains("Roll 8, ballots cast 0") && empty.contains("no tally per official is kept or shown"))
        let task = try run(["conference", "task", "--database", db, "BG-2025-01-14-review", "--conclusion", "1", "--as", "bacgiang"])
        #expect(task.output.contains("Key task BG-2025-01-14-review-C1 for BG in 2025, due 2025-02-15"))
        #expect(try run(["conference", "show", "--database", db, "BG-2025-01-14-review"]).output.contains("Conclusion 1: Step up patrols and controls against smuggling, counterfeit and substandard goods and the illegal trade in firecrackers and explosives around Tet → key task BG-2025-01-14-review-C1"))

        // The summary report, written to files and to standard output.
        let html = folder.appendingPathComponent("report-ar.html").path
        let written = try run(["report", "--database", db, "--unit", "BG", "--period", "2024", "--as-of", "2025-01-14", "--lang", "ar", "--format", "html", "--out", html])
        #expect(written.status == 0 && written.output.hasPrefix("Wrote \(html): "))
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<html lang=\"ar\" dir=\"rtl\">"))
        let markdown = try run(["report", "--database", db, "--unit", "BG", "--period", "2024", "--as-of", "2025-01-14", "--lang", "en", "--format", "md"])
        #expect(markdown.output.hasPrefix("# Bac Giang: summary report for 2024"))
        #expect(markdown.output.contains("GRDP growth rate: 1st among 63 provinces."))
        let docx = folder.appendingPathComponent("report-vi.docx").path
        #expect(try run(["report", "--database", db, "--unit", "BG", "--period", "2024", "--lang", "vi", "--format", "docx", "--out", docx]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: docx)).prefix(2) == Data([0x50, 0x4B]))
        #expect(try run(["report", "--database", db, "--unit", "BG", "--period", "2024", "--format", "docx"]).error.contains("--format docx needs --out FILE"))
        #expect(try run(["report", "--database", db, "--unit", "BG", "--period", "2024Q1"]).error.contains("the summary report is yearly"))
        #expect(try run(["report", "--database", db, "--unit", "BG", "--period", "2024", "--lang", "de"]).status != 0)
    }

    @Test func aBadImportPrintsEveryProblemExitsNonZeroAndChangesNothing() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withFresh { db async throws in
        #expect(try importAsAdmin(db, Self.samples + "/bac-giang-2024.json").status == 0)
        let before = try run(["export", "--database", db]).output
        let csv = folder.appendingPathComponent("bad.csv")
        try """
            unit,indicator,period,value,denominator,source_kind,source,reason
            BG,grdp_growth,2023,7.1,,report,annual report,
            BG,nr_communes,2023,150,,report,annual report,
            XX,grdp_growth,2023,7.1,,report,annual report,
            BG,grdp_growth,2023Q7,7.1,,report,annual report,
            """.write(to: csv, atomically: true, encoding: .utf8)
        let result = try run(["import", "--database", db, "--as", "admin", csv.path])
        #expect(result.status == 1)
        #expect(result.error.contains("bad.csv: line 3: field 'value': found '150', expected 'numerator' and 'denominator': nr_communes is a share"))
        #expect(result.error.contains("bad.csv: line 4: field 'unit': found 'XX'"))
        #expect(result.error.contains("bad.csv: line 5: field 'period': found '2023Q7'"))
        #expect(result.error.contains("nothing was imported"))
        #expect(try run(["export", "--database", db]).output == before)
        }
    }

    @Test func exportImportExportIsLossless() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withFresh { first async throws in
        try await TestDatabase.withFresh { second async throws in
        let file = folder.appendingPathComponent("export.json").path
        #expect(try importAsAdmin(first, Self.samples + "/bac-giang-2024.json").status == 0)
        #expect(try run(["generate", "--database", first, "--seed", "3"]).status == 0)
        #expect(try run(["export", "--database", first, "--out", file]).status == 0)
        #expect(try run(["user", "add", "mover", "--role", "administrator", "--database", second]).status == 0)
        #expect(try run(["import", "--database", second, "--as", "mover", file]).status == 0)
        // Everything but authorship: an imported figure is entered by whoever imports it, when they do.
        func withoutAuthorship(_ json: String) -> String {
            json.split(separator: "\n").filter { !$0.contains("\"entered_by\"") && !$0.contains("\"entered_at\"") }.joined(separator: "\n")
        }
        func withoutAuthorship(csv: String) -> String {
            csv.replacingOccurrences(of: #",[^,\n]*,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,"#, with: ",,", options: .regularExpression)
        }
        let again = try run(["export", "--database", second]).output
        #expect(withoutAuthorship(again) == withoutAuthorship(try String(contentsOfFile: file, encoding: .utf8) + "\n"))
        #expect(again.contains("\"entered_by\" : \"mover\"") && !again.contains("\"entered_by\" : \"stocktake generate\""))
        #expect(withoutAuthorship(csv: try run(["export", "--database", first, "--format", "csv"]).output)
            == withoutAuthorship(csv: try run(["export", "--database", second, "--format", "csv"]).output))
        }
        }
    }

    @Test func rankHistoryEvaluateAndValidateWork() async throws {
        try await TestDatabase.withFresh { db async throws in
        #expect(try importAsAdmin(db, Self.samples + "/bac-giang-2024.json").status == 0)
        #expect(try run(["generate", "--database", db, "--seed", "1"]).status == 0)
        let rank = try run(["rank", "--database", db, "--indicator", "grdp_size", "--period", "2024", "--among", "group:region", "--unit", "BG"])
        #expect(rank.status == 0)
        #expect(rank.output.contains("1 of 14  BG"))
        // "13.85 %, first of 63 provinces": ranked by the database among the generated peers.
        let growth = try run(["rank", "--database", db, "--indicator", "grdp_growth", "--period", "2024", "--unit", "BG", "--format", "json"])
        let ranked = try JSONSerialization.jsonObject(with: Data(growth.output.utf8)) as? [[String: Any]]
        #expect(ranked?.count == 63 && ranked?.first?["unit"] as? String == "BG")
        #expect(ranked?.first?["rank"] as? Int == 1 && ranked?.first?["of"] as? Int == 63 && ranked?.first?["value"] as? String == "13.85")
        let json = try run(["evaluate", "--database", db, "--unit", "BG", "--period", "2024", "--as-of", "2025-01-14", "--format", "json"])
        #expect(json.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect((parsed?["results"] as? [Any])?.count == 15)
        let csv = try run(["evaluate", "--database", db, "--unit", "BG", "--period", "2024", "--format", "csv"])
        #expect(csv.output.contains("BG,budget_revenue,20699.5,,BG-2024-budget-central,at_least,~15657.7156,exceeded,132.2,"))
        let history = try run(["history", "--database", db, "--unit", "BG", "--indicator", "budget_revenue", "--period", "2024"])
        #expect(history.output.contains("1 revision"))
        // The sample's stated ranks and comparisons hold; what validate finds is that the nation's roll-ups
        // rest on Bac Giang alone, the only province whose figures the sources give.
        let validate = try run(["validate", "--database", db, "--period", "2024"])
        #expect(validate.status == 1)
        #expect(validate.output.contains("[missing_reports] VN/budget_revenue/2024: 62 of 63 units below have not reported"))
        #expect(!validate.output.contains("rank_mismatch"))
        #expect(!validate.output.contains("comparison_mismatch"))
        // Read from the store root by root, the findings are the whole evaluation's, in its order.
        let evaluation = try await Store.using(try DatabaseLocation(parsing: db)) { store in
            try await store.evaluator(for: .year(2024)).evaluate(period: .year(2024), asOf: Period.year(2024).lastDay)
        }
        #expect(evaluation.findings.count > 1)
        #expect(validate.output.split(separator: "\n").filter { $0.hasPrefix("  - [") && !$0.hasPrefix("  - [unreadable-row]") }
            == evaluation.findings.map { "  - [\($0.code)] \($0)"[...] })
        #expect(try run(["validate", "--database", db, Self.samples + "/bac-giang-2024.json"]).status == 0)
        let unknown = try run(["evaluate", "--database", db, "--unit", "NOPE", "--period", "2024"])
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("'NOPE' is not a stored unit"))
        }
    }

    @Test func aSubmittedFigureIsRefusedByTheCommandLineAndNothingIsWritten() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withFresh { db async throws in
            #expect(try importAsAdmin(db, Self.samples + "/bac-giang-2024.json").status == 0)
            #expect(try run(["user", "add", "ann", "--role", "editor", "--unit", "BG", "--database", db]).status == 0)
            let submitted = try run(["approval", "submit", "--unit", "BG", "--period", "2024", "--as", "ann", "--database", db])
            #expect(submitted.status == 0, "\(submitted.error)")
            #expect(submitted.output.contains("BG 2024: submitted, step 1"))
            let before = try run(["export", "--database", db]).output
            let csv = folder.appendingPathComponent("correction.csv")
            try """
                unit,indicator,period,value,denominator,source_kind,source,reason
                BG,grdp_growth,2024,13.9,,report,annual report,typing slip
                """.write(to: csv, atomically: true, encoding: .utf8)
            let refused = try run(["import", "--database", db, "--as", "ann", csv.path])
            #expect(refused.status == 1)
            #expect(refused.error.contains("correction.csv: line 2: field 'period': found '2024'"), "\(refused.error)")
            #expect(refused.error.contains("BG 2024 is submitted for approval"))
            #expect(try run(["export", "--database", db]).output == before)
            let status = try run(["approval", "status", "--unit", "BG", "--period", "2024", "--database", db])
            #expect(status.output.contains("submitted"), "\(status.output)")
            // The submitter does not approve their own figures; a reason is required to return them.
            #expect(try run(["approval", "approve", "--unit", "BG", "--period", "2024", "--as", "ann", "--database", db]).status != 0)
        }
    }

    @Test func accountsAreAddedListedAndRemoved() async throws {
        try await TestDatabase.withFresh { url async throws in
            #expect(try importAsAdmin(url, Self.samples + "/bac-giang-2024.json").status == 0)
            let added = try run(["user", "add", "ann", "--role", "editor", "--unit", "BG", "--database", url])
            #expect(added.status == 0, "\(added.error)")
            #expect(added.output.contains("Added editor ann for BG") && added.output.contains("Password (shown once): "))
            let editorWithoutUnit = try run(["user", "add", "bob", "--role", "editor", "--database", url])
            #expect(editorWithoutUnit.status != 0 && editorWithoutUnit.error.contains("needs a unit"))
            #expect(try run(["user", "add", "ann", "--database", url]).error.contains("exists already"))
            #expect(try run(["user", "list", "--database", url]).output.contains("ann"))
            #expect(try run(["user", "remove", "ann", "--database", url]).status == 0)
            let left = try run(["user", "list", "--database", url]).output
            #expect(!left.contains("ann") && left.contains("admin"))
        }
    }

    @Test(arguments: ["demo", "init", "import", "export", "generate", "evaluate", "rank", "history", "validate", "serve", "user", "rating", "award", "poll", "conference", "approval", "report", "check", "bench"])
    func everyCommandHasHelp(command: String) throws {
        let result = try run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: stocktake \(command)"))
    }

    @Test func badArgumentsAreRefusedWithTheExpectedForm() throws {
        let result = try run(["evaluate", "--database", "sqlite::memory:", "--unit", "BG", "--period", "2024Q9"])
        #expect(result.status != 0)
        #expect(result.error.contains("2024Q9"))
        #expect(result.error.contains("YYYYQn"))
    }

    @Test func checkExitsNonZeroOnFindingsAndPrintsThemAsTextOrJSON() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let slipped = folder.appendingPathComponent("slipped.md"), clean = folder.appendingPathComponent("clean.md")
        try "Toàn tỉnh có 159/182 xã đạt chuẩn (78,36%).\nQuy mô GRDP xếp thứ 72/63 tỉnh.\n".write(to: slipped, atomically: true, encoding: .utf8)
        try "Toàn tỉnh có 159/182 xã đạt chuẩn (87,36%).\n".write(to: clean, atomically: true, encoding: .utf8)

        let found = try run(["check", slipped.path])
        #expect(found.status == 1)
        #expect(found.output.contains("2 findings") && found.output.contains("(language: vi)"))
        #expect(found.output.contains("slipped.md:1:36: share (high confidence) «78,36%»"))
        #expect(found.output.contains("slipped.md:2:21: rank_beyond_peers (high confidence) «72/63»"))

        let json = try run(["check", slipped.path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((object["findings"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } == ["share", "rank_beyond_peers"])

        let none = try run(["check", clean.path, "--lang", "vi"])
        #expect(none.status == 0 && none.output.contains("0 findings"))
        let refused = try run(["check", clean.path, "--lang", "de"])
        #expect(refused.status != 0 && refused.error.contains("'de'") && refused.error.contains("auto, vi, en, es, el, ru or ar"))
        #expect(try run(["check", clean.path, "--unit", "BG"]).status != 0)
    }
}
