import ArgumentParser
import StocktakeApp
import Foundation
import StocktakeCore
import StocktakeStore

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Secret confidence votes: open and close them as the body's secretary, and read a closed vote's tally.",
        discussion: "Ballots are cast in the web application, by each voter signed in: a command line cannot tell who is voting.",
        subcommands: [List.self, Open.self, Close.self, Tally.self, Key.self])

    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new ballot key: 32 random bytes, as hexadecimal, to a new file readable by its owner only.",
            discussion: "Give the file to the server and to poll open and close (--ballot-key-file or STOCKTAKE_BALLOT_KEY_FILE). Keep it off the database's disk and out of its backups: with it, a copy of the database taken while a vote is open reads the sealed ballots.")
        @Option(help: "The file to create; an existing file is not replaced.") var out: String

        func run() async throws {
            guard !FileManager.default.fileExists(atPath: out) else { throw ValidationError("--out \(out): the file exists; a ballot key is never overwritten") }
            do { try BallotKey.generate().write(to: out) } catch let error as BallotKey.Invalid { throw ValidationError(error.description) }
            print("Wrote a new ballot key to \(out).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the votes, open and closed.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.withStore { store in
                var table = TextTable(["Code", "Body", "Year", "Status", "Roll", "Title"], rightAligned: [4])
                for poll in try await store.polls() {
                    table.add([poll.code.rawValue, poll.unit.rawValue, poll.period?.description ?? "", poll.isClosed ? "closed" : "open",
                               "\(try await store.roll(of: poll.code.rawValue).count)", poll.title])
                }
                print(table.render())
            }
        }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a vote on one or more officials for a roll of voters, as the body's secretary (--as).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The vote's code.") var code: String
        @Option(help: "The title voters see.") var title: String
        @Option(help: "The body whose roll votes, e.g. BG.") var body: String
        @Option(help: "The year reviewed, e.g. 2024.") var period: String?
        @Option(help: "An official as \"Name; position\" (repeat for each).") var official: [String]
        @Option(help: "The voters' user names, separated by commas or spaces.") var roll: String
        @Option(help: "Shares of the ballots cast (cast) or of the whole roll (roll).") var base: String = "cast"
        @OptionGroup var acting: ActingOptions
        @OptionGroup var ballotKey: BallotKeyOptions

        func run() async throws {
            guard let pollCode = PollCode(validating: code) else { throw ValidationError("--code '\(code)': expected \(PollCode.expectedForm)") }
            guard let unit = UnitCode(validating: body) else { throw ValidationError("--body '\(body)': expected \(UnitCode.expectedForm)") }
            guard let base = ConfidencePoll.Base(rawValue: base) else { throw ValidationError("--base '\(base)': expected cast or roll") }
            let year = try period.map(parsePeriod)
            let officials = official.map { text in
                let parts = text.split(separator: ";", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return ConfidencePoll.Official(name: parts[0], position: parts.count > 1 ? parts[1] : "")
            }
            let voters = try roll.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { name in
                guard let username = Username(validating: String(name)) else { throw ValidationError("--roll: '\(name)' is not a user name") }
                return username
            }
            let key = try ballotKey.require()
            try await database.withStore { store in
                try await Actions(store: store).openPoll(
                    ConfidencePoll(code: pollCode, title: title, unit: unit, period: year, officials: officials, base: base), roll: voters, key: key,
                    as: try await acting.account(in: store), via: .commandLine)
                print("Opened \(pollCode): \(officials.count) officials, \(Set(voters).count) voters on the roll.")
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a vote, as the body's secretary (--as); its result is then visible.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The vote's code.") var code: String
        @OptionGroup var acting: ActingOptions
        @OptionGroup var ballotKey: BallotKeyOptions

        func run() async throws {
            let key = try ballotKey.require()
            try await database.withStore { store in
                try await Actions(store: store).closePoll(code, key: key, as: try await acting.account(in: store), via: .commandLine)
                print("Closed \(code).")
            }
        }
    }

    struct Tally: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The counts and shares of a closed vote, with the base stated and the thresholds reached.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The vote's code.") var code: String

        func run() async throws {
            try await database.withStore { store in
                let tally: PollTally
                do { tally = try await store.tally(code, for: .console) } catch let error as PollError { throw ValidationError(error.description) }
                print(PollCommand.render(tally))
            }
        }
    }

    static func render(_ tally: PollTally) -> String {
        let format = FigureFormatter.english
        let base = tally.base == .cast ? "ballots cast (\(tally.cast))" : "the whole roll (\(tally.roll))"
        var table = TextTable(["Official", "High", "Confidence", "Low", "Blank", "Thresholds reached"], rightAligned: [1, 2, 3, 4])
        for line in tally.lines {
            table.add([line.official.name + (line.official.position.isEmpty ? "" : ", \(line.official.position)")]
                + ConfidencePoll.Answer.allCases.map { format.count(line.counts[$0, default: 0], of: tally.baseCount) }
                + [line.reached.map(\.description).joined(separator: "; ")])
        }
        let head = "Roll \(tally.roll), ballots cast \(tally.cast); shares of \(base)"
        guard !tally.isWithheld else {
            return head + "\nFewer than \(ConfidencePoll.minimumBallots) ballots were cast: no tally per official is kept or shown."
        }
        return head + "; valid + blank = cast ≤ roll: \(tally.isConsistent ? "holds" : "BROKEN")\n" + table.render()
    }
}
