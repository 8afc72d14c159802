import Foundation

/// How the national generator makes one indicator's figures: the level that reports it, a typical value per
/// reporting unit, a yearly trend and noise. Amounts and counts grow, shares approach full coverage, rates wander
/// around a mean.
struct IndicatorSpec: Sendable {
    let indicator: Indicator
    /// The level whose units report it; levels above get roll-ups (rates are reported at every level above too).
    let leaf: Level
    /// Typical value of one reporting unit in the first year (a share's denominator).
    let base: Decimal
    /// Yearly growth, in per mille (1040 = +4 % a year); for shares the yearly gain in coverage, in per mille.
    let trend: Int
    /// Whether provinces also report their own figure beside their children's roll-up.
    let ownAtProvince: Bool

    var code: IndicatorCode { indicator.code }
    var better: BetterDirection { indicator.better }
    var decimals: Int { indicator.decimals }

    static let levels: [Level] = [.organization, .commune, .district, .province]

    func isReported(by level: Level) -> Bool {
        if level == leaf { return true }
        guard let leafDepth = Self.levels.firstIndex(of: leaf), let depth = Self.levels.firstIndex(of: level) else { return false }
        return depth > leafDepth && (indicator.kind == .rate || (level == .province && ownAtProvince))
    }

    /// A factor from 0.6 to 1.4 that is the same for a unit every year: some units are simply larger.
    static func size(of unit: UnitCode) -> Decimal {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in unit.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Decimal(600 + Int(hash % 801)) / 1000
    }

    func growth(to year: Int, from first: Int) -> Decimal {
        var factor = Decimal(1)
        let step = Decimal(trend) / 1000
        for _ in 0..<max(0, year - first) { factor *= step }
        return factor
    }

    /// The share of coverage (0–1) in a year: from 55 % rising by `trend` per mille a year, at most 99 %.
    func coverage(in year: Int, from first: Int) -> Decimal {
        min(Decimal(55) / 100 + Decimal(trend * max(0, year - first)) / 1000, Decimal(99) / 100)
    }

    /// A reporting unit's figure for a year.
    func figure(for unit: OrgUnit, year: Int, firstYear: Int, leaves: Int, random: inout SeededGenerator) -> Figure {
        let noise = Decimal(random.int(in: 970...1030)) / 1000
        switch indicator.kind {
        case .amount, .count:
            let value = (base * Decimal(leaves) * Self.size(of: unit.code) * growth(to: year, from: firstYear) * noise).rounded(decimals)
            return .value(max(value, 0))
        case .share:
            let denominator = (base * Decimal(leaves) * Self.size(of: unit.code)).rounded(0) + 1
            let numerator = min((denominator * coverage(in: year, from: firstYear) * noise).rounded(0), denominator)
            return .share(numerator: numerator, denominator: denominator)
        case .rate:
            let wander = Decimal(random.int(in: -150...150)) / 100
            return .value((base + Decimal(trend) / 1000 * Decimal(year - firstYear) + wander).rounded(decimals))
        }
    }

    /// The figure a unit is expected to reach, which targets are set around.
    func expected(leaves: Int, unit: UnitCode, year: Int, firstYear: Int) -> Decimal {
        switch indicator.kind {
        case .amount, .count: base * Decimal(leaves) * Self.size(of: unit) * growth(to: year, from: firstYear)
        case .share: coverage(in: year, from: firstYear) * 100
        case .rate: base + Decimal(trend) / 1000 * Decimal(year - firstYear)
        }
    }

    /// A correction: the figure moved by up to 2 %.
    func corrected(_ figure: Figure, random: inout SeededGenerator) -> Figure {
        let factor = Decimal(random.int(in: 980...1020)) / 1000
        switch figure {
        case .value(let v): return .value((v * factor).rounded(decimals))
        case .share(let x, let y): return .share(numerator: min((x * factor).rounded(0), y), denominator: y)
        }
    }

    // MARK: - The catalog

    /// About a hundred indicators: named themes across the four kinds, each at the level that reports it.
    static func catalog(count: Int) -> [IndicatorSpec] {
        typealias Theme = (code: String, en: String, vi: String, measureEn: String, measureVi: String, kind: IndicatorKind, better: BetterDirection, decimals: Int, leaf: Level, base: String, trend: Int)
        let themes: [Theme] = [
            ("members", "Party members", "Đảng viên", "members", "đảng viên", .count, .higher, 0, .organization, "30", 1020),
            ("new_members", "New party members admitted", "Đảng viên mới kết nạp", "members", "đảng viên", .count, .higher, 0, .organization, "2", 1010),
            ("cells_rated_good", "Party cells rated good or better", "Chi bộ xếp loại tốt trở lên", "cells", "chi bộ", .share, .higher, 2, .organization, "1", 15),
            ("meetings_held", "Regular meetings held", "Số buổi sinh hoạt định kỳ", "meetings", "buổi", .count, .higher, 0, .organization, "12", 1000),
            ("dues_collected", "Party dues collected", "Đảng phí thu được", "million VND", "triệu đồng", .amount, .higher, 1, .organization, "18.5", 1050),
            ("violations", "Members disciplined", "Đảng viên bị kỷ luật", "members", "đảng viên", .count, .lower, 0, .organization, "1", 990),
            ("budget_revenue", "State budget revenue", "Thu ngân sách nhà nước", "billion VND", "tỷ đồng", .amount, .higher, 1, .commune, "45.5", 1080),
            ("budget_spending", "State budget spending", "Chi ngân sách nhà nước", "billion VND", "tỷ đồng", .amount, .lower, 1, .commune, "40.2", 1060),
            ("households", "Households", "Hộ gia đình", "households", "hộ", .count, .higher, 0, .commune, "2400", 1010),
            ("poor_households", "Poor households", "Hộ nghèo", "households", "hộ", .count, .lower, 0, .commune, "120", 940),
            ("new_rural_criteria", "New rural criteria met", "Tiêu chí nông thôn mới đạt", "criteria", "tiêu chí", .share, .higher, 2, .commune, "19", 40),
            ("health_insurance", "Population with health insurance", "Dân số có bảo hiểm y tế", "people", "người", .share, .higher, 2, .commune, "9000", 35),
            ("clean_water", "Households with clean water", "Hộ dùng nước sạch", "households", "hộ", .share, .higher, 2, .commune, "2400", 30),
            ("schools_standard", "Schools meeting national standards", "Trường đạt chuẩn quốc gia", "schools", "trường", .share, .higher, 2, .commune, "4", 35),
            ("grdp_growth", "GRDP growth rate", "Tốc độ tăng trưởng GRDP", "%", "%", .rate, .higher, 2, .district, "6.5", 50),
            ("grdp", "GRDP", "Quy mô GRDP", "billion VND", "tỷ đồng", .amount, .higher, 1, .district, "9500", 1070),
            ("investment", "Investment attracted", "Vốn đầu tư thu hút", "million USD", "triệu USD", .amount, .higher, 1, .district, "85", 1090),
            ("exports", "Export value", "Kim ngạch xuất khẩu", "million USD", "triệu USD", .amount, .higher, 1, .district, "310", 1100),
            ("unemployment", "Urban unemployment rate", "Tỷ lệ thất nghiệp thành thị", "%", "%", .rate, .lower, 2, .district, "3.1", -20),
            ("poverty_rate", "Multidimensional poverty rate", "Tỷ lệ hộ nghèo đa chiều", "%", "%", .rate, .lower, 2, .commune, "5.4", -300),
            ("forest_cover", "Forest cover", "Tỷ lệ che phủ rừng", "%", "%", .rate, .higher, 1, .district, "38.0", 200),
            ("trained_workers", "Trained workers", "Lao động qua đào tạo", "workers", "lao động", .share, .higher, 2, .district, "52000", 20),
            ("enterprises", "New enterprises", "Doanh nghiệp thành lập mới", "enterprises", "doanh nghiệp", .count, .higher, 0, .district, "140", 1050),
            ("roads_paved", "Rural roads paved", "Đường giao thông nông thôn được cứng hóa", "km", "km", .amount, .higher, 1, .district, "35.0", 1030),
            ("tourists", "Tourist arrivals", "Lượt khách du lịch", "thousand", "nghìn lượt", .amount, .higher, 1, .province, "950", 1120),
        ]
        var result: [IndicatorSpec] = []
        var round = 0
        while result.count < count {
            for (index, theme) in themes.enumerated() where result.count < count {
                // Later rounds are variants of the themes (by sector), so a hundred indicators stay plausible.
                let suffix = round == 0 ? "" : "_\(round + 1)"
                let sector = round == 0 ? "" : [" (industry)", " (services)", " (agriculture)"][(round - 1) % 3]
                let sectorVi = round == 0 ? "" : [" (công nghiệp)", " (dịch vụ)", " (nông nghiệp)"][(round - 1) % 3]
                let indicator = Indicator(
                    code: IndicatorCode(unchecked: theme.code + suffix), names: LocalizedText(["en": theme.en + sector, "vi": theme.vi + sectorVi]),
                    measure: LocalizedText(["en": theme.measureEn, "vi": theme.measureVi]), kind: theme.kind, better: theme.better,
                    decimals: theme.decimals, origin: .synthetic)
                let scale = round == 0 ? Decimal(1) : Decimal(3 + round) / 10
                // Variants are reported from districts up, so that a nation stays near half a million figures a year.
                let leaf = round == 0 || theme.leaf == .province ? theme.leaf : .district
                result.append(IndicatorSpec(
                    indicator: indicator, leaf: leaf, base: Decimal(string: theme.base)! * (theme.kind == .rate || theme.kind == .share ? 1 : scale),
                    trend: theme.trend, ownAtProvince: (index + round) % 5 == 0))
            }
            round += 1
        }
        return result
    }
}
