/// A review conference: when and where a body reviewed a period, who chaired, the central site and the sites
/// linked to it ("bridges") with who attended where, what was said, and what was concluded. Conclusions can
/// become key tasks of the next period; awards presented are the accepted awards of the host and period.
public struct Conference: Hashable, Sendable {
    public var code: ConferenceCode
    public var title: LocalizedText
    public var date: CalendarDate
    public var host: UnitCode
    /// The period reviewed (2023 for a conference held in January 2024).
    public var period: Period
    public var chairs: [Person]
    public var sites: [Site]
    public var statements: [Statement]
    /// How many comments from the floor were heard, when the record gives a count rather than each comment.
    public var commentsHeard: Int?
    public var conclusions: [Conclusion]
    /// Where the record comes from (an article, minutes).
    public var source: String?

    public init(
        code: ConferenceCode, title: LocalizedText, date: CalendarDate, host: UnitCode, period: Period, chairs: [Person],
        sites: [Site], statements: [Statement], commentsHeard: Int?, conclusions: [Conclusion], source: String?
    ) {
        self.code = code
        self.title = title
        self.date = date
        self.host = host
        self.period = period
        self.chairs = chairs
        self.sites = sites
        self.statements = statements
        self.commentsHeard = commentsHeard
        self.conclusions = conclusions
        self.source = source
    }

    public struct Person: Hashable, Sendable {
        public var name: String
        public var position: LocalizedText?

        public init(name: String, position: LocalizedText?) {
            self.name = name
            self.position = position
        }
    }

    public struct Site: Hashable, Sendable {
        public var name: LocalizedText
        /// The unit the site belongs to (a province's bridge), where there is one.
        public var unit: UnitCode?
        public var isCentral: Bool
        /// How many attended there, when the record says.
        public var attendance: Int?
        public var attendees: [Person]

        public init(name: LocalizedText, unit: UnitCode?, isCentral: Bool, attendance: Int?, attendees: [Person]) {
            self.name = name
            self.unit = unit
            self.isCentral = isCentral
            self.attendance = attendance
            self.attendees = attendees
        }
    }

    public struct Statement: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable, CaseIterable {
            case speech
            case comment
            case closing
        }

        public var kind: Kind
        public var speaker: Person
        public var unit: UnitCode?
        public var summary: LocalizedText

        public init(kind: Kind, speaker: Person, unit: UnitCode?, summary: LocalizedText) {
            self.kind = kind
            self.speaker = speaker
            self.unit = unit
            self.summary = summary
        }
    }

    public struct Conclusion: Hashable, Sendable {
        /// 1, 2, 3… in the order of the record; the key task made from it is named after it.
        public var number: Int
        public var text: LocalizedText
        /// The deadline the conclusion sets, when it sets one; otherwise the end of the next period.
        public var deadline: CalendarDate?

        public init(number: Int, text: LocalizedText, deadline: CalendarDate?) {
            self.number = number
            self.text = text
            self.deadline = deadline
        }
    }

    /// Leaves room in the 64 characters of a code for a conclusion's task code, `CODE-C999`.
    public static let maximumCodeLength = 58

    /// The period whose key tasks the conclusions become: the one after the period reviewed.
    public var nextPeriod: Period { period.next }

    /// The key task a conclusion becomes: set for the host in the next period, not started, due by the
    /// conclusion's deadline or the end of that period.
    public func task(for conclusion: Conclusion) -> KeyTask {
        // Conference codes are at most `maximumCodeLength` long, so the task code is always valid.
        let taskCode = TaskCode(unchecked: "\(code.rawValue)-C\(conclusion.number)")
        return KeyTask(
            code: taskCode, unit: host, document: nil, title: conclusion.text, period: nextPeriod,
            deadline: conclusion.deadline ?? nextPeriod.lastDay, status: .notStarted)
    }
}

public struct ConferenceCode: RecordCode {
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

extension Period {
    /// The period of the same kind and length just after this one.
    public var next: Period {
        switch self {
        case .year(let y): return .year(y + 1)
        case .quarter(let y, let q): return q == 4 ? .quarter(y + 1, 1) : .quarter(y, q + 1)
        case .month(let y, let m): return m == 12 ? .month(y + 1, 1) : .month(y, m + 1)
        case .term(let a, let b): return .term(b, b + (b - a))
        }
    }
}
