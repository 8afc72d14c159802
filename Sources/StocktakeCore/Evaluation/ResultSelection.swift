import Foundation

/// Which of a unit's results a reader wants to see, and in what order: the dashboard's filter and sort, one rule
/// whatever asks for it. An indicator stays whole: its targets are never split from it.
public struct ResultSelection: Sendable, Hashable {
    public enum Show: String, Sendable, CaseIterable {
        /// Every indicator, with or without a target.
        case all
        /// Indicators with at least one target.
        case target
        /// Indicators with at least one target not met.
        case notMet = "not_met"
    }

    public enum Order: String, Sendable, CaseIterable {
        /// The evaluation's order.
        case table
        /// The lowest achievement of an indicator's targets first; none last.
        case achievement
        /// The largest change on the year before first; none last.
        case change
        /// The best place among the unit's level first; none last.
        case rank
    }

    public var show: Show
    public var order: Order

    public init(show: Show = .all, order: Order = .table) {
        self.show = show
        self.order = order
    }

    public func apply(to review: UnitReview) -> [IndicatorResult] {
        let shown = review.results.filter { result in
            switch show {
            case .all: true
            case .target: !result.targets.isEmpty
            case .notMet: result.targets.contains { $0.status == .notMet }
            }
        }
        // A stable sort: equal keys keep the evaluation's order, and results without the key go last.
        func sorted(by key: (IndicatorResult) -> Decimal?) -> [IndicatorResult] {
            shown.enumerated().sorted { a, b in
                switch (key(a.element), key(b.element)) {
                case let (x?, y?) where x != y: x < y
                case (nil, _?): false
                case (_?, nil): true
                default: a.offset < b.offset
                }
            }.map(\.element)
        }
        switch order {
        case .table: return shown
        case .achievement: return sorted { $0.targets.compactMap(\.achievement).min() }
        case .change: return sorted { $0.change.map { -$0.value } }
        case .rank: return sorted { review.ranks(for: $0.indicator)[.level].map { Decimal($0.position) } }
        }
    }
}
