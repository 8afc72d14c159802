/// The way an action came in, kept in its audit row: the same action through the pages, the API or the command
/// line is the same rule and the same record.
public enum Door: String, Sendable, CaseIterable {
    case page
    case api = "API"
    case commandLine = "command line"
}
