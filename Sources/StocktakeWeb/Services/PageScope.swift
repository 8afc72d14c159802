import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// What every page shows around its content: the unit and its breadcrumbs, the periods to switch to, the
/// person's language.
extension PageScope {
    func name(_ unit: OrgUnit) -> String { unit.names[language] }
    func name(_ indicator: Indicator) -> String { indicator.names[language] }

    /// The breadcrumbs.
    var ancestors: [UnitLink] { ancestorUnits.map { UnitLink($0, scope: self) } }

    /// The periods with data, and the one shown even when it has none yet (a year being entered).
    var periodChoices: [Choice] {
        let shown = periods.contains(period) ? periods : (periods + [period]).sorted(by: >)
        return shown.map { Choice(value: $0.description, label: $0.description, selected: $0 == period) }
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

/// The unit and period a page is about, read from the store alone: the unit and its ancestors; the page then
/// reads what it shows (the unit's evaluation, ``StocktakeStore/RecordAccess/unitReview(of:period:asOf:)``, its
/// subtree's findings, the reviews of the units it rates or ranks). No evaluation of a whole period is made or
/// kept, so every page costs the same in a commune's database and a nation's.
struct PageScope {
    let version: Int
    let period: Period
    let periods: [Period]
    let unit: OrgUnit
    let ancestorUnits: [OrgUnit]
    let asOf: CalendarDate
    let format: FigureFormatter
    let language: String

    /// The unit of `unitCode` or `?unit=`, else the person's own unit, else the first real root; the period
    /// `fixed` or `?period=`.
    static func resolve(
        _ request: Request, context: AppRequestContext, services: WebServices, unitCode: String? = nil, period fixed: Period? = nil
    ) async throws -> PageScope {
        let (version, periods) = try await services.versions.state()
        let period = try fixed ?? requestedPeriod(request, periods: periods)
        let store = services.store
        let definitions = services.definitions
        let lineage: [OrgUnit]
        if let requested = unitCode ?? request.uri.queryParameters["unit"].map(String.init), !requested.isEmpty {
            guard let code = UnitCode(validating: requested), let found = try await definitions.lineage(of: code, in: store) else {
                throw ActionError.unknown(.unit, code: requested)
            }
            lineage = found
        } else if let own = context.account?.unit, let found = try await definitions.lineage(of: own, in: store) {
            lineage = found
        } else if let root = try await definitions.firstRoot(version: version, in: store) {
            lineage = [root]
        } else {
            throw HTTPError(.notFound, message: UIText.forLanguage(context.language).errorNoUnits)
        }
        return PageScope(
            version: version, period: period, periods: periods, unit: lineage[lineage.count - 1], ancestorUnits: Array(lineage.dropLast()),
            asOf: DataVersions.today(), format: UIText.forLanguage(context.language).format, language: context.language)
    }

    /// The tree as far as a remit check needs it: the unit and the units above it.
    var tree: UnitTree { UnitTree(ancestorUnits + [unit]) }

    /// The real units directly below the unit, active in the period: what a page lists, draws or offers below it.
    func unitsBelow(in store: Store) async throws -> [OrgUnit] {
        try await store.realChildren(of: unit.code, in: period)
    }

    /// The scope of an entry page or post, refused unless the person may write to the unit. Read from the store
    /// (the unit, the units above it), never from an evaluation of the whole period.
    static func writable(
        _ request: Request, context: AppRequestContext, services: WebServices, unitCode: String? = nil, period: Period? = nil
    ) async throws -> PageScope {
        let scope = try await resolve(request, context: context, services: services, unitCode: unitCode, period: period)
        guard let account = context.account, account.mayWrite(to: scope.unit.code, in: scope.tree) else { throw HTTPError(.forbidden) }
        return scope
    }

    /// The indicator a page names (`/indicators/CODE`, `?indicator=`), of the definitions this scope reads.
    func indicator(_ raw: String, services: WebServices) async throws -> Indicator {
        guard let code = IndicatorCode(validating: raw), let indicator = try await services.definitions.indicators(version: version, in: services.store)[code] else {
            throw ActionError.unknown(.indicator, code: raw)
        }
        return indicator
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

    init(css: String, word: String) {
        self.css = css
        self.word = word
    }
}
