import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore

/// Where a unit stands in a period: every target with its actual, achievement, status, change and rank; key
/// tasks; validation findings.
struct DashboardController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/dashboard", use: show)
        for format in Download.TableFormat.allCases {
            router.get("/dashboard.\(format.rawValue)") { request, context in try await download(format, request, context: context) }
        }
    }

    struct View {
        let t: [String: String]
        let unit: UnitLink
        let level: String
        let ancestors: [UnitLink]
        let period: String
        let asOf: String
        let periods: [Choice]
        /// ``Row/values(t:compare:)``: a dashboard has a row an indicator, a hundred at a province.
        let rows: [[String: Any]]
        let hasRows: Bool
        let tasks: TaskView
        let findings: [String]
        let hasFindings: Bool
        let synthetic: Bool
        let mayWrite: Bool
        let entryHref: String
        let report: ReportController.Links
        let approval: ApprovalLine?
        /// The summary before the table: targets by status, key tasks, findings.
        let cards: [Card]
        let csvHref: String
        let xlsxHref: String
        let gridHref: String
        let completenessHref: String
        /// The switchers side by side: the units to go to, what to show, in what order, the year before or not.
        let units: [Choice]
        let shows: [Choice]
        let orders: [Choice]
        let compare: Bool
        let yearBefore: String
        /// Whether a year-before figure is derived from a stated change, which the note under the table explains.
        let hasDerived: Bool
        /// Whether rows were left out by the reader's choice, so that an empty table says so rather than "no figures".
        let filtered: Bool
    }

    /// What the reader chose on the dashboard (`?show=not_met&sort=achievement&compare=1`).
    struct Options: Hashable {
        var selection = ResultSelection()
        var compare = false

        init() {}

        init(_ request: Request) {
            let query = request.uri.queryParameters
            selection = ResultSelection(
                show: query["show"].flatMap { ResultSelection.Show(rawValue: String($0)) } ?? .all,
                order: query["sort"].flatMap { ResultSelection.Order(rawValue: String($0)) } ?? .table)
            compare = query["compare"] == "1"
        }

        var key: String { "\(selection.show.rawValue)|\(selection.order.rawValue)|\(compare)" }
    }

    struct Card {
        let value: String
        let label: String
        /// The status colour of a count of targets; none for the others.
        let css: String?
    }

    struct Row {
        let first: Bool
        let indicator: String
        let indicatorHref: String
        let actual: String
        let rollupOnly: Bool
        let target: String
        let achievement: String
        let status: StatusBadge?
        let change: String
        let rankLevel: String
        let rankParent: String
        let previous: String
        let previousDerived: Bool
        let trend: String

        /// The row as the template reads it: a dictionary, whose keys Mustache finds at once where a struct costs a
        /// reflection walk per lookup. The words and the comparison switch are in each row too, so that a lookup
        /// inside the row's section does not walk the whole view.
        func values(t: [String: String], compare: Bool) -> [String: Any] {
            var values: [String: Any] = [
                "first": first, "indicator": indicator, "indicatorHref": indicatorHref, "actual": actual, "rollupOnly": rollupOnly,
                "target": target, "achievement": achievement, "change": change, "rankLevel": rankLevel, "rankParent": rankParent,
                "previous": previous, "trend": trend, "t": t, "compare": compare,
            ]
            if let status { values["status"] = ["css": status.css, "word": status.word] }
            return values
        }
    }

    struct TaskView {
        let summary: String
        let items: [TaskItem]
        let hasItems: Bool
    }

    struct TaskItem {
        let title: String
        let deadline: String
        let status: String
        let late: Bool
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        let mayWrite = context.account?.mayWrite(to: scope.unit.code, in: scope.tree) ?? false
        let t = UIText.forLanguage(context.language)
        let frame = Frame(context, title: "\(t.dashboard) — \(scope.name(scope.unit)) \(scope.period)")
        let options = Options(request)
        return try await services.cachedPage("dashboard|\(scope.unit.code)|\(scope.period)|\(scope.asOf)|\(mayWrite)|\(options.key)", scope: scope, frame: frame) {
            ("dashboard", try await view(scope, t: t, mayWrite: mayWrite, options: options))
        }
    }

    /// The dashboard's table as CSV or XLSX: exact figures and codes, as `stocktake evaluate --format csv` writes it.
    func download(_ format: Download.TableFormat, _ request: Request, context: AppRequestContext) async throws -> Response {
        let scope = try await PageScope.resolve(request, context: context, services: services)
        guard let review = try await services.store.unitReview(of: scope.unit.code, period: scope.period, asOf: scope.asOf) else {
            throw ActionError.unknown(.unit, code: scope.unit.code.rawValue)
        }
        let name = "\(scope.unit.code.rawValue)-\(scope.period.description)"
        return try Download.table(EvaluationTable.unit(review), format: format, name: name, sheet: name)
    }

    /// The unit's evaluation, tasks and its subtree's findings, read from the store for this unit alone.
    func view(_ scope: PageScope, t: UIText, mayWrite: Bool, options: Options = Options()) async throws -> View {
        let store = services.store
        guard let review = try await store.unitReview(of: scope.unit.code, period: scope.period, asOf: scope.asOf) else {
            throw ActionError.unknown(.unit, code: scope.unit.code.rawValue)
        }
        let indicators = try await services.definitions.indicators(version: scope.version, in: store)
        let format = scope.format
        var rows: [Row] = []
        var synthetic = false
        let series = try await trendSeries(scope)
        for result in options.selection.apply(to: review) {
            guard let indicator = indicators[result.indicator] else { continue }
            let ranks = review.ranks(for: result.indicator)
            synthetic = synthetic || ranks.values.contains { $0.syntheticPeers > 0 }
            let actual = result.actual.map { format.figure($0, indicator: indicator) } ?? "—"
            let href = "/indicators/\(indicator.code.rawValue)?\(scope.query())"
            let common = (
                name: scope.name(indicator), actual: actual, change: result.change.map(format.change) ?? "",
                level: format.rank(ranks[.level]) ?? "", parent: format.rank(ranks[.parent]) ?? ""
            )
            let derived = result.previous?.isDerived == true
            let previous = result.previous.map { (derived ? "≈ " : "") + format.figure($0.figure, indicator: indicator) } ?? "—"
            // The stored years, and the year before derived from a stated change when it is not stored.
            var points = (series[indicator.code] ?? []).map { Sparkline.Point(period: $0.period, value: $0.figure.measured, text: format.figure($0.figure, indicator: indicator), derived: false) }
            if let earlier = result.derivedYearBefore(unlessStored: points.map(\.period)) {
                points.append(.init(period: scope.period.yearEarlier, value: earlier.figure.measured, text: "≈ " + format.figure(earlier.figure, indicator: indicator), derived: true))
            }
            let trend = Sparkline(title: "\(t.trend) — \(common.name)", points: points).svg
            if result.targets.isEmpty {
                rows.append(Row(first: true, indicator: common.name, indicatorHref: href, actual: common.actual, rollupOnly: result.own == nil,
                                target: "", achievement: "", status: nil, change: common.change, rankLevel: common.level, rankParent: common.parent,
                                previous: previous, previousDerived: derived, trend: trend))
            }
            for (index, target) in result.targets.enumerated() {
                rows.append(Row(
                    first: index == 0, indicator: common.name, indicatorHref: href, actual: index == 0 ? common.actual : "",
                    rollupOnly: index == 0 && result.own == nil,
                    target: format.bound(target.target, indicator: indicator, derived: target.derivedBound),
                    achievement: format.achievement(target) ?? "", status: StatusBadge(target.status, format: format),
                    change: index == 0 ? common.change : "", rankLevel: index == 0 ? common.level : "", rankParent: index == 0 ? common.parent : "",
                    previous: index == 0 ? previous : "", previousDerived: index == 0 && derived, trend: index == 0 ? trend : ""))
            }
        }
        let summary = review.tasks ?? TaskSummary()
        let tasks = try await store.tasks(periods: [scope.period], units: [scope.unit.code]).map { task in
            TaskItem(title: task.title[scope.language], deadline: format.date(task.deadline), status: t.status(task.status),
                     late: { if case .done(let c) = task.status { !c.onTime } else { false } }())
        }
        let taskSummary = "\(summary.done)/\(summary.counted) \(t.tasksDone) (\(summary.doneOnTime) \(t.onTime), \(summary.doneLate) \(t.late)); \(summary.overdue) \(t.overdue)"
        let findings = try await store.subtreeFindings(of: scope.unit.code, period: scope.period, asOf: scope.asOf).map(\.description)
        // Targets by status first, then the key tasks and the findings: what a review looks at before the details.
        let statuses = review.results.flatMap { $0.targets.map(\.status) }
        let count = { (n: Int) in format.number(Decimal(n), decimals: 0) }
        let cards = [Status.exceeded, .met, .notMet, .noData, .notYetDue].compactMap { status -> Card? in
            let n = statuses.filter { $0 == status }.count
            return n == 0 && (status == .notYetDue || status == .noData) ? nil : Card(value: count(n), label: format.status(status), css: StatusBadge(status, format: format).css)
        } + [Card(value: "\(count(summary.done))/\(count(summary.counted))", label: "\(t.keyTasks) · \(count(summary.overdue)) \(t.overdue)", css: nil),
             Card(value: count(findings.count), label: t.findings, css: nil)]
        return View(
            t: t.catalog, unit: UnitLink(scope.unit, scope: scope), level: t.level(scope.unit.level), ancestors: scope.ancestors,
            period: scope.period.description, asOf: format.date(scope.asOf), periods: scope.periodChoices, rows: rows.map { $0.values(t: t.catalog, compare: options.compare) }, hasRows: !rows.isEmpty,
            tasks: TaskView(summary: taskSummary, items: tasks, hasItems: !tasks.isEmpty), findings: findings, hasFindings: !findings.isEmpty, synthetic: synthetic,
            mayWrite: mayWrite, entryHref: "/entry?\(scope.query())", report: ReportController.Links(unit: scope.unit.code, period: scope.period, t: t),
            approval: try await ApprovalLine.read(scope.unit, period: scope.period, today: scope.asOf, services: services, t: t),
            cards: cards, csvHref: "/dashboard.csv?\(scope.query())", xlsxHref: "/dashboard.xlsx?\(scope.query())",
            gridHref: "/entry/grid?\(scope.query())", completenessHref: "/completeness?\(scope.query())",
            units: try await unitChoices(scope),
            shows: ResultSelection.Show.allCases.map { Choice(value: $0.rawValue, label: t.show($0), selected: $0 == options.selection.show) },
            orders: ResultSelection.Order.allCases.map { Choice(value: $0.rawValue, label: t.order($0), selected: $0 == options.selection.order) },
            compare: options.compare, yearBefore: scope.period.yearEarlier.description, hasDerived: rows.contains { $0.previousDerived },
            filtered: options.selection.show != .all)
    }

    /// The units a reader switches to from here: the ones above, this one, and the real ones below.
    private func unitChoices(_ scope: PageScope) async throws -> [Choice] {
        let below = try await scope.unitsBelow(in: services.store)
        return (scope.ancestorUnits + [scope.unit] + below).map { Choice(value: $0.code.rawValue, label: scope.name($0), selected: $0.code == scope.unit.code) }
    }

    /// The figure that counts (own, else the roll-up) of each indicator of the unit in each stored year up to the
    /// page's period, ten at most, read for this unit alone.
    private func trendSeries(_ scope: PageScope) async throws -> [IndicatorCode: [(period: Period, figure: Figure)]] {
        guard case .year(let shown) = scope.period else { return [:] }
        let years = scope.periods.filter { if case .year(let year) = $0 { year <= shown && year > shown - 10 } else { false } }
        var series: [IndicatorCode: [(period: Period, figure: Figure)]] = [:]
        for (key, figure) in try await services.store.unitFigures(periods: years, units: [scope.unit.code]) {
            if let actual = figure.actual { series[key.indicator, default: []].append((key.period, actual)) }
        }
        return series
    }
}
