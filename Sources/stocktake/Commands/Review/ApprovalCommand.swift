import ArgumentParser
import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeStore

struct ApprovalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approval",
        abstract: "Submit a unit's figures for a period, approve or return them level by level, reopen one figure, set deadlines.",
        discussion: """
            A submission locks the unit's figures for the period; the body above approves or returns them with a \
            reason, then the body above it, up to the top. An approved figure is corrected only after a body that \
            approved reopens that one figure with a reason; the others stay locked.
            """,
        subcommands: [Status.self, Submit.self, Approve.self, Return.self, Reopen.self, Deadline.self])

    struct Target: ParsableArguments {
        @Option(help: "The unit whose figures these are, e.g. BG-YD.") var unit: String
        @Option(help: "The period: 2024, 2024Q1, 2024-03 or 2020/2025.") var period: String

        func run(_ request: Approval.Request, acting: ActingOptions, database: DatabaseOptions) async throws {
            let period = try parsePeriod(period)
            try await database.withStore { store in
                let account = try await acting.account(in: store)
                let step = try await Actions(store: store).approval(request, unit: unit, period: period, as: account, via: .commandLine)
                print("\(unit) \(period): \(step.kind.rawValue)\(step.body.map { " by \($0)" } ?? "")\(step.indicator.map { " (\($0))" } ?? ""), step \(step.sequence)")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Where the submissions of a unit and the units directly below it stand.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var periodOptions: PeriodOptions
        @Option(help: "The unit, e.g. BG.") var unit: String

        func run() async throws {
            let (period, today) = try periodOptions.resolved()
            try await database.withStore { store in
                guard let code = UnitCode(validating: unit), let top = try await store.units(codes: [code]).first else {
                    throw ActionError.unknown(.unit, code: unit)
                }
                let below = try await store.realChildren(of: code, in: period)
                let submissions = try await Actions(store: store).submissions(of: [top] + below, period: period, today: today)
                var table = TextTable(["Unit", "Status", "Approved by", "Next", "Submitted", "Deadline", "Timeliness", "Reopened"])
                for s in submissions {
                    table.add([
                        s.unit.rawValue, s.isFinal ? "final" : s.approval.status.rawValue, s.approval.approvedBy.map(\.rawValue).joined(separator: ", "),
                        s.nextBody?.rawValue ?? "", s.approval.submittedAt.map { CalendarDate.utcDay($0).description } ?? "", s.deadline?.day.description ?? "",
                        s.timeliness.rawValue, s.approval.reopened.map(\.rawValue).sorted().joined(separator: ", "),
                    ])
                }
                print(table.render())
            }
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit a unit's figures for a period to the body above; they are locked from then on.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target
        @OptionGroup var acting: ActingOptions
        func run() async throws { try await target.run(.submit, acting: acting, database: database) }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a unit's figures as the body whose turn it is.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target
        @OptionGroup var acting: ActingOptions
        func run() async throws { try await target.run(.approve, acting: acting, database: database) }
    }

    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a unit's figures to it with a reason; the approvals so far are cleared.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target
        @Option(help: "What the unit is to correct.") var reason: String
        @OptionGroup var acting: ActingOptions
        func run() async throws { try await target.run(.return(reason: reason), acting: acting, database: database) }
    }

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen one approved figure for correction, with a reason; the rest stay locked.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: Target
        @Option(help: "The indicator of the figure to reopen.") var indicator: String
        @Option(help: "Why the approved figure is corrected.") var reason: String
        @OptionGroup var acting: ActingOptions
        func run() async throws {
            guard let code = IndicatorCode(validating: indicator) else { throw ActionError.unknown(.indicator, code: indicator) }
            try await target.run(.reopen(code, reason: reason), acting: acting, database: database)
        }
    }

    struct Deadline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the day by which the units of a level submit their figures for a period.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The period: 2024, 2024Q1, 2024-03 or 2020/2025.") var period: String
        @Option(help: "The level: commune, district, province, …") var level: String
        @Option(help: "The deadline, YYYY-MM-DD.") var deadline: String
        @OptionGroup var acting: ActingOptions

        func run() async throws {
            let period = try parsePeriod(period)
            try await database.withStore { store in
                let account = try await acting.account(in: store)
                try await Actions(store: store).setDeadline(period: period, level: level, day: deadline, as: account, via: .commandLine)
                print("\(level) units submit \(period) by \(deadline)")
            }
        }
    }
}
