import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import Testing
@testable import StocktakeWeb

/// Entering and correcting figures, task statuses and imports through the pages: nothing entered is lost.
@Suite struct EntryTests {
    @Test func enteringAFigureAndCorrectingItShowsBothRevisions() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("city")
            try await browser.get("/entry?unit=BG-CITY&period=2024")
            let first = try await browser.post("/entry", ["unit": "BG-CITY", "period": "2024", "indicator": "new_party_members", "value": "412", "citation": "district report"])
            #expect(first.status == .seeOther)
            #expect(first.location == "/history?unit=BG-CITY&period=2024&indicator=new_party_members")

            // A changed figure without a reason is refused, saying why, and nothing is written.
            try await browser.get("/entry?unit=BG-CITY&period=2024")
            let before = try await store.rowCounts()
            let refused = try await browser.post("/entry", ["unit": "BG-CITY", "period": "2024", "indicator": "new_party_members", "value": "421"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Reason for the correction") && refused.body.contains("a correction needs a reason"))
            #expect(try await store.rowCounts() == before)

            let corrected = try await browser.post("/entry", ["unit": "BG-CITY", "period": "2024", "indicator": "new_party_members", "value": "421", "reason": "digits swapped in the district report"])
            #expect(corrected.status == .seeOther)
            let history = try await browser.get(corrected.location ?? "").body
            #expect(history.contains(">412 ") && history.contains(">421 "))
            #expect(history.contains("digits swapped in the district report"))
            #expect(history.components(separatedBy: "class=\"revision").count - 1 == 2)

            let stored = try await store.history(of: ObservationKey(unit: UnitCode(unchecked: "BG-CITY"), indicator: IndicatorCode(unchecked: "new_party_members"), period: .year(2024)))
            #expect(stored.map(\.revision) == [1, 2])
            #expect(stored.allSatisfy { $0.enteredBy == "city" && $0.source.kind == .entry })

            // The audit history says who changed what.
            let audit = try await browser.get("/audit").body
            #expect(audit.contains("Figure corrected") && audit.contains("Figure entered") && audit.contains(">city<"))
            // The figure now counts in the province's roll-up on the dashboard.
            #expect(try await browser.get("/dashboard?unit=BG-CITY&period=2024").body.contains("421"))
        }
    }

    @Test func anUnusualFigureIsWarnedAboutInTheEditorsLanguageAndConfirmedWithAComment() async throws {
        try await WebHarness.run { client, store async throws in
            // Six provinces beside Bac Giang with their growth rates of 2024.
            let provinces = zip(["X1", "X2", "X3", "X4", "X5", "X6"], ["6.1", "7.0", "7.4", "6.8", "8.1", "7.5"])
            let json = """
                {"format": "stocktake/1",
                 "units": [\(provinces.map { #"{"code": "\#($0.0)", "names": {"en": "\#($0.0)"}, "level": "province", "parent": "VN"}"# }.joined(separator: ", "))],
                 "observations": [\(provinces.map { #"{"unit": "\#($0.0)", "indicator": "grdp_growth", "period": "2024", "value": "\#($0.1)", "source": {"kind": "report", "citation": "statistics office"}}"# }.joined(separator: ", "))]}
                """
            try await store.importChecked(ImportFile.read(Data(json.utf8), file: "provinces.json", enteredBy: "tester"))
            let browser = Browser(client)
            _ = try await browser.signIn("bacgiang")
            try await browser.get("/entry?unit=BG&period=2024")
            let before = try await store.rowCounts()
            let typed = ["unit": "BG", "period": "2024", "indicator": "grdp_growth", "value": "1385", "reason": "final figure"]
            let warned = try await browser.post("/entry", typed)
            #expect(warned.status == .unprocessableContent)
            // In Vietnamese, with Vietnamese digits, the figure kept as typed and a field to confirm it in.
            #expect(warned.body.contains("role=\"alert\" id=\"unusual\"") && warned.body.contains("1.385,00 là số liệu bất thường"), "\(warned.body)")
            #expect(warned.body.contains("name=\"confirmation\"") && warned.body.contains("value=\"1385\"") && warned.body.contains("Xác nhận và lưu"))
            #expect(try await store.rowCounts() == before)

            let confirmed = try await browser.post("/entry", typed.merging(["confirmation": "Số liệu đúng theo Cục Thống kê"]) { $1 })
            #expect(confirmed.status == .seeOther)
            let audit = try await store.auditEvents(limit: 1)
            #expect(audit.first?.detail.contains("unusual, confirmed: Số liệu đúng theo Cục Thống kê") == true)

            // The grid: the same warning in the cell's row, with a confirmation field there.
            try await browser.get("/entry/grid?unit=BG&period=2024")
            let cell = ["unit": "BG", "period": "2024", "u.0": "BG", "i.0": "grdp_growth", "v.0": "13850", "r.0": "typed again"]
            let refusedCell = try await browser.post("/entry/grid", cell)
            #expect(refusedCell.status == .unprocessableContent)
            #expect(refusedCell.body.contains("13.850,00 là số liệu bất thường") && refusedCell.body.contains("<label>Xác nhận số liệu bất thường <input name=\"c."), "\(refusedCell.body)")
            let savedCell = try await browser.post("/entry/grid", cell.merging(["c.0": "Kiểm tra lại: đúng"]) { $1 })
            #expect(savedCell.status == .seeOther)
            #expect(try await store.auditEvents(limit: 1).first?.detail.contains("unusual, confirmed: Kiểm tra lại: đúng") == true)
        }
    }

    @Test func aBadFigureIsExplainedAndNothingIsWritten() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("bacgiang")
            try await browser.get("/entry?unit=BG&period=2024")
            let before = try await store.rowCounts()
            let page = try await browser.post("/entry", ["unit": "BG", "period": "2024", "indicator": "nr_communes", "value": "12,5"])
            #expect(page.status == .unprocessableContent)
            // Said in the editor's language (Vietnamese), the rule rather than the core's English.
            #expect(page.body.contains("12,5") && page.body.contains("một số viết liền như 20699.5") && !page.body.contains("a plain decimal number"))
            let share = try await browser.post("/entry", ["unit": "BG", "period": "2024", "indicator": "nr_communes", "value": "160", "reason": "x"])
            #expect(share.body.contains("denominator"))
            #expect(try await store.rowCounts() == before)
        }
    }

    @Test func aTaskStatusChangeIsANewRevisionAndTheOldOneStays() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("bacgiang")
            try await browser.get("/entry?unit=BG&period=2025")
            let done = try await browser.post("/tasks/BG-2025-tet/status", ["status": "done", "completed_on": "2025-01-20", "note": "all families visited"])
            #expect(done.status == .seeOther)
            let code = TaskCode(unchecked: "BG-2025-tet")
            let task = try #require(try await store.tasks(codes: [code]).first)
            guard case .done(let completion) = task.status else { Issue.record("expected done, got \(task.status)"); return }
            #expect(completion.onTime)
            let changes = try await store.taskStatusHistory(of: code)
            #expect(changes.map(\.revision) == [2] && changes[0].changedBy == "bacgiang")
            #expect(try await browser.get("/audit").body.contains("in_progress → done"))
            // Done needs the day it was done.
            try await browser.get("/entry?unit=BG&period=2025")
            let refused = try await browser.post("/tasks/BG-2025-tet/status", ["status": "done", "note": "visits finished, day to be confirmed"])
            #expect(refused.status == .badRequest)
            // The entry page comes back with the task's form as typed: the note kept, why beside the missing day.
            #expect(refused.body.contains("value=\"visits finished, day to be confirmed\"") && refused.body.contains("<option value=\"done\" selected>"))
            #expect(refused.body.contains("aria-describedby=\"refused-BG-2025-tet\" autofocus>") && refused.body.contains("<p class=\"problem\" id=\"refused-BG-2025-tet\" role=\"alert\">"))
        }
    }

    @Test func anUploadIsCheckedWholeAndImportsAllOrNothing() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("bacgiang")
            try await browser.get("/import")
            let before = try await store.rowCounts()
            let bad = """
                unit,indicator,period,value,source_kind,source
                BG-CITY,new_party_members,2024,300,report,district report
                BG-YD,new_party_members,2024,two hundred,report,district report
                """
            let refused = try await browser.upload("/import", filename: "districts.csv", content: bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("line 3") && refused.body.contains("two hundred"))
            #expect(try await store.rowCounts() == before)

            try await browser.get("/import")
            let good = bad.replacingOccurrences(of: "two hundred", with: "200")
            let imported = try await browser.upload("/import", filename: "districts.csv", content: good)
            #expect(imported.status == .ok)
            #expect(try await store.observations(periods: [.year(2024)], indicators: [IndicatorCode(unchecked: "new_party_members")]).count == 3)
        }
    }

    @Test func anEditorCannotImportFiguresOutsideTheirSubtree() async throws {
        try await WebHarness.run { client, store async throws in
            let browser = Browser(client)
            _ = try await browser.signIn("yendung")
            try await browser.get("/import")
            let before = try await store.rowCounts()
            let page = try await browser.upload("/import", filename: "x.csv", content: "unit,indicator,period,value,source_kind,source\nBG-CITY,new_party_members,2024,300,report,r\n")
            #expect(page.status == .forbidden)
            #expect(page.body.contains("BG-CITY") && page.body.contains("subtree of BG-YD"))
            #expect(try await store.rowCounts() == before)
        }
    }
}
