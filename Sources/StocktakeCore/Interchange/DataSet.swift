/// A set of records: what a file holds, what an import adds, or what an evaluation reads from the store (the
/// whole tree and the periods it needs, loaded by a few set-based queries, so the engine does no I/O and no
/// query per unit).
public struct DataSet: Sendable, Equatable {
    public var units: [OrgUnit]
    public var documents: [Document]
    public var indicators: [Indicator]
    public var targets: [Target]
    public var tasks: [KeyTask]
    public var observations: [Observation]
    public var validationRules: [ValidationRule]

    public init(
        units: [OrgUnit] = [], documents: [Document] = [], indicators: [Indicator] = [], targets: [Target] = [],
        tasks: [KeyTask] = [], observations: [Observation] = [], validationRules: [ValidationRule] = []
    ) {
        self.units = units
        self.documents = documents
        self.indicators = indicators
        self.targets = targets
        self.tasks = tasks
        self.observations = observations
        self.validationRules = validationRules
    }

    /// The same records in a stable order (by code; observations by key then revision), so exports compare
    /// equal and diff cleanly.
    public var normalized: DataSet {
        DataSet(
            units: units.sorted { $0.code < $1.code },
            documents: documents.sorted { $0.code < $1.code },
            indicators: indicators.sorted { $0.code < $1.code },
            targets: targets.sorted { $0.code < $1.code },
            tasks: tasks.sorted { $0.code < $1.code },
            observations: observations.sorted { ($0.key, $0.revision) < ($1.key, $1.revision) },
            validationRules: validationRules.sorted { $0.code < $1.code })
    }

    /// The latest revision of each observation's key: the one that counts.
    public var latestObservations: [ObservationKey: Observation] {
        var latest: [ObservationKey: Observation] = [:]
        latest.reserveCapacity(observations.count)
        for observation in observations where (latest[observation.key]?.revision ?? 0) < observation.revision {
            latest[observation.key] = observation
        }
        return latest
    }

    public var recordCount: Int {
        units.count + documents.count + indicators.count + targets.count + tasks.count + observations.count + validationRules.count
    }
}

/// A data set read from a file, each record with its location, before it is checked against the store.
public struct LocatedDataSet: Sendable {
    public var file: String
    public var units: [Located<OrgUnit>] = []
    public var documents: [Located<Document>] = []
    public var indicators: [Located<Indicator>] = []
    public var targets: [Located<Target>] = []
    public var tasks: [Located<KeyTask>] = []
    /// Observations whose revision is absent in the file get the next free one when the import is planned.
    public var observations: [Located<PendingObservation>] = []
    public var validationRules: [Located<ValidationRule>] = []
    /// What could not be read. Records that could be read are kept, so that checking them against each other
    /// and the store can report their problems too, in the same run.
    public var problems: [ImportProblem] = []

    public init(file: String) { self.file = file }

    /// A data set made in memory (generated, or built by a program) as an import input: each record is located by
    /// its place in the set, and keeps its revision.
    public init(_ set: DataSet, file: String) {
        self.file = file
        units = set.units.enumerated().map { Located($1, at: .path("$.units[\($0)]")) }
        documents = set.documents.enumerated().map { Located($1, at: .path("$.documents[\($0)]")) }
        indicators = set.indicators.enumerated().map { Located($1, at: .path("$.indicators[\($0)]")) }
        targets = set.targets.enumerated().map { Located($1, at: .path("$.targets[\($0)]")) }
        tasks = set.tasks.enumerated().map { Located($1, at: .path("$.tasks[\($0)]")) }
        observations = set.observations.enumerated().map {
            Located(PendingObservation($1, revision: $1.revision), at: .path("$.observations[\($0)]"))
        }
        validationRules = set.validationRules.enumerated().map { Located($1, at: .path("$.validation_rules[\($0)]")) }
    }

    /// Adds another file's records and problems, so that several files import as one.
    public mutating func append(_ other: LocatedDataSet) {
        units += other.units
        documents += other.documents
        indicators += other.indicators
        targets += other.targets
        tasks += other.tasks
        observations += other.observations
        validationRules += other.validationRules
        problems += other.problems
    }
}

/// An observation read from a file; `revision` is nil when the file leaves it to the store (the next revision).
public struct PendingObservation: Sendable {
    public var observation: Observation
    public var revision: Int?
    /// False when the file had no place for claims (a CSV without comparisons and ranks columns): the stored
    /// claims are then neither compared nor taken as changed.
    public var claimsStated: Bool

    public init(_ observation: Observation, revision: Int?, claimsStated: Bool = true) {
        self.observation = observation
        self.revision = revision
        self.claimsStated = claimsStated
    }
}
