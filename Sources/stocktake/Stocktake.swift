import ArgumentParser
import Foundation

@main
struct Stocktake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stocktake",
        abstract: "The annual review of hierarchical public organizations: targets, results, ranks and findings.",
        discussion: """
            Exit status: 0 on success; 1 when the work was refused or found problems (one `error:` line, then any \
            details); 64 for a command line that does not parse (with the usage text).
            """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, InitCommand.self, ImportCommand.self, ExportCommand.self, GenerateCommand.self,
            EvaluateCommand.self, RankCommand.self, HistoryCommand.self, ValidateCommand.self, BenchCommand.self,
            ServeCommand.self, RebuildCommand.self, VerifyCommand.self, UserCommand.self, ReportCommand.self, CheckCommand.self, RatingCommand.self, AwardCommand.self, PollCommand.self, ConferenceCommand.self,
            ApprovalCommand.self,
        ])

    /// Parses, then runs. Only a command line that does not parse is a usage error (64, with the usage text);
    /// anything a command refuses while it works is one `error:` line and status 1.
    static func main() async {
        var command: any ParsableCommand
        do { command = try parseAsRoot() } catch { exit(withError: error) }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            exit(withError: error)
        } catch let error as CleanExit {
            exit(withError: error)
        } catch let error as ValidationError {
            fail(error.message)
        } catch {
            // The parser's own errors raised while running (`stocktake help CMD`) keep their handling.
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { exit(withError: error) }
            fail("\(error)")
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(1)
    }
}
