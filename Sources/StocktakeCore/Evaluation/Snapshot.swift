/// Everything an evaluation reads, already loaded: the engine does no I/O and takes whole trees and periods at
/// once, so a store fills a snapshot with a few set-based queries rather than a query per unit.
public struct Snapshot: Sendable {
    public var units: [OrgUnit]
    public var indicators: [Indicator]
    public var documents: [Document]
    public var targets: [Target]
    public var tasks: [KeyTask]
    /// Observations of the evaluated period, the year before, and earlier years for the history checks. When a
    /// key has several revisions, the latest counts.
    public var observations: [Observation]

    public init(
        units: [OrgUnit] = [], indicators: [Indicator] = [], documents: [Document] = [], targets: [Target] = [],
        tasks: [KeyTask] = [], observations: [Observation] = []
    ) {
        self.units = units
        self.indicators = indicators
        self.documents = documents
        self.targets = targets
        self.tasks = tasks
        self.observations = observations
    }

    /// The latest revision of each key.
    public var latestObservations: [ObservationKey: Observation] {
        var latest: [ObservationKey: Observation] = [:]
        latest.reserveCapacity(observations.count)
        for observation in observations where (latest[observation.key]?.revision ?? 0) < observation.revision {
            latest[observation.key] = observation
        }
        return latest
    }
}
