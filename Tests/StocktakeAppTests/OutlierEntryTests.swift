import Foundation
import Testing
import StocktakeApp
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport

/// An unusual figure at entry, on the suite's engine: a commune's count with five earlier years, typed with one
/// zero too many, and a province's growth rate typed without its decimal point among the rates of six provinces
/// beside it. Each is refused with a warning and nothing written, until it is confirmed with a comment; the
/// comment is kept in the audit trail. A figure in line with its history or its peers is entered at once.
@Suite struct OutlierEntryTests {
    static let commune = Account(username: Username(unchecked: "tanan"), role: .editor, unit: UnitCode(unchecked: "BG-YD-TA"), language: "vi")
    static let province = Account(username: Username(unchecked: "bacgiang"), role: .editor, unit: UnitCode(unchecked: "BG"), language: "vi")

    static func withHistory(_ body: (Actions) async throws -> Void) async throws {
        try await TestDatabase.withStore { store async throws in
            try await Samples.importReview(into: store)
            // Admissions of new members in a commune, 2019–2023, and the growth rates of six provinces in 2024.
            let members = zip(2019...2023, [30, 32, 35, 36, 39]).map { year, value in
                #"{"unit": "BG-YD-TA", "indicator": "district_new_members", "period": "\#(year)", "value": "\#(value)", "source": {"kind": "report", "citation": "commune report"}}"#
            }
            let provinces = ["X1", "X2", "X3", "X4", "X5", "X6"]
            let units = provinces.map { #"{"code": "\#($0)", "names": {"en": "Province \#($0)"}, "level": "province", "parent": "VN"}"# }
            let growth = zip(provinces, ["6.1", "7.0", "7.4", "6.8", "8.1", "7.5"]).map { unit, value in
                #"{"unit": "\#(unit)", "indicator": "grdp_growth", "period": "2024", "value": "\#(value)", "source": {"kind": "report", "citation": "statistics office"}}"#
            }
            let json = """
                {"format": "stocktake/1",
                 "units": [{"code": "BG-YD-TA", "names": {"en": "Tan An commune", "vi": "Xã Tân An"}, "level": "commune", "parent": "BG-YD"}, \(units.joined(separator: ", "))],
                 "observations": [\((members + growth).joined(separator: ",\n"))]}
                """
            try await store.importChecked(ImportFile.read(Data(json.utf8), file: "history.json", enteredBy: "setup"))
            for account in [commune, province] { try await store.addAccount(account, passwordHash: "not used") }
            try await body(Actions(store: store))
        }
    }

    static func unusual(_ actions: Actions, _ entry: FigureEntry, as account: Account) async throws -> Outlier? {
        let before = try await actions.store.rowCounts()
        do {
            try await actions.enterFigure(entry, as: account, via: .api)
        } catch ActionError.unusual(let outlier, let key, _) {
            #expect(key.description.contains(entry.indicator))
            #expect(try await actions.store.rowCounts() == before, "an unusual figure wrote something before it was confirmed")
            return outlier
        }
        return nil
    }

    @Test func aCountFarFromItsOwnYearsIsConfirmedWithAComment() async throws {
        try await Self.withHistory { actions in
            let slip = FigureEntry(unit: "BG-YD-TA", indicator: "district_new_members", period: .year(2024), value: "410")
            let outlier = try #require(try await Self.unusual(actions, slip, as: Self.commune))
            #expect(outlier.basis == .history && outlier.count == 5 && outlier.value == 410)
            // The years carried along their median rise of 2.5 a year: 41 or so expected, 410 far beyond.
            #expect(outlier.low < 41 && 41 < outlier.high && outlier.high < 60, "\(outlier)")

            var confirmed = slip
            confirmed.confirmation = "   "
            #expect(try await Self.unusual(actions, confirmed, as: Self.commune) != nil, "a blank comment confirms nothing")
            confirmed.confirmation = "Two communes merged into Tan An on 1 January 2024; both lists of new members are counted."
            let stored = try await actions.enterFigure(confirmed, as: Self.commune, via: .page)
            #expect(stored.figure == .value(410))
            let audit = try #require(try await actions.store.auditEvents(limit: 1).first)
            #expect(audit.action == .observationEntered && audit.after == "410")
            #expect(audit.detail.contains("unusual, confirmed: Two communes merged into Tan An"))

            // A figure in line with the years before is entered without a word.
            let usual = FigureEntry(unit: "BG-YD-TA", indicator: "district_new_members", period: .year(2024), value: "42", reason: "counted again")
            #expect(try await actions.enterFigure(usual, as: Self.commune, via: .api).revision == 2)
        }
    }

    @Test func aRateFarFromItsPeersIsWarnedAboutAndAnAmountIsNot() async throws {
        try await Self.withHistory { actions in
            // 13.85 typed as 1385: far from the six provinces beside it, 6.1 to 8.1.
            let slip = FigureEntry(unit: "BG", indicator: "grdp_growth", period: .year(2024), value: "1385", reason: "corrected")
            let outlier = try #require(try await Self.unusual(actions, slip, as: Self.province))
            #expect(outlier.basis == .peers && outlier.count == 6)
            // A confirmation too long for the audit trail is refused as such, and writes nothing.
            var long = slip
            long.confirmation = String(repeating: "x", count: 1001)
            await #expect(throws: ActionError.self) { try await actions.enterFigure(long, as: Self.province, via: .api) }
            // Amounts grow with a unit's size: a large province's revenue is not compared with its neighbours'.
            let revenue = FigureEntry(unit: "BG", indicator: "budget_revenue", period: .year(2024), value: "20699.6", reason: "final accounts")
            #expect(try await actions.enterFigure(revenue, as: Self.province, via: .api).revision == 2)
        }
    }
}
