import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeReports

/// Targets missed: by how much in percent of the target for amounts and counts, in percentage points for rates,
/// in every language, and each printed figure traced like the sample's.
@Suite struct ReportShortfallTests {
    /// A rate target Bac Giang missed (94.7 % of village heads against 95 %), beside the districts' sample.
    static let rateTarget = """
        {"format": "stocktake/1", "targets": [{"code": "BG-2024-village-heads-test", "unit": "BG", "indicator": "village_heads_members",
         "period": "2024", "document": "BG-PLAN-2024", "bound": "at_least", "value": "95"}]}
        """

    /// Ceilings on Bac Giang's figures: trade 60 against at most 45, members 2,938 against at most 3,000, village
    /// heads 94.7 % against at most 90 %.
    static let ceilings = """
        {"format": "stocktake/1", "targets": [
         {"code": "BG-2024-trade-ceiling-test", "unit": "BG", "indicator": "trade_value", "period": "2024", "document": "BG-PLAN-2024", "bound": "at_most", "value": "45"},
         {"code": "BG-2024-members-ceiling-test", "unit": "BG", "indicator": "new_party_members", "period": "2024", "document": "BG-PLAN-2024", "bound": "at_most", "value": "3000"},
         {"code": "BG-2024-heads-ceiling-test", "unit": "BG", "indicator": "village_heads_members", "period": "2024", "document": "BG-PLAN-2024", "bound": "at_most", "value": "90"}]}
        """

    @Test("a ceiling's result says how far over or under the ceiling the figure is, in every language, and is traced")
    func ceilingsSayHowFarOverOrUnder() async throws {
        try await ReportFixture.withSample { store async throws in
            try await store.importChecked(ImportFile.read(Data(Self.ceilings.utf8), file: "ceilings.json", enteredBy: "tester"))
            // 60 / 45 is 33.33 % over; 2,938 / 3,000 is 2.07 % under; 94.7 % is 4.70 points over 90 %.
            let expected: [ReportLanguage: [String]] = [
                .en: ["33.33% above the ceiling", "2.07% below the ceiling", "4.70 percentage points above the ceiling"],
                .vi: ["cao hơn 33,33% so với mức trần", "thấp hơn 2,07% so với mức trần", "cao hơn 4,70 điểm phần trăm so với mức trần"],
                .es: ["un 33,33 % por encima del tope", "un 2,07 % por debajo del tope", "4,70 puntos porcentuales por encima del tope"],
                .el: ["κατά 33,33% πάνω από το ανώτατο όριο", "κατά 2,07% κάτω από το ανώτατο όριο", "4,70 ποσοστιαίες μονάδες πάνω από το ανώτατο όριο"],
                .ru: ["на 33,33 % выше предельного значения", "на 2,07 % ниже предельного значения", "на 4,70 процентного пункта выше предельного значения"],
                .ar: ["متجاوزًا الحد الأقصى", "دون الحد الأقصى"],
            ]
            for (language, phrases) in expected {
                let report = try await ReportFixture.report(store, language)
                // Spanish and Russian put a no-break space before the percent sign.
                let text = MarkdownReport.render(report).replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
                for phrase in phrases { #expect(text.contains(phrase), "\(language): \(phrase)") }
                let over = try #require(report.facts.first { $0.quantity == .excess(TargetCode(unchecked: "BG-2024-trade-ceiling-test")) })
                #expect(over.value.rounded(2) == Decimal(string: "33.33"))
                let under = try #require(report.facts.first { $0.quantity == .shortfall(TargetCode(unchecked: "BG-2024-members-ceiling-test")) })
                #expect(under.value.rounded(2) == Decimal(string: "2.07"))
                try await ReportTraceTests.expectTraced(report, store: store)
            }
        }
    }

    @Test func missedTargetsSayByHowMuch() async throws {
        try await ReportFixture.withSample { store async throws in
            let districts = try Data(contentsOf: ReportFixture.samples.appendingPathComponent("bac-giang-districts-2024.json"))
            try await store.importChecked(ImportFile.read(districts, file: "districts.json", enteredBy: "tester"))
            try await store.importChecked(ImportFile.read(Data(Self.rateTarget.utf8), file: "rate.json", enteredBy: "tester"))

            // Tan Yen: 398.6 against 420 billion VND is 5.10 % short.
            let tanYen = try ReportBuilder.build(try await Actions(store: store).reportInput(unit: "BG-TY", period: .year(2024), asOf: ReportFixture.asOf, reader: .console), language: .en)
            let text = MarkdownReport.render(tanYen)
            #expect(text.contains("District budget revenue reached 398.6 billion VND, falling short of the target in the Targets and tasks for 2024 assigned to the district level (illustrative) by 5.10%."))
            #expect(text.contains("District budget revenue: 398.6 billion VND against a target of at least 420.0 in the Targets and tasks for 2024 assigned to the district level (illustrative)."))
            #expect(text.contains("2 targets were assessed: 1 exceeded, 0 met, 1 not met."))
            try await ReportTraceTests.expectTraced(tanYen, store: store)

            // Bac Giang's village heads: 94.7 % against 95 % is 0.30 percentage points short, in each language's words.
            let expected: [ReportLanguage: String] = [
                .en: "0.30 percentage points below", .vi: "thấp hơn 0,30 điểm phần trăm", .ru: "на 0,30 процентного пункта ниже",
                .es: "0,30 puntos porcentuales por debajo", .el: "0,30 ποσοστιαίες μονάδες κάτω", .ar: "٠٫٣٠ نقطة مئوية",
            ]
            for (language, words) in expected {
                let report = try await ReportFixture.report(store, language)
                #expect(MarkdownReport.render(report).contains(words), "\(language): \(words)")
                let gap = try #require(report.facts.first { $0.quantity == .gapPoints(TargetCode(unchecked: "BG-2024-village-heads-test")) })
                #expect(gap.value == Decimal(string: "0.3"))
                try await ReportTraceTests.expectTraced(report, store: store)
            }
        }
    }
}
