import Foundation
import Testing

/// The server's options are checked before anything is opened: a port outside 0–65535 is refused with a clear
/// error rather than wrapped around to another port.
@Suite struct PortOptionTests {
    @Test(arguments: [["demo", "--no-serve", "--port", "99999"], ["serve", "--port", "65536"], ["serve", "--port", "99999"]])
    func aPortOutsideTheRangeIsRefused(_ arguments: [String]) throws {
        let folder = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandLineTests().run(arguments + ["--database", folder.appendingPathComponent("never.sqlite").path], in: folder)
        #expect(result.status == 64, "\(result.output) \(result.error)")
        #expect(result.error.contains("--port \(arguments[arguments.count - 1]) is not a TCP port: expected 0 to 65535"), "\(result.error)")
        // Nothing was created.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(arguments: [["--request-timeout", "0"], ["--max-connections", "0"]])
    func limitsOutsideTheirRangeAreRefused(_ option: [String]) throws {
        let folder = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandLineTests().run(["demo", "--no-serve"] + option, in: folder)
        #expect(result.status == 64, "\(result.output) \(result.error)")
        #expect(result.error.contains("\(option[0]) 0 is out of range"), "\(result.error)")
    }
}
