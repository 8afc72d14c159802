import Foundation
import HTTPTypes
import Testing
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport

/// Submission and approval through the pages and the API of a running server: a district submits on the
/// completeness page, its figures refuse correction on the entry form and through the API with the rule said, the
/// province approves through the API, and the audit page, its filters and its CSV show every step.
@Suite struct ApprovalPageTests {
    @Test func aDistrictSubmitsTheProvinceApprovesAndTheAuditShowsIt() async throws {
        try await WebHarness.runWithDistricts { client, store async throws in
            let city = Browser(client)
            _ = try await city.signIn("city")
            let page = try await city.get("/completeness?unit=BG-CITY&period=2024").body
            #expect(page.contains("value=\"submit\"") && page.contains("Not submitted"))
            let submitted = try await city.post("/completeness/approval", ["page_unit": "BG-CITY", "unit": "BG-CITY", "period": "2024", "step": "submit"])
            #expect(submitted.status == .seeOther)
            let after = try await city.get(submitted.location ?? "").body
            #expect(after.contains("class=\"status submitted\"") && after.contains("waiting for BG") && !after.contains("value=\"submit\""))

            // Locked: the entry form says so beside the field, and nothing is written.
            try await city.get("/entry?unit=BG-CITY&period=2024")
            let before = try await store.rowCounts()
            let refused = try await city.post("/entry", ["unit": "BG-CITY", "period": "2024", "indicator": "district_new_members", "value": "320", "reason": "late admission"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("these figures are submitted or approved"))
            #expect(try await store.rowCounts() == before)
            // The city may not approve its own figures: no button, and a forged post is refused in place.
            let forged = try await city.post("/completeness/approval", ["page_unit": "BG-CITY", "unit": "BG-CITY", "period": "2024", "step": "approve"])
            #expect(forged.status == .forbidden && forged.body.contains("role=\"alert\""))
            #expect(try await store.rowCounts() == before)

            // The API: the same lock, then the province approves.
            let cityToken = try await APITests.signIn(client, "city")
            let entry = try await APITests.call(client, .post, "/api/v1/observations", token: cityToken, body: #"{"unit":"BG-CITY","indicator":"district_new_members","period":"2024","value":"320","reason":"late admission"}"#)
            #expect(entry.status == .unprocessableContent && APITests.errorCode(entry) == "invalid_observation")
            let province = try await APITests.signIn(client, "bacgiang")
            let noReason = try await APITests.call(client, .post, "/api/v1/approvals", token: province, body: #"{"unit":"BG-CITY","period":"2024","action":"return"}"#)
            #expect(noReason.status == .unprocessableContent && APITests.errorCode(noReason) == "reason_required")
            let approved = try await APITests.call(client, .post, "/api/v1/approvals", token: province, body: #"{"unit":"BG-CITY","period":"2024","action":"approve"}"#)
            #expect(approved.status == .created && approved.json["kind"] as? String == "approved" && approved.json["body"] as? String == "BG")
            let again = try await APITests.call(client, .post, "/api/v1/approvals", token: province, body: #"{"unit":"BG-CITY","period":"2024","action":"approve"}"#)
            #expect(again.status == .forbidden && APITests.errorCode(again) == "outside_remit", "the nation's turn now")
            let status = try await APITests.call(client, .get, "/api/v1/approvals?unit=BG&period=2024", token: province)
            let rows = try #require(status.json["submissions"] as? [[String: Any]])
            let cityRow = try #require(rows.first { $0["unit"] as? String == "BG-CITY" })
            #expect(cityRow["status"] as? String == "approved" && cityRow["approved_by"] as? [String] == ["BG"] && cityRow["next_body"] as? String == "VN")
            #expect(rows.count == 11 && rows.filter { $0["status"] as? String == "open" }.count == 10)
            // The audit API gives each moment as an RFC 3339 date-time, with its zone, to the millisecond.
            let trail = try await APITests.call(client, .get, "/api/v1/audit?unit=BG-CITY&action=figures_approved", token: province)
            let moment = try #require((trail.json["events"] as? [[String: Any]])?.first?["at"] as? String)
            #expect(moment.hasSuffix("Z") && (try? Date(moment, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) != nil, "\(moment)")

            // The audit: the page in the reader's language, filtered, and its CSV.
            let admin = Browser(client)
            _ = try await admin.signIn("admin")
            let audit = try await admin.get("/audit?unit=BG-CITY&period=2024").body
            #expect(audit.contains("Figures submitted") && audit.contains("Figures approved") && audit.contains(">submitted<") && audit.contains(">approved by BG<"))
            let csv = try await admin.get("/audit.csv?unit=BG-CITY&action=figures_approved")
            #expect(csv.status == .ok && csv.body.hasPrefix("at,user,action,unit,period,subject,before,after,detail\n"))
            let lines = csv.body.split(separator: "\n")
            #expect(lines.count == 2 && lines[1].contains(",bacgiang,figures_approved,BG-CITY,2024,BG-CITY/2024,submitted,approved by BG,"))
            let outside = Browser(client)
            _ = try await outside.signIn("yendung")
            #expect(try await outside.get("/audit?unit=BG-CITY").status == .forbidden)
            #expect(try await outside.get("/audit?from=not-a-day").status == .badRequest)
        }
    }

    @Test func reportsAndTheDashboardSayWhichFiguresAreApprovedAndAReportCanHoldOnlyThose() async throws {
        try await WebHarness.runWithDistricts { client, store async throws in
            let city = Browser(client)
            _ = try await city.signIn("city")
            let report = "/reports?unit=BG-CITY&period=2024&lang=en&format=md"
            let open = try await city.get(report).body
            #expect(open.contains("The figures have not been submitted for approval."))
            // Nothing approved yet: a report of approved figures holds none of the city's results, and says so.
            let none = try await city.get(report + "&figures=approved").body
            #expect(none.contains("This report holds approved figures only; figures left out as not yet approved: 2."), "\(none)")
            #expect(!none.contains("New Party members admitted (district level)") && open.contains("New Party members admitted (district level)"))
            #expect(try await city.get(report + "&figures=some").status == .badRequest)

            try await city.get("/completeness?unit=BG-CITY&period=2024")
            #expect(try await city.post("/completeness/approval", ["page_unit": "BG-CITY", "unit": "BG-CITY", "period": "2024", "step": "submit"]).status == .seeOther)
            let submitted = try await city.get(report).body
            #expect(submitted.contains("The figures were submitted on ") && submitted.contains(" and await approval by Bac Giang."))
            let province = Browser(client)
            _ = try await province.signIn("bacgiang")
            try await province.get("/completeness?unit=BG&period=2024")
            #expect(try await province.post("/completeness/approval", ["page_unit": "BG", "unit": "BG-CITY", "period": "2024", "step": "approve"]).status == .seeOther)

            let approved = try await city.get(report + "&figures=approved").body
            #expect(approved.contains("The figures are approved by Bac Giang; approval by Viet Nam is awaited."), "\(approved)")
            #expect(approved.contains("figures left out as not yet approved: 0."))
            // The same in Vietnamese, and the links to it on the dashboard.
            let vietnamese = try await city.get("/reports?unit=BG-CITY&period=2024&lang=vi&format=html&figures=approved").body
            #expect(vietnamese.contains("Số liệu đã được Bắc Giang phê duyệt; đang chờ Việt Nam phê duyệt."))
            let dashboard = try await city.get("/dashboard?unit=BG-CITY&period=2024").body
            #expect(dashboard.contains("class=\"approval-line\"") && dashboard.contains("<span class=\"chain\">Bac Giang</span>") && dashboard.contains("waiting for Viet Nam"))
            #expect(dashboard.contains("lang=vi&amp;format=html&amp;figures=approved"))
            // The province's dashboard counts the districts that submitted and were approved.
            let provincial = try await province.get("/dashboard?unit=BG&period=2024").body
            #expect(provincial.contains("đơn vị cấp dưới đã gửi: 1/10, đã được phê duyệt: 1"), "\(provincial)")
            #expect(provincial.contains("<span class=\"status open\">Chưa gửi</span>"))
        }
    }
}
