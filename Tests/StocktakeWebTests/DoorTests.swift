import Foundation
import Hummingbird
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport
import Testing
@testable import StocktakeWeb

/// Each write of the pages and of the API, tried by an account outside its remit and then by one inside: the
/// refusal is the page's 403 or the API's stable code, with nothing written, and the write leaves its audit row
/// naming the account. The rules themselves are the actions' (StocktakeAppTests); this is how each door maps them.
@Suite struct DoorTests {
    struct Door: Sendable {
        let name: String
        let action: AuditEvent.Action
        /// The page to open first (for its form's CSRF token) and the form posted, or the API call.
        let page: (open: String, post: String, fields: [String: String])?
        let api: (path: String, body: String)?
        /// A file the page uploads instead of posting fields (the import page).
        var upload: (name: String, content: String)?
        /// The API's refusal code, for API doors.
        var code = "outside_remit"
        /// Who is refused and who may.
        var outsider = "yendung"
        var insider = "bacgiang"
    }

    static let doors: [Door] = [
        Door(name: "figure (page)", action: .observationEntered,
             page: ("/entry?unit=BG-CITY&period=2024", "/entry", ["unit": "BG-CITY", "period": "2024", "indicator": "new_party_members", "value": "300"]), api: nil),
        Door(name: "import (page)", action: .imported, page: ("/import", "/import", [:]), api: nil,
             upload: ("city.csv", "unit,indicator,period,value,source_kind,source\nBG-CITY,new_party_members,2022,250,report,district report\n"),
             insider: "city"),
        Door(name: "vote opened (page)", action: .pollOpened,
             page: ("/polls", "/polls", ["code": "BG-OPENED", "title": "Opened", "unit": "BG", "base": "cast", "officials": "Official A; Chair",
                                         "roll": "bacgiang city yendung member-1 member-2"]),
             api: nil, outsider: "bacgiang", insider: "secretary"),
        Door(name: "figure (API)", action: .observationEntered, page: nil,
             api: ("/api/v1/observations", #"{"unit": "BG-CITY", "indicator": "new_party_members", "period": "2023", "value": "280"}"#)),
        Door(name: "task status (page)", action: .taskStatusChanged,
             page: ("/entry?unit=BG&period=2024", "/tasks/BG-2024-housing/status", ["status": "in_progress", "note": "under way"]), api: nil),
        Door(name: "rating (page)", action: .ratingConfirmed,
             page: ("/ratings?unit=BG&period=2024", "/ratings", ["body": "BG", "period": "2024", "unit": "BG-CITY", "grade": "excellent", "reason": "as proposed by the committee"]), api: nil),
        Door(name: "rating (API)", action: .ratingConfirmed, page: nil,
             api: ("/api/v1/ratings", #"{"body": "BG", "unit": "BG-HH", "period": "2024", "reason": "the committee looked again"}"#)),
        Door(name: "award (page)", action: .awardDecided,
             page: ("/awards?unit=BG&period=2024", "/awards", ["body": "BG", "period": "2024", "rule": "BG-MERIT-5Y", "unit": "BG-CITY", "decision": "accept"]), api: nil),
        Door(name: "award (API)", action: .awardDecided, page: nil,
             api: ("/api/v1/awards", #"{"body": "BG", "rule": "BG-MERIT-5Y", "unit": "BG-CITY", "period": "2024", "decision": "reject", "reason": "a case came to light"}"#)),
        Door(name: "conclusion task (page)", action: .conclusionMadeTask,
             page: ("/conferences/BG-2025-01-14-review", "/conferences/BG-2025-01-14-review/conclusions/1/task", [:]), api: nil),
        Door(name: "conclusion task (API)", action: .conclusionMadeTask, page: nil,
             api: ("/api/v1/conferences/BG-2025-01-14-review/conclusions/2/task", "")),
        Door(name: "vote closed (page)", action: .pollClosed,
             page: ("/polls/BG-PAGE", "/polls/BG-PAGE/close", [:]), api: nil, outsider: "bacgiang", insider: "secretary"),
        Door(name: "vote closed (API)", action: .pollClosed, page: nil,
             api: ("/api/v1/polls/BG-API/close", ""), code: "not_secretary", outsider: "bacgiang", insider: "secretary"),
        Door(name: "review file (API)", action: .reviewImported, page: nil,
             api: ("/api/v1/review", #"{"format": "stocktake-review/1", "award_rules": [{"code": "BG-NEW", "title": {"en": "t"}, "award": {"en": "a"}, "body": "BG", "criteria": [{"kind": "grade_streak", "at_least": "good", "years": 1}]}]}"#),
             outsider: "bacgiang", insider: "admin"),
    ]

    /// Posts the page's form, or uploads its file.
    static func submit(_ browser: Browser, _ path: String, _ fields: [String: String], _ upload: (name: String, content: String)?) async throws -> Browser.Page {
        if let upload { return try await browser.upload(path, filename: upload.name, content: upload.content) }
        return try await browser.post(path, fields)
    }

    @Test func everyWriteOfEveryDoorIsRefusedOutsideTheRemitAndAuditedWithin() async throws {
        try await WebHarness.run { client, store async throws in
            try await ReviewPageTests.prepare(store)
            let roll = ["bacgiang", "city", "member-1", "member-2", "member-3"].map { Username(unchecked: $0) }
            for code in ["BG-PAGE", "BG-API"] {
                let poll = ConfidencePoll(code: PollCode(unchecked: code), title: code, unit: UnitCode(unchecked: "BG"), period: .year(2024),
                                          officials: [.init(name: "A", position: "p")], base: .cast)
                try await store.createPoll(poll, roll: roll, by: "secretary", key: WebHarness.ballotKey)
            }
            for door in Self.doors {
                // Signed in first: a session is a row too.
                let (outsider, insider) = (Browser(client), Browser(client))
                _ = try await outsider.signIn(door.outsider)
                _ = try await insider.signIn(door.insider)
                let (outsiderToken, insiderToken) = (try await APITests.signIn(client, door.outsider), try await APITests.signIn(client, door.insider))
                let before = try await store.rowCounts()
                let lastBefore = try await store.auditEvents(limit: 1).first
                if let page = door.page {
                    _ = try await outsider.get(page.open)
                    let refused = try await Self.submit(outsider, page.post, page.fields, door.upload)
                    #expect(refused.status == .forbidden, "\(door.name): \(refused.status)")
                } else if let api = door.api {
                    let refused = try await APITests.call(client, .post, api.path, token: outsiderToken, body: api.body)
                    #expect(refused.status == .forbidden && APITests.errorCode(refused) == door.code, "\(door.name): \(refused.status)")
                }
                #expect(try await store.rowCounts() == before, "\(door.name): a refusal wrote")
                #expect(try await store.auditEvents(limit: 1).first == lastBefore, "\(door.name): a refusal was audited")

                if let page = door.page {
                    _ = try await insider.get(page.open)
                    let done = try await Self.submit(insider, page.post, page.fields, door.upload)
                    // A form redirects; the import page answers in place.
                    #expect(done.status == .seeOther || done.status == .found || (door.upload != nil && done.status == .ok), "\(door.name): \(done.status) \(done.body.prefix(300))")
                } else if let api = door.api {
                    let done = try await APITests.call(client, .post, api.path, token: insiderToken, body: api.body)
                    #expect(done.status.code < 300, "\(door.name): \(done.status) \(done.json)")
                }
                let audit = try await store.auditEvents(limit: 1).first
                #expect(audit?.action == door.action && audit?.username == door.insider, "\(door.name): \(String(describing: audit))")
                #expect(audit?.detail.hasSuffix(door.page == nil ? "(API)" : "(page)") == true, "\(door.name): \(audit?.detail ?? "")")
            }
        }
    }
}
