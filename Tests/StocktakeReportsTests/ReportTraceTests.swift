import Foundation
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeReports

/// Every figure the report prints, in every language, recomputed from the store by a path of its own (the
/// stored observations, targets, claims and tasks; not the evaluator) and compared with its printed text.
@Suite struct ReportTraceTests {
    /// What the store says a fact's value is.
    struct Recompute {
        let store: Store
        let period: Period

        func latest(_ key: ObservationKey) async throws -> Observation? {
            try await store.observations(periods: [key.period], units: [key.unit], indicators: [key.indicator]).max { $0.revision < $1.revision }
        }

        func measured(_ key: ObservationKey) async throws -> Decimal? {
            guard let figure = try await latest(key)?.figure else { return nil }
            switch figure {
            case .value(let v): return v
            case .share(let x, let y): return x * 100 / y
            }
        }

        /// The target's value: stated, or derived from the comparison the source stated against it.
        func bound(_ target: Target) async throws -> Decimal? {
            if let value = target.bound.value { return value }
            let key = ObservationKey(unit: target.unit, indicator: target.indicator, period: target.period)
            guard let observation = try await latest(key), let actual = try await measured(key),
                let claim = observation.claims.comparisons.first(where: { $0.basis == .target(target.code) }) else { return nil }
            return claim.relation == .change ? actual / (1 + claim.percent / 100) : actual / (claim.percent / 100)
        }

        func target(_ code: TargetCode) async throws -> Target {
            try #require(try await store.targets(codes: [code]).first)
        }

        func value(of quantity: Fact.Quantity) async throws -> Decimal? {
            switch quantity {
            case .actual(let key):
                if let own = try await measured(key) { return own }
                // No figure of its own: the sum of the units below, for amounts and counts.
                let children = try await store.units().filter { $0.parent == key.unit && $0.isActive(in: key.period) }
                var sum: Decimal = 0
                for child in children {
                    guard let value = try await measured(ObservationKey(unit: child.code, indicator: key.indicator, period: key.period)) else { return nil }
                    sum += value
                }
                return children.isEmpty ? nil : sum
            case .excess(let code), .shortfall(let code):
                let target = try await target(code)
                guard let bound = try await bound(target),
                    let actual = try await measured(ObservationKey(unit: target.unit, indicator: target.indicator, period: target.period)) else { return nil }
                let ratio = (actual / bound - 1) * 100
                if case .excess = quantity { return ratio } else { return -ratio }
            case .gapPoints(let code):
                let target = try await target(code)
                guard let bound = try await bound(target),
                    let actual = try await measured(ObservationKey(unit: target.unit, indicator: target.indicator, period: target.period)) else { return nil }
                return abs(actual - bound)
            case .bound(let code):
                return try await bound(try await target(code))
            case .rank(let key, _), .peers(let key, _):
                // Among the active units of the same level with a figure, by the indicator's better direction.
                let units = Dictionary(uniqueKeysWithValues: try await store.units().map { ($0.code, $0) })
                guard let unit = units[key.unit], let indicator = try await store.indicators().first(where: { $0.code == key.indicator }) else { return nil }
                var figures: [Decimal] = []
                var own: Decimal?
                for observation in try await store.observations(periods: [key.period], indicators: [key.indicator]) {
                    guard let peer = units[observation.key.unit], peer.level == unit.level, peer.isActive(in: key.period) else { continue }
                    let latest = try await measured(observation.key)!
                    if observation.revision == (try await self.latest(observation.key))?.revision { figures.append(latest) }
                    if observation.key.unit == key.unit { own = latest }
                }
                guard let own else { return nil }
                if case .peers = quantity { return Decimal(figures.count) }
                return Decimal(1 + figures.filter { indicator.better == .higher ? $0 > own : $0 < own }.count)
            case .change(let key):
                guard let observation = try await latest(key), let actual = try await measured(key) else { return nil }
                if let stated = observation.claims.comparisons.first(where: { $0.basis == .yearEarlier && $0.relation == .change }) { return abs(stated.percent) }
                guard let before = try await measured(ObservationKey(unit: key.unit, indicator: key.indicator, period: key.period.yearEarlier)) else { return nil }
                return abs((actual / before - 1) * 100)
            case .tasks(let unit, let period, let count):
                let tasks = try await store.tasks(periods: [period]).filter { $0.unit == unit && $0.period == period }
                let done = tasks.compactMap { task -> Bool? in if case .done(let c) = task.status { c.onTime } else { nil } }
                switch count {
                case .counted: return Decimal(tasks.filter { if case .dropped = $0.status { false } else { true } }.count)
                case .done: return Decimal(done.count)
                case .onTime: return Decimal(done.filter { $0 }.count)
                case .late: return Decimal(done.filter { !$0 }.count)
                }
            case .targets(let unit, let period, let status):
                // Each target's status from the stored actual and its bound: a floor is beaten from above, a ceiling
                // from below.
                var statuses: [Status] = []
                for target in try await store.targets(periods: [period]) where target.unit == unit {
                    guard let bound = try await bound(target),
                        let actual = try await measured(ObservationKey(unit: unit, indicator: target.indicator, period: period)) else { continue }
                    let better: Bool
                    switch target.bound {
                    case .atLeast: better = actual > bound
                    case .atMost: better = actual < bound
                    case .between, .exactly: continue
                    }
                    // A derived bound is known to the source's printed precision: 100 % of the plan is met.
                    let printed = try await store.observations(periods: [period], units: [unit], indicators: [target.indicator])
                        .last?.claims.comparisons.first { $0.basis == .target(target.code) }
                    let equal = printed.map { $0.relation == .percentOf && $0.percent == 100 } ?? (actual == bound)
                    statuses.append(equal ? .met : better ? .exceeded : .notMet)
                }
                return Decimal(status.map { s in statuses.filter { $0 == s }.count } ?? statuses.count)
            }
        }
    }

    @Test(arguments: ReportLanguage.allCases)
    func everyPrintedFigureIsTheStoresFigureFormattedForTheLanguage(language: ReportLanguage) async throws {
        try await ReportFixture.withSample { store async throws in
            let report = try await ReportFixture.report(store, language)
            #expect(report.facts.count >= 30)
            try await Self.expectTraced(report, store: store)
        }
    }

    /// Checks every fact of `report` against the store: in its sentence, in the HTML, and equal to the store's
    /// value printed as the report prints that kind of figure.
    static func expectTraced(_ report: Report, store: Store) async throws {
        let language = report.language
        let format = FigureFormatter(language: language.rawValue, locale: language.locale())
        let catalog = try MessageCatalog.load(language)
        let html = HTMLReport.render(report)
        let recompute = Recompute(store: store, period: report.period)
        let indicators = try await store.indicatorsByCode()
        for sentence in report.sections.flatMap({ $0.blocks.flatMap(\.sentences) }) {
            for fact in sentence.facts {
                #expect(sentence.text.contains(fact.text), "\(language): '\(fact.text)' is not in '\(sentence.text)'")
                #expect(html.contains(Escape.html(fact.text)))
                let value = try #require(try await recompute.value(of: fact.quantity), "\(fact.quantity) has no stored value")
                // The recomputed value, printed as the report prints a fact of this kind, is the printed text.
                let printed: String
                switch fact.quantity {
                case .actual(let key):
                    let figure = try await recompute.latest(key)?.figure ?? .value(value)
                    // The measure in the report's language, else in its fallback language (README).
                    var indicator = indicators[key.indicator]!
                    let measure = indicator.measure.values[language.rawValue] ?? indicator.measure.values[language == .en ? "vi" : "en"] ?? indicator.measure[language.rawValue]
                    indicator.measure = LocalizedText([language.rawValue: measure])
                    printed = format.figure(figure, indicator: indicator)
                case .excess, .shortfall:
                    printed = format.percent(value)
                case .change(let key):
                    let stated = try await recompute.latest(key)?.claims.comparisons.first { $0.basis == .yearEarlier }
                    printed = format.percent(value, decimals: stated.map { Decimal.decimalPlaces(in: $0.percent.exactText) } ?? 2)
                case .bound(let code):
                    let indicator = indicators[try await recompute.target(code).indicator]!
                    let inPercent = indicator.kind == .share || indicator.measure.values.values.contains("%")
                    printed = inPercent ? format.percent(value, decimals: indicator.decimals) : format.number(value, decimals: indicator.decimals)
                case .gapPoints:
                    printed = format.number(value, decimals: 2)
                case .rank:
                    printed = try catalog.text("place", ["n": format.number(value, decimals: 0)], count: value)
                case .peers, .tasks, .targets:
                    printed = format.number(value, decimals: 0)
                }
                #expect(fact.text.contains(printed) || printed == fact.text, "\(language) \(fact.quantity): printed '\(fact.text)', the store gives '\(printed)'")
            }
        }
    }
}
