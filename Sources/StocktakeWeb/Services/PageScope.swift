import Foundation
import Hummingbird
import StocktakeCore

/// The unit and period a page is about, from its query (`?unit=BG&period=2024`), with sensible defaults: the
/// person's own unit, the newest period with figures.
struct PageScope {
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
        let period: Period
        if let fixed {
            period = fixed
        } else if let text = request.uri.queryParameters["period"].map(String.init), !text.isEmpty {
            period = try Period.requested(text)
        } else {
            period = periods.first { if case .year = $0 { true } else { false } } ?? .year(Calendar.current.component(.year, from: Date()))
        }
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

    func name(_ unit: OrgUnit) -> String { unit.names[language] }
    func name(_ indicator: Indicator) -> String { indicator.names[language] }

    /// The unit's ancestors, root first: the breadcrumbs.
    var ancestors: [UnitLink] {
        var chain: [OrgUnit] = []
        var current = unit.parent.flatMap { evaluator.tree[$0] }
        while let u = current, chain.count < 32 {
            chain.insert(u, at: 0)
            current = u.parent.flatMap { evaluator.tree[$0] }
        }
        return chain.map { UnitLink($0, scope: self) }
    }

    var periodChoices: [Choice] {
        periods.map { Choice(value: $0.description, label: $0.description, selected: $0 == period) }
    }

    func query(unit: UnitCode? = nil) -> String {
        "unit=\((unit ?? self.unit.code).rawValue)&period=\(period.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
    }
}

struct UnitLink {
    let code: String
    let name: String
    let href: String

    init(_ unit: OrgUnit, scope: PageScope) {
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
