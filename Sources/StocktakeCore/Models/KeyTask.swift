/// A task set by a document for a unit, with a deadline and a status.
public struct KeyTask: Hashable, Sendable {
    public var code: TaskCode
    public var unit: UnitCode
    public var document: DocumentCode?
    public var title: LocalizedText
    public var period: Period
    public var deadline: CalendarDate
    public var status: Status

    public init(
        code: TaskCode, unit: UnitCode, document: DocumentCode?, title: LocalizedText, period: Period,
        deadline: CalendarDate, status: Status
    ) {
        self.code = code
        self.unit = unit
        self.document = document
        self.title = title
        self.period = period
        self.deadline = deadline
        self.status = status
    }

    public enum Status: Hashable, Sendable {
        case notStarted
        case inProgress
        case done(Completion)
        case dropped

        public var name: String {
            switch self {
            case .notStarted: "not_started"
            case .inProgress: "in_progress"
            case .done: "done"
            case .dropped: "dropped"
            }
        }

        /// The names a status is written with, in files, the store and forms.
        public static let names = ["not_started", "in_progress", "done", "dropped"]

        /// The status written `name`. A done task needs its completion, which `completion` gives only when it is
        /// asked for (a file reports a missing day, the store reads the stored one). Nil for another name, or for
        /// done without a completion.
        public init?(name: String, completion: () throws -> Completion?) rethrows {
            switch name {
            case "not_started": self = .notStarted
            case "in_progress": self = .inProgress
            case "dropped": self = .dropped
            case "done":
                guard let done = try completion() else { return nil }
                self = .done(done)
            default: return nil
            }
        }
    }

    /// When a task was done. Sources often say "completed ahead of schedule" without a date, so the day is
    /// optional; when it is known, on-time is derived from it and cannot contradict it.
    public struct Completion: Hashable, Sendable {
        public let day: CalendarDate?
        public let onTime: Bool

        public init(day: CalendarDate, deadline: CalendarDate) {
            self.day = day
            self.onTime = day <= deadline
        }

        public init(undatedOnTime onTime: Bool) {
            self.day = nil
            self.onTime = onTime
        }
    }
}
