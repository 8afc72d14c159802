import ArgumentParser
import StocktakeApp
import Foundation
import StocktakeCore
import StocktakeStore

struct ConferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conference", abstract: "Review conference records: list, show, and make a conclusion a key task of the next period.",
        subcommands: [List.self, Show.self, Task.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stored conferences.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.withStore { store in
                var table = TextTable(["Code", "Date", "Host", "Reviews", "Title"])
                for c in try await store.conferences() { table.add([c.code.rawValue, c.date.description, c.host.rawValue, c.period.description, c.title["en"]]) }
                print(table.render())
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a conference: chairs, sites and who attended where, statements, conclusions and the tasks made of them.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The conference's code.") var code: String

        func run() async throws {
            try await database.withStore { store in
                guard let c = try await store.conference(code) else { throw ValidationError("no conference has the code '\(code)'") }
                let tasks = try await store.conclusionTasks(of: c.code)
                func person(_ p: Conference.Person) -> String { p.name + (p.position.map { ", \($0["en"])" } ?? "") }
                print("\(c.title["en"])\n\(c.date), host \(c.host), reviewing \(c.period)")
                print("Chaired by: " + c.chairs.map(person).joined(separator: "; "))
                for site in c.sites {
                    print("\(site.isCentral ? "Central site" : "Bridge"): \(site.name["en"])\(site.attendance.map { ", \($0) attending" } ?? "")")
                    for a in site.attendees { print("  - \(person(a))") }
                }
                for s in c.statements { print("\(s.kind.rawValue): \(s.speaker.name) — \(s.summary["en"])") }
                if let n = c.commentsHeard { print("Comments heard: \(n)") }
                for conclusion in c.conclusions {
                    print("Conclusion \(conclusion.number): \(conclusion.text["en"])" + (tasks[conclusion.number].map { " → key task \($0)" } ?? ""))
                }
                if let source = c.source { print("Source: \(source)") }
            }
        }
    }

    struct Task: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "task", abstract: "Make a conclusion a key task of the host for the period after the one reviewed (once).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The conference's code.") var code: String
        @Option(help: "The conclusion's number.") var conclusion: Int
        @OptionGroup var acting: ActingOptions

        func run() async throws {
            try await database.withStore { store in
                let task = try await Actions(store: store).makeTask(conference: code, conclusion: conclusion, as: try await acting.account(in: store), via: .commandLine)
                print("Key task \(task.code) for \(task.unit) in \(task.period), due \(task.deadline): \(task.title["en"])")
            }
        }
    }
}
