import Foundation
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
        #expect(try run(["import", "--database", db, Self.samples + "/bac-giang-2024.json"]).status == 0)
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
        #expect(try run(["import", "--database", db, Self.samples + "/bac-giang-2024.json"]).status == 0)
        let file = folder.appendingPathComponent("spoofed.json")
        try Data("""
            {"format": "stocktake/1", "observations": [{"unit": "BG", "indicator": "grdp_size", "period": "2019", "value": "1",
             "source": {"kind": "report", "citation": "r"}, "entered_by": "chairman", "entered_at": "2001-01-01T00:00:00Z"}]}
            """.utf8).write(to: file)
        let imported = try run(["import", "--database", db, "--by", "clerk", file.path])
        #expect(imported.status == 0, "\(imported.error)")
        let history = try run(["history", "--database", db, "--unit", "BG", "--indicator", "grdp_size", "--period", "2019", "--format", "json"])
        #expect(history.output.contains("\"clerk\"") && !history.output.contains("chairman") && !history.output.contains("2001-01-01"), "\(history.output)")
    }

    @Test func aCSVExportOfTheDemoImportsBackIntoTheSameDatabase() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        #expect(try run(["import", "--database", db, Self.samples + "/bac-giang-2024.json"]).status == 0)
        let csv = folder.appendingPathComponent("export.csv").path
        #expect(try run(["export", "--database", db, "--format", "csv", "--out", csv]).status == 0)
        let again = try run(["import", "--database", db, csv])
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("Imported 0 records") && again.output.contains("15 already stored unchanged"), "\(again.output)")
    }
}
