import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// Entry in bulk, as a grid for one period: every indicator of one unit, or the units below on one indicator.
/// Each filled cell is saved on its own through the same action as the single-figure form (remit, figure rules,
/// a reason for a correction, a new revision); a refused cell comes back with its input and the reason beside
/// it, while the cells that were accepted stay saved.
struct EntryGridController {
    let services: WebServices

    /// More rows than any unit has indicators or children; a bigger post is refused before anything is written.
    static let maximumRows = 1_000

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/entry/grid", use: form)
        router.post("/entry/grid", use: save)
    }

    struct View {
        let t: [String: String]
        let unit: UnitLink
        let ancestors: [UnitLink]
        let period: String
        let periods: [Choice]
        /// The other way to lay out the grid: this unit's indicators, or the units below on one indicator.
        let byIndicator: Bool
        let indicator: String
        let indicators: [Choice]
        let rows: [Row]
        let hasRows: Bool
        let csrf: String
        let citation: String
        let saved: String?
        let refused: String?
        /// Refusals of posted cells that are not rows of this grid.
        let strays: [String]
        let hasStrays: Bool
        let completenessHref: String
    }

    struct Row {
        let index: Int
        let unit: String
        let indicator: String
        /// The indicator's name (this unit's grid) or the unit's (the units below).
        let label: String
        let measure: String
        let share: Bool
        let current: String
        let revision: Int?
        let historyHref: String
        let value: String
        let denominator: String
        let reason: String
        let outcome: String?
        let problems: [String]
        let refused: Bool
        let firstRefused: Bool
        /// Refused as unusual: the row asks for a confirmation, kept as typed.
        let unusual: Bool
        let confirmation: String
    }

    /// One cell as posted, and what became of it.
    struct Cell {
        let unit: UnitCode
        let indicator: IndicatorCode
        var value = ""
        var denominator = ""
        var reason = ""
        var confirmation = ""
        var unusual = false
        var outcome: Outcome?
    }

    enum Outcome {
        case saved(revision: Int)
        case unchanged
        case refused([String])
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.writable(request, context: context, services: services)
        let indicator = try await requestedIndicator(request.uri.queryParameters["indicator"].map(String.init), scope: scope)
        var saved: Int?
        if let count = request.uri.queryParameters["saved"].flatMap({ Int($0) }) { saved = count }
        return try await render(scope, indicator: indicator, context: context, cells: [:], citation: "", saved: saved, status: .ok)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let scope = try await PageScope.writable(request, context: context, services: services, unitCode: form["unit"] ?? "", period: try Period.requested(form["period"] ?? ""))
        let indicator = try await requestedIndicator(form["indicator"], scope: scope)
        let t = UIText.forLanguage(context.language)
        var cells: [String: Cell] = [:]
        var order: [String] = []
        for index in 0..<Self.maximumRows + 1 {
            guard let unit = form["u.\(index)"], let code = form["i.\(index)"] else { break }
            guard index < Self.maximumRows else { throw HTTPError(.contentTooLarge, message: "more than \(Self.maximumRows) rows in one grid") }
            guard let unitCode = UnitCode(validating: unit), let indicatorCode = IndicatorCode(validating: code) else {
                throw ActionError.invalid(field: "u.\(index)", value: "\(unit) \(code)", expected: "a unit code and an indicator code")
            }
            // A cell posted twice (a hand-made post) counts once, as its last copy.
            let key = "\(unit)|\(code)"
            if cells[key] == nil { order.append(key) }
            cells[key] = Cell(unit: unitCode, indicator: indicatorCode, value: form["v.\(index)"] ?? "", denominator: form["d.\(index)"] ?? "",
                              reason: form["r.\(index)"] ?? "", confirmation: form["c.\(index)"] ?? "")
        }
        let citation = form["citation"] ?? ""
        var written = 0
        for key in order {
            guard var cell = cells[key], !cell.value.isEmpty || !cell.denominator.isEmpty else { continue }
            let entry = FigureEntry(
                unit: cell.unit.rawValue, indicator: cell.indicator.rawValue, period: scope.period, value: cell.value,
                denominator: cell.denominator.isEmpty ? nil : cell.denominator, reason: cell.reason.isEmpty ? nil : cell.reason,
                citation: citation.isEmpty ? nil : citation, confirmation: cell.confirmation.isEmpty ? nil : cell.confirmation)
            do {
                let stored = try await services.actions.enterFigure(entry, as: account, via: .page)
                cell.outcome = .saved(revision: stored.revision)
                written += 1
            } catch let problems as ImportProblems {
                cell.outcome = .refused(problems.problems.map { problem in
                    let said = t.problem(problem)
                    return "\(said.field) «\(problem.value)»: \(said.expected)"
                })
            } catch ActionError.unchanged {
                cell.outcome = .unchanged
            } catch let error as ActionError {
                cell.outcome = .refused([t.message(error)])
                cell.unusual = error.isUnusual
            }
            cells[key] = cell
        }
        if written > 0 { await services.versions.written() }
        let refused = cells.values.contains { if case .refused = $0.outcome { true } else { false } }
        if !refused {
            // All accepted: back to the grid, fresh, as a reload would show it.
            let mode = indicator.map { "&indicator=\($0.code.rawValue)" } ?? ""
            return .redirect(to: "/entry/grid?\(scope.query())\(mode)&saved=\(written)", type: .normal)
        }
        return try await render(scope, indicator: indicator, context: context, cells: cells, citation: citation, saved: written, status: .unprocessableContent)
    }

    // MARK: - The grid

    /// The indicator of a grid of the units below; none for a unit's own indicators.
    private func requestedIndicator(_ raw: String?, scope: PageScope) async throws -> Indicator? {
        guard let raw, !raw.isEmpty else { return nil }
        return try await scope.indicator(raw, services: services)
    }

    private func render(
        _ scope: PageScope, indicator: Indicator?, context: AppRequestContext, cells: [String: Cell], citation: String, saved: Int?, status: HTTPResponse.Status
    ) async throws -> Response {
        let t = UIText.forLanguage(context.language)
        let store = services.store
        let byCode = try await services.definitions.indicators(version: scope.version, in: store)
        // The rows: (unit, indicator, label). The units below are those the person may write to, real and active.
        var keys: [(unit: OrgUnit, indicator: Indicator, label: String)] = []
        if let indicator {
            let children = try await scope.unitsBelow(in: store)
            let tree = UnitTree(scope.ancestorUnits + [scope.unit] + children)
            for child in children where context.account?.mayWrite(to: child.code, in: tree) == true {
                keys.append((child, indicator, scope.name(child)))
            }
        } else {
            for indicator in byCode.values.sorted(by: { scope.name($0) < scope.name($1) }) { keys.append((scope.unit, indicator, scope.name(indicator))) }
        }
        let figures = try await store.unitFigures(period: scope.period, units: Array(Set(keys.map(\.unit.code))), indicators: indicator.map { [$0.code] })
        var firstRefusedSeen = false
        let rows = keys.enumerated().map { index, key -> Row in
            let own = figures[ObservationKey(unit: key.unit.code, indicator: key.indicator.code, period: scope.period)]?.own
            let cell = cells["\(key.unit.code.rawValue)|\(key.indicator.code.rawValue)"]
            var outcome: String?
            var problems: [String] = []
            var keep = false
            switch cell?.outcome {
            case .saved(let revision)?: outcome = "\(t.cellSaved) · \(t.revision) \(revision)"
            case .unchanged?: outcome = t.cellUnchanged
            case .refused(let reasons)?: (problems, keep) = (reasons, true)
            case nil: keep = cell != nil
            }
            let firstRefused = keep && !problems.isEmpty && !firstRefusedSeen
            if firstRefused { firstRefusedSeen = true }
            return Row(
                index: index, unit: key.unit.code.rawValue, indicator: key.indicator.code.rawValue, label: key.label, measure: key.indicator.measure[scope.language],
                share: key.indicator.kind == .share, current: own.map { scope.format.figure($0.figure, indicator: key.indicator) } ?? "—", revision: own?.revision,
                historyHref: "/history?\(scope.query(unit: key.unit.code))&indicator=\(key.indicator.code.rawValue)",
                value: keep ? cell?.value ?? "" : "", denominator: keep ? cell?.denominator ?? "" : "", reason: keep ? cell?.reason ?? "" : "",
                outcome: outcome, problems: problems, refused: !problems.isEmpty, firstRefused: firstRefused,
                unusual: cell?.unusual ?? false, confirmation: keep ? cell?.confirmation ?? "" : "")
        }
        // A posted cell that is not a row of this grid (a hand-made post) is reported above it, never dropped.
        let shown = Set(keys.map { "\($0.unit.code.rawValue)|\($0.indicator.code.rawValue)" })
        let strays = cells.filter { !shown.contains($0.key) }.sorted { $0.key < $1.key }.flatMap { key, cell -> [String] in
            if case .refused(let reasons)? = cell.outcome { reasons.map { "\(cell.unit) \(cell.indicator): \($0)" } } else { [] }
        }
        let refusedCount = cells.values.filter { if case .refused = $0.outcome { true } else { false } }.count
        let count = { (n: Int) in scope.format.number(Decimal(n), decimals: 0) }
        let view = View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), ancestors: scope.ancestors, period: scope.period.description, periods: scope.periodChoices,
            byIndicator: indicator != nil, indicator: indicator?.code.rawValue ?? "",
            indicators: byCode.values.sorted { scope.name($0) < scope.name($1) }.map {
                Choice(value: $0.code.rawValue, label: scope.name($0), selected: $0.code == indicator?.code)
            },
            rows: rows, hasRows: !rows.isEmpty, csrf: context.session?.csrfToken ?? "", citation: citation,
            saved: saved.map { "\(t.cellsSaved): \(count($0))" }, refused: refusedCount > 0 ? "\(t.cellsRefused): \(count(refusedCount))" : nil, strays: strays, hasStrays: !strays.isEmpty,
            completenessHref: "/completeness?\(scope.query())")
        return services.renderer.page("entry-grid", view, frame: Frame(context, title: "\(t.entryGrid) — \(scope.name(scope.unit)) \(scope.period)"), status: status)
    }
}
