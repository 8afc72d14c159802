import Foundation
import StocktakeCore
import StocktakeStore

/// What a person asks of the audit trail, in any door's words: each field's text, checked here.
public struct AuditQuery: Sendable, Hashable {
    /// The unit whose subtree's events are shown.
    public var unit: String?
    public var user: String?
    /// An action's code, such as `observation_corrected` (``AuditEvent/Action``).
    public var action: String?
    public var period: String?
    /// The first and last day shown, YYYY-MM-DD.
    public var from: String?
    public var through: String?
    /// 1, 2, …: pages of ``Actions/auditPageSize`` events, latest first.
    public var page: Int

    public init(unit: String? = nil, user: String? = nil, action: String? = nil, period: String? = nil, from: String? = nil, through: String? = nil, page: Int = 1) {
        func given(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        self.unit = given(unit)
        self.user = given(user)
        self.action = given(action)
        self.period = given(period)
        self.from = given(from)
        self.through = given(through)
        self.page = page
    }
}

/// One page of the audit trail.
public struct AuditPage: Sendable {
    public let events: [AuditEvent]
    public let page: Int
    public let hasMore: Bool
}

extension Actions {
    public static let auditPageSize = 100
    /// At most this many events in one export: a year of a province's writes, not a nation's history.
    public static let auditExportLimit = 50_000

    /// The events `query` asks for that `account` may read: an administrator every event, anyone else the events
    /// about units in their own unit's subtree. A unit outside that subtree is refused, not shown empty.
    public func auditTrail(_ query: AuditQuery, as account: Account, export: Bool = false) async throws -> AuditPage {
        var filter = AuditEvent.Filter()
        if let user = query.user {
            guard Username(validating: user) != nil else { throw ActionError.invalid(field: "user", value: user, expected: "an account name: letters, digits, '.', '_' or '-'") }
            filter.username = user
        }
        if let action = query.action {
            guard let kind = AuditEvent.Action(rawValue: action) else {
                throw ActionError.invalid(field: "action", value: action, expected: "one of " + AuditEvent.Action.allCases.map(\.rawValue).joined(separator: ", "))
            }
            filter.actions = [kind]
        }
        if let period = query.period {
            do { filter.period = try Period(parsing: period) } catch { throw ActionError.invalid(field: "period", value: period, expected: Period.expectedForm) }
        }
        for (field, text) in [("from", query.from), ("through", query.through)] {
            guard let text else { continue }
            guard let day = try? CalendarDate(parsing: text) else { throw ActionError.invalid(field: field, value: text, expected: "a day as YYYY-MM-DD") }
            if field == "from" { filter.from = day } else { filter.through = day }
        }
        guard (1...10_000).contains(query.page) else { throw ActionError.invalid(field: "page", value: String(query.page), expected: "a page from 1 to 10000") }
        if let text = query.unit {
            let (unit, tree) = try await lineage(of: text)
            if account.role != .administrator {
                guard let own = account.unit, tree.units[own] != nil else {
                    throw ActionError.refused(.outsideRemit(account: account.username, role: account.role, unit: unit.code))
                }
            }
            filter.under = unit.code
        } else if account.role != .administrator {
            // An account of no unit reads no unit's events.
            guard let own = account.unit else { return AuditPage(events: [], page: query.page, hasMore: false) }
            filter.under = own
        }
        let size = export ? Self.auditExportLimit : Self.auditPageSize
        let events = try await store.auditEvents(filter, limit: size + 1, offset: export ? 0 : (query.page - 1) * size)
        return AuditPage(events: Array(events.prefix(size)), page: export ? 1 : query.page, hasMore: events.count > size)
    }
}
