import Foundation
import Hummingbird
import StocktakeCore

/// What every page about one unit and period shows around its content: the unit and its breadcrumbs, the
/// periods to switch to, the person's language.
protocol UnitPageScope {
    /// The data version the page's figures are at.
    var version: Int { get }
    var period: Period { get }
    var periods: [Period] { get }
    var unit: OrgUnit { get }
    var format: FigureFormatter { get }
    var language: String { get }
    /// The unit's ancestors, root first.
    var ancestorUnits: [OrgUnit] { get }
}

extension UnitPageScope {
    func name(_ unit: OrgUnit) -> String { unit.names[language] }
    func name(_ indicator: Indicator) -> String { indicator.names[language] }

    /// The breadcrumbs.
    var ancestors: [UnitLink] { ancestorUnits.map { UnitLink($0, scope: self) } }

    var periodChoices: [Choice] {
        periods.map { Choice(value: $0.description, label: $0.description, selected: $0 == period) }
    }

    func query(unit: UnitCode? = nil) -> String {
        "unit=\((unit ?? self.unit.code).rawValue)&period=\(period.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
    }

    /// The period a page asks for (`?period=2024`), or the newest year with figures, or this year.
    static func requestedPeriod(_ request: Request, periods: [Period]) throws -> Period {
        if let text = request.uri.queryParameters["period"].map(String.init), !text.isEmpty { return try Period.requested(text) }
        return periods.first { if case .year = $0 { true } else { false } } ?? .year(Calendar.current.component(.year, from: Date()))
    }
}

/// A page about one unit read from the store alone: the unit, its ancestors and, as the page builds, the unit's
/// evaluation (``StocktakeStore/RecordAccess/unitReview(of:period:asOf:)``) and its subtree's findings. No whole
/// evaluation of the period is made or kept, so the pages people open most cost the same in a commune's database
/// and a nation's.
struct StoreScope: UnitPageScope {
    let version: Int
    let period: Period
    let periods: [Period]
    let unit: OrgUnit
    let ancestorUnits: [OrgUnit]
    let asOf: CalendarDate
    let format: FigureFormatter
    let language: String

    /// The unit of `unitCode` or `?unit=`, else the person's own unit, else the first real root.
    static func resolve(
        _ request: Request, context: AppRequestContext, services: WebServices, unitCode: String? = nil
    ) async throws -> StoreScope {
        let (version, periods) = try await services.reviews.state()
        let period = try requestedPeriod(request, periods: periods)
        let store = services.store
        let definitions = services.definitions
        let lineage: [OrgUnit]
        if let requested = unitCode ?? request.uri.queryParameters["unit"].map(String.init), !requested.isEmpty {
            guard let code = UnitCode(validating: requested), let found = try await definitions.lineage(of: code, in: store) else {
                throw HTTPError(.notFound, message: "No unit has the code '\(requested)'.")
            }
            lineage = found
        } else if let own = context.account?.unit, let found = try await definitions.lineage(of: own, in: store) {
            lineage = found
        } else if let root = try await definitions.firstRoot(version: version, in: store) {
            lineage = [root]
        } else {
            throw HTTPError(.notFound, message: "The database has no units yet: import a data set first.")
        }
        return StoreScope(
            version: version, period: period, periods: periods, unit: lineage[lineage.count - 1], ancestorUnits: Array(lineage.dropLast()),
            asOf: Reviews.today(), format: FigureFormatter(language: context.language), language: context.language)
    }

    /// The tree as far as a remit check needs it: the unit and the units above it.
    var tree: UnitTree { UnitTree(ancestorUnits + [unit]) }
}

extension StoreScope {
    /// The same unit and period as a page that evaluated the period whole.
    init(_ page: PageScope) {
        self.init(
            version: page.version, period: page.period, periods: page.periods, unit: page.unit, ancestorUnits: page.ancestorUnits,
            asOf: page.evaluation.asOf, format: page.format, language: page.language)
    }
}

/// The unit and period a page is about, from its query (`?unit=BG&period=2024`), with sensible defaults: the
/// person's own unit, the newest period with figures; with the period's whole evaluation, for the pages that
/// show or act on many units at once (ratings, awards, documents, conferences, entry).
struct PageScope: UnitPageScope {
    /// The data version the page's figures are at.
    let version: Int
    let period: Period
    let periods: [Period]
    let review: Reviews.Review
    let unit: OrgUnit
    let format: FigureFormatter
    let language: String

    static func resolve(
        _ request: Request, context: AppRequestContext, services: WebServices, unitCode: String? = nil, period fixed: Period? = nil
    ) async throws -> PageScope {
        let (version, periods) = try await services.reviews.state()
        let period = try fixed ?? requestedPeriod(request, periods: periods)
        let review = try await services.reviews.review(of: period, version: version)
        let tree = review.evaluator.tree
        let requested = unitCode ?? request.uri.queryParameters["unit"].map(String.init)
        let unit: OrgUnit
        if let requested, !requested.isEmpty {
            guard let code = UnitCode(validating: requested), let found = tree[code] else { throw HTTPError(.notFound, message: "No unit has the code '\(requested)'.") }
            unit = found
        } else if let own = context.account?.unit, let found = tree[own] {
            unit = found
        } else if let root = tree.units.values.filter({ $0.parent == nil && $0.origin != .synthetic }).min(by: { $0.code < $1.code }) {
            unit = root
        } else {
            throw HTTPError(.notFound, message: "The database has no units yet: import a data set first.")
        }
        return PageScope(version: version, period: period, periods: periods, review: review, unit: unit, format: FigureFormatter(language: context.language), language: context.language)
    }

    var evaluator: Evaluator { review.evaluator }
    var evaluation: Evaluation { review.evaluation }

    var ancestorUnits: [OrgUnit] {
        var chain: [OrgUnit] = []
        var current = unit.parent.flatMap { evaluator.tree[$0] }
        while let u = current, chain.count < 32 {
            chain.insert(u, at: 0)
            current = u.parent.flatMap { evaluator.tree[$0] }
        }
        return chain
    }
}

struct UnitLink {
    let code: String
    let name: String
    let href: String

    init(_ unit: OrgUnit, scope: some UnitPageScope) {
        code = unit.code.rawValue
        name = scope.name(unit)
        href = "/units/\(unit.code.rawValue)?\(scope.query(unit: unit.code))"
    }
}

struct Choice {
    let value: String
    let label: String
    let selected: Bool
}

/// A status shown by colour and by word, never by colour alone.
struct StatusBadge {
    let css: String
    let word: String

    init(_ status: Status, format: FigureFormatter) {
        css = status.rawValue
        word = format.status(status)
    }
}
