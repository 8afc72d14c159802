import ArgumentParser

@main
struct Stocktake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stocktake",
        abstract: "The annual review of hierarchical public organizations: targets, results, ranks and findings.",
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, InitCommand.self, ImportCommand.self, ExportCommand.self, GenerateCommand.self,
            EvaluateCommand.self, RankCommand.self, HistoryCommand.self, ValidateCommand.self, BenchCommand.self,
            ServeCommand.self, UserCommand.self, ReportCommand.self, CheckCommand.self, RatingCommand.self, AwardCommand.self, PollCommand.self, ConferenceCommand.self,
        ])
}
