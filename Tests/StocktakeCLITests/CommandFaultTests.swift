import Foundation
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing

/// The command line's small faults: reading commands that created a database, refusals that looked like usage
/// errors, and imports that took the file's word for who entered a figure.
extension CommandLineTests {
    @Test func readingCommandsRefuseAMissingDatabaseAndCreateNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("missing.sqlite").path
        let commands: [[String]] = [
            ["evaluate", "--unit", "BG", "--period", "2024"],
            ["export", "--out", folder.appendingPathComponent("out.json").path],
            ["rank", "--indicator", "grdp_growth", "--period", "2024"],
            ["history", "--unit", "BG", "--indicator", "grdp_growth", "--period", "2024"],
            ["validate", "--period", "2024"],
            ["report", "--unit", "BG", "--period", "2024", "--lang", "en"],
        ]
        for command in commands {
            let result = try run(command + ["--database", db])
            #expect(result.status == 1, "\(command): \(result.error)")
            #expect(result.error.hasPrefix("error: no database at '\(db)'"), "\(command): \(result.error)")
            #expect(!FileManager.default.fileExists(atPath: db), "\(command) created the file")
        }
    }

    @Test func aRefusalIsOneErrorLineWithStatusOneNotAUsageText() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        #expect(try importAsAdmin(db, Self.samples + "/bac-giang-2024.json").status == 0)
        let refused = try run(["evaluate", "--database", db, "--unit", "ZZ", "--period", "2024"])
        #expect(refused.status == 1)
        #expect(refused.error.hasPrefix("error: --unit 'ZZ' is not a stored unit"))
        #expect(refused.error.split(separator: "\n").count == 1 && !refused.error.contains("USAGE"))
        // A command line that does not parse is still a usage error.
        let usage = try run(["evaluate", "--database", db, "--unit", "BG"])
        #expect(usage.status == 64 && usage.error.contains("--period"))
    }

    @Test func anImportIsEnteredByTheImportingAccountWhateverTheFileSays() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        #expect(try importAsAdmin(db, Self.samples + "/bac-giang-2024.json").status == 0)
        let file = folder.appendingPathComponent("spoofed.json")
        try Data("""
            {"format": "stocktake/1", "observations": [{"unit": "BG", "indicator": "grdp_size", "period": "2019", "value": "1",
             "source": {"kind": "report", "citation": "r"}, "entered_by": "chairman", "entered_at": "2001-01-01T00:00:00Z"}]}
            """.utf8).write(to: file)
        #expect(try run(["user", "add", "clerk", "--role", "editor", "--unit", "BG", "--database", db]).status == 0)
        let imported = try run(["import", "--database", db, "--as", "clerk", file.path])
        #expect(imported.status == 0, "\(imported.error)")
        let history = try run(["history", "--database", db, "--unit", "BG", "--indicator", "grdp_size", "--period", "2019", "--format", "json"])
        #expect(history.output.contains("\"clerk\"") && !history.output.contains("chairman") && !history.output.contains("2001-01-01"), "\(history.output)")
    }

    @Test func aCSVExportOfTheDemoImportsBackIntoTheSameDatabase() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        #expect(try importAsAdmin(db, Self.samples + "/bac-giang-2024.json").status == 0)
        let csv = folder.appendingPathComponent("export.csv").path
        #expect(try run(["export", "--database", db, "--format", "csv", "--out", csv]).status == 0)
        let again = try run(["import", "--database", db, "--as", "admin", csv])
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("Imported 0 records") && again.output.contains("15 already stored unchanged"), "\(again.output)")
    }
}

/// The command line acts as a stored account, checked as a signed-in person is: no `--as`, an unknown name, or
/// a change outside the account's remit is refused with one line and nothing written; what is done is audited
/// under the account's name.
extension CommandLineTests {
    @Test func theCommandLineWritesOnlyAsAStoredAccountWithinItsRemit() async throws {
        try await TestDatabase.withFresh { db async throws in
            #expect(try importAsAdmin(db, Self.samples + "/bac-giang-2024.json", Self.samples + "/bac-giang-districts-2024.json").status == 0)
            #expect(try run(["import", "--database", db, "--as", "admin", Self.samples + "/bac-giang-review-2024.json"]).status == 0)
            #expect(try run(["user", "add", "vietyen", "--role", "editor", "--unit", "BG-VY", "--database", db]).status == 0)
            let counts = { try await Store.using(try DatabaseLocation(parsing: db)) { try await $0.rowCounts() } }
            let before = try await counts()

            let nobody = try run(["rating", "confirm", "--database", db, "--body", "BG", "--period", "2024", "--all"])
            #expect(nobody.status == 1 && nobody.error.hasPrefix("error: --as NAME is required"), "\(nobody.error)")
            let stranger = try run(["conference", "task", "--database", db, "BG-2025-01-14-review", "--conclusion", "1", "--as", "stocktake"])
            #expect(stranger.status == 1 && stranger.error.hasPrefix("error: --as 'stocktake': no account has this name"), "\(stranger.error)")
            let outside = "may not write for BG: it is outside the account's unit and the units below it"
            for command in [
                ["rating", "confirm", "--database", db, "--body", "BG", "--period", "2024", "--all"],
                ["award", "decide", "--database", db, "--period", "2024", "--rule", "BG-MERIT-2024", "--unit", "BG-VY", "--accept"],
                ["conference", "task", "--database", db, "BG-2025-01-14-review", "--conclusion", "1"],
            ] {
                let refused = try run(command + ["--as", "vietyen"])
                #expect(refused.status == 1 && refused.error == "error: vietyen (editor) \(outside)\n", "\(command): \(refused.error)")
            }
            let secretary = try run(["user", "secretary", "vietyen", "--of", "BG", "--database", db, "--as", "vietyen"])
            #expect(secretary.error == "error: only administrators name secretaries; vietyen is not one\n")
            let review = try run(["import", "--database", db, "--as", "vietyen", Self.samples + "/bac-giang-review-2024.json"])
            #expect(review.error.hasPrefix("error: only administrators import review files"))
            // An editor's file: figures of the district only, every row outside it named.
            let csv = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: csv) }
            try Data("unit,indicator,period,value,source_kind,source\nBG-VY,grdp_growth,2024,9.5,report,r\nBG-YD,grdp_growth,2024,8.1,report,r\n".utf8).write(to: csv)
            let figures = try run(["import", "--database", db, "--as", "vietyen", csv.path])
            #expect(figures.status == 1 && figures.error.contains("line 3: field 'unit': found 'BG-YD', expected a unit in the subtree of BG-VY"), "\(figures.error)")
            #expect(try await counts() == before)

            // Within the remit, the write lands with its audit row under the account's name.
            try Data("unit,indicator,period,value,source_kind,source\nBG-VY,grdp_growth,2024,9.5,report,r\n".utf8).write(to: csv)
            #expect(try run(["import", "--database", db, "--as", "vietyen", csv.path]).status == 0)
            let audit = try await Store.using(try DatabaseLocation(parsing: db)) { try await $0.auditEvents(limit: 1) }
            #expect(audit.first?.username == "vietyen" && audit.first?.action == .imported && audit.first?.detail.hasSuffix("(command line)") == true)
        }
    }
}
