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
