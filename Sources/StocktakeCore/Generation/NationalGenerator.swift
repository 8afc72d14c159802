import Foundation

/// Generates a realistic, deterministic national data set: the 63 provinces with their real names and regions,
/// districts, communes and grassroots organizations in the national proportions, about a hundred indicators of
/// all four kinds with plausible levels and trends, yearly targets set by documents, key tasks, ten years of
/// observations with some corrections, and some merged units. Every figure is synthetic and marked so.
///
/// The definitions come first (``definitions()``), then each year's observations (``observations(year:)``), so a
/// caller can stream a nation into a store one year at a time. Each year is generated from its own seed, so any
/// year can be regenerated alone and gives the same figures.
public struct NationalGenerator: Sendable {
    public enum Scale: String, Sendable, CaseIterable {
        /// 3 provinces, a few districts, communes and organizations: for tests.
        case small
        /// One province (Bac Giang) with its districts, communes and organizations.
        case province
        /// The whole country: 63 provinces, ~700 districts, ~10,600 communes, ~52,000 organizations.
        case nation
    }

    public let scale: Scale
    public let seed: UInt64
    public let firstYear: Int
    public let years: Int
    public let enteredAt: Date

    public init(scale: Scale, seed: UInt64, firstYear: Int = 2015, years: Int = 10, enteredAt: Date = Date(timeIntervalSince1970: 0)) {
        self.scale = scale
        self.seed = seed
        self.firstYear = firstYear
        self.years = years
        self.enteredAt = enteredAt
        tree = Self.makeTree(scale: scale, seed: seed, mergeYear: firstYear + years / 2)
        specs = IndicatorSpec.catalog(count: scale == .small ? 16 : 100)
        // How many units of each level lie under each unit (itself included), for sizes and expectations.
        var leaves: [UnitCode: [Level: Int]] = [:]
        let parents = Dictionary(tree.map { ($0.code, $0.parent) }, uniquingKeysWith: { a, _ in a })
        for unit in tree {
            var cursor: UnitCode? = unit.code
            while let code = cursor {
                leaves[code, default: [:]][unit.level, default: 0] += 1
                cursor = parents[code] ?? nil
            }
        }
        self.leaves = leaves
        let byCode = Dictionary(tree.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var provinceOf: [UnitCode: UnitCode] = [:]
        for unit in tree {
            var cursor: OrgUnit? = unit
            while let current = cursor, current.level != .province { cursor = current.parent.flatMap { byCode[$0] } }
            if let province = cursor { provinceOf[unit.code] = province.code }
        }
        self.provinceOf = provinceOf
    }

    let leaves: [UnitCode: [Level: Int]]
    let provinceOf: [UnitCode: UnitCode]

    /// Reporting units of `spec`'s level under `unit` (1 for the reporting unit itself).
    func leafCount(_ spec: IndicatorSpec, under unit: UnitCode) -> Int {
        spec.indicator.kind == .rate ? 1 : max(1, leaves[unit]?[spec.leaf] ?? 1)
    }

    public var lastYear: Int { firstYear + years - 1 }

    let tree: [OrgUnit]
    let specs: [IndicatorSpec]

    // MARK: - Definitions

    /// Units, indicators, documents, targets and key tasks for every year.
    public func definitions() -> DataSet {
        var set = DataSet(units: tree, indicators: specs.map(\.indicator))
        var random = SeededGenerator(seed: seed ^ 0xD0C5)
        let setters = tree.filter { $0.level == .province || $0.level == .district }
        var used: [UnitCode: Set<Int>] = [:]
        for year in firstYear...lastYear {
            for unit in setters {
                let isProvince = unit.level == .province
                // Each committee numbers its documents without repeating a number.
                var number = random.int(in: 1...999)
                while used[unit.code, default: []].contains(number) { number = number % 999 + 1 }
                used[unit.code, default: []].insert(number)
                let documentCode = DocumentCode(unchecked: "\(unit.code)-\(year)-plan")
                set.documents.append(Document(
                    code: documentCode,
                    reference: .coded(number: number, kind: .resolution, issuer: isProvince ? "TU" : "HU"),
                    title: LocalizedText([
                        "vi": "Nghị quyết về nhiệm vụ năm \(year) (tổng hợp)", "en": "Resolution on the tasks of \(year) (synthetic)",
                    ]),
                    issuer: unit.code, issued: try? CalendarDate(year: year - 1, month: 12, day: random.int(in: 1...20))))
                // Provinces set a target on every indicator; districts on the ones they report.
                for spec in specs where isProvince || spec.leaf == .district {
                    set.targets.append(target(for: spec, unit: unit, year: year, document: documentCode, random: &random))
                }
                if isProvince {
                    for index in 1...12 {
                        set.tasks.append(task(index, unit: unit, year: year, document: documentCode, random: &random))
                    }
                }
            }
        }
        return set
    }

    func target(for spec: IndicatorSpec, unit: OrgUnit, year: Int, document: DocumentCode, random: inout SeededGenerator) -> Target {
        let code = TargetCode(unchecked: "\(unit.code)-\(year)-\(spec.code)")
        let expected = spec.expected(leaves: leafCount(spec, under: unit.code), unit: unit.code, year: year, firstYear: firstYear)
        // Targets sit near the expected figure: some are beaten, some missed.
        let stretch = Decimal(random.int(in: -40...60)) / 1000
        let value = (spec.better == .higher ? expected * (1 + stretch) : expected * (1 - stretch)).rounded(spec.decimals)
        let bound: Target.Bound = spec.better == .higher ? .atLeast(max(value, 0)) : .atMost(max(value, 0))
        return Target(code: code, unit: unit.code, indicator: spec.code, period: .year(year), document: document, bound: bound)
    }

    func task(_ index: Int, unit: OrgUnit, year: Int, document: DocumentCode, random: inout SeededGenerator) -> KeyTask {
        let deadline = try! CalendarDate(year: year, month: random.int(in: 3...12), day: 28)
        let roll = random.int(in: 1...100)
        let status: KeyTask.Status
        if year == lastYear && roll > 60 {
            status = roll > 90 ? .notStarted : .inProgress
        } else if roll <= 80 {
            status = .done(.init(day: try! CalendarDate(year: year, month: deadline.month, day: random.int(in: 1...28)), deadline: deadline))
        } else if roll <= 93 {
            status = .done(.init(day: try! CalendarDate(year: min(year + 1, 9999), month: random.int(in: 1...3), day: 15), deadline: deadline))
        } else {
            status = .dropped
        }
        return KeyTask(
            code: TaskCode(unchecked: "\(unit.code)-\(year)-task\(index)"), unit: unit.code, document: document,
            title: LocalizedText(["vi": "Nhiệm vụ trọng tâm \(index) năm \(year)", "en": "Key task \(index) of \(year) (synthetic)"]),
            period: .year(year), deadline: deadline, status: status)
    }

    // MARK: - Observations

    public static let citation = "stocktake generate: synthetic figure"

    /// One year's observations: every unit's figures at the level each indicator is reported, provinces' own
    /// figures beside their children's roll-ups, and corrections of a few figures as second revisions.
    public func observations(year: Int) -> [Observation] {
        var random = SeededGenerator(seed: seed &+ UInt64(year) &* 0x9E37_79B9)
        var result: [Observation] = []
        let period = Period.year(year)
        let source = Observation.Source(kind: .synthetic, citation: Self.citation)
        // Provinces' own figures are their reporting units' total, so that roll-up and own figure agree…
        var totals: [ObservationKey: [Figure]] = [:]
        for unit in tree where unit.isActive(in: period) {
            for spec in specs where spec.isReported(by: unit.level) {
                let key = ObservationKey(unit: unit.code, indicator: spec.code, period: period)
                if unit.level == .province && unit.level != spec.leaf && spec.indicator.kind != .rate { continue }
                let figure = spec.figure(for: unit, year: year, firstYear: firstYear, leaves: 1, random: &random)
                if let province = provinceOf[unit.code], unit.level == spec.leaf, spec.ownAtProvince, unit.level != .province {
                    totals[ObservationKey(unit: province, indicator: spec.code, period: period), default: []].append(figure)
                }
                result.append(Observation(key: key, figure: figure, source: source, enteredBy: "stocktake generate", enteredAt: enteredAt))
                if random.int(in: 1...400) == 1 {
                    result.append(Observation(
                        key: key, revision: 2, figure: spec.corrected(figure, random: &random), source: source,
                        enteredBy: "stocktake generate", enteredAt: enteredAt.addingTimeInterval(86_400), reason: "corrected after the year-end audit"))
                }
            }
        }
        // …except about one in fifty, which disagrees: a finding for the review to catch.
        for (key, figures) in totals.sorted(by: { $0.key < $1.key }) {
            guard let spec = specs.first(where: { $0.code == key.indicator }), var figure = Rollup.combine(figures, kind: spec.indicator.kind) else { continue }
            if random.int(in: 1...50) == 1 { figure = spec.corrected(spec.corrected(figure, random: &random), random: &random) }
            result.append(Observation(key: key, figure: figure, source: source, enteredBy: "stocktake generate", enteredAt: enteredAt))
        }
        return result
    }

    /// How many observations a year has, for progress.
    public var estimatedObservationsPerYear: Int {
        tree.reduce(0) { total, unit in total + specs.filter { $0.isReported(by: unit.level) }.count }
    }

    // MARK: - The tree

    static func makeTree(scale: Scale, seed: UInt64, mergeYear: Int) -> [OrgUnit] {
        var random = SeededGenerator(seed: seed ^ 0x7EE)
        let nation = OrgUnit(code: UnitCode(unchecked: "VN"), names: LocalizedText(["vi": "Việt Nam", "en": "Viet Nam"]), level: .nation)
        var units = [nation]
        let provinces: [Provinces.Province] =
            switch scale {
            case .small: Array(Provinces.all.filter { ["BGG", "HNI", "DNG"].contains($0.code) })
            case .province: Provinces.all.filter { $0.code == "BGG" }
            case .nation: Provinces.all
            }
        let (districtRange, communeRange, organizationRange) =
            scale == .small ? (2...3, 2...4, 1...3) : (7...15, 11...19, 3...7)
        let merged = try! CalendarDate(year: mergeYear, month: 1, day: 1)
        for province in provinces {
            let provinceCode = UnitCode(unchecked: province.code)
            units.append(OrgUnit(
                code: provinceCode, names: LocalizedText(["vi": province.vi, "en": province.en]), level: .province,
                parent: nation.code, groups: [.region: province.region, .cluster: province.region + " provinces"]))
            for d in 1...random.int(in: districtRange) {
                let districtCode = UnitCode(unchecked: "\(province.code)-D\(d)")
                units.append(OrgUnit(
                    code: districtCode, names: LocalizedText(["vi": "Huyện \(d), \(province.vi)", "en": "District \(d), \(province.en)"]),
                    level: .district, parent: provinceCode, origin: .synthetic))
                for c in 1...random.int(in: communeRange) {
                    let communeCode = UnitCode(unchecked: "\(districtCode)-C\(c)")
                    units.append(OrgUnit(
                        code: communeCode, names: LocalizedText(["vi": "Xã \(c), huyện \(d), \(province.vi)", "en": "Commune \(c), district \(d), \(province.en)"]),
                        level: .commune, parent: districtCode, origin: .synthetic))
                    let organizations = random.int(in: organizationRange)
                    for o in 1...organizations {
                        // About one organization in a hundred merges into its first sibling half-way through
                        // (one in eight at the small scale, so that its few organizations include a merger).
                        let merger = o > 1 && random.int(in: 1...(scale == .small ? 8 : 100)) == 1
                            ? OrgUnit.Merger(successor: UnitCode(unchecked: "\(communeCode)-O1"), effective: merged) : nil
                        units.append(OrgUnit(
                            code: UnitCode(unchecked: "\(communeCode)-O\(o)"),
                            names: LocalizedText(["vi": "Chi bộ \(o), xã \(c)", "en": "Party cell \(o), commune \(c)"]),
                            level: .organization, parent: communeCode, merger: merger, origin: .synthetic))
                    }
                }
            }
        }
        return units
    }
}

extension Level {
    public static let organization = Level("organization")
}
