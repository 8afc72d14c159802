import Foundation
import Testing
import StocktakeApp
import StocktakeCore
import StocktakeStore
import StocktakeTestSupport

/// A commune's figures on their way to final, on the suite's engine: submitted by the commune, approved by the
/// district, returned by the province with a reason, resubmitted, approved by the district, the province and the
/// nation, one figure reopened and corrected while the other stays locked at every door, and approved again. Each step is an appended row with
/// its audit record; each refusal writes nothing.
@Suite struct ApprovalWorkflowTests {
    static let period = Period.year(2024)
    static let commune = Account(username: Username(unchecked: "tanan"), role: .editor, unit: UnitCode(unchecked: "BG-YD-TA"), language: "vi")
    static let district = Account(username: Username(unchecked: "yendung"), role: .editor, unit: UnitCode(unchecked: "BG-YD"), language: "vi")
    static let province = Account(username: Username(unchecked: "bacgiang"), role: .editor, unit: UnitCode(unchecked: "BG"), language: "vi")
    static let nation = Account(username: Username(unchecked: "trunguong"), role: .editor, unit: UnitCode(unchecked: "VN"), language: "vi")
    static let otherDistrict = Account(username: Username(unchecked: "vietyen"), role: .editor, unit: UnitCode(unchecked: "BG-VY"), language: "vi")
    static let viewer = Account(username: Username(unchecked: "reader"), role: .viewer, unit: nil, language: "vi")

    /// The sample province and districts, a commune of Yen Dung with two figures of 2024, and the accounts.
    static func withCommune(_ body: (Actions) async throws -> Void) async throws {
        try await TestDatabase.withStore { store async throws in
            try await Samples.importReview(into: store)
            let json = """
                {"format": "stocktake/1",
                 "units": [{"code": "BG-YD-TA", "names": {"en": "Tan An commune", "vi": "Xã Tân An"}, "level": "commune", "parent": "BG-YD"}],
                 "observations": [
                   {"unit": "BG-YD-TA", "indicator": "district_new_members", "period": "2024", "value": "41", "source": {"kind": "entry", "citation": "commune report"}},
                   {"unit": "BG-YD-TA", "indicator": "district_budget_revenue", "period": "2024", "value": "58.2", "source": {"kind": "entry", "citation": "commune report"}}
                 ]}
                """
            try await store.importChecked(ImportFile.read(Data(json.utf8), file: "commune.json", enteredBy: "setup"))
            for account in [commune, district, province, nation, otherDistrict, viewer] { try await store.addAccount(account, passwordHash: "not used") }
            try await body(Actions(store: store))
        }
    }

    /// Expects the figure to be refused as locked, through the form, the API and a file, with nothing written.
    static func locked(_ actions: Actions, indicator: String, value: String) async throws {
        let before = try await actions.store.rowCounts()
        let entry = FigureEntry(unit: "BG-YD-TA", indicator: indicator, period: period, value: value, reason: "late correction")
        for door in [Door.page, .api] {
            do {
                try await actions.enterFigure(entry, as: commune, via: door)
                Issue.record("\(indicator) was written through the \(door.rawValue) while locked")
            } catch let problems as ImportProblems {
                let problem = try #require(problems.problems.first)
                #expect(problem.rule == .figureLocked)
                #expect(problem.field == "period" && problem.value == "2024")
                #expect(problem.expected.contains("BG-YD-TA 2024"))
            }
        }
        let csv = "unit,indicator,period,value,source_kind,source,reason\nBG-YD-TA,\(indicator),2024,\(value),entry,commune report,late correction\n"
        do {
            try await actions.importFigures(ImportFile.read(Data(csv.utf8), file: "correction.csv", enteredBy: "tanan"), as: commune, via: .commandLine)
            Issue.record("\(indicator) was imported while locked")
        } catch let problems as ImportProblems {
            let problem = try #require(problems.problems.first)
            #expect(problem.rule == .figureLocked)
            #expect(problem.file == "correction.csv" && problem.location == .line(2))
        }
        #expect(try await actions.store.rowCounts() == before)
    }

    static func submission(_ actions: Actions, today: String = "2025-01-20") async throws -> UnitSubmission {
        let unit = try #require(try await actions.store.units(codes: [UnitCode(unchecked: "BG-YD-TA")]).first)
        return try #require(try await actions.submissions(of: [unit], period: period, today: try CalendarDate(parsing: today)).first)
    }

    @Test func communeDistrictProvinceWithAReturnAndOneReopenedFigure() async throws {
        try await Self.withCommune { actions in
            let (p, ta) = (Self.period, "BG-YD-TA")
            try await actions.setDeadline(period: p, level: "commune", day: "2025-01-10", as: Account(username: Username(unchecked: "setup"), role: .administrator, unit: nil, language: "en"), via: .commandLine)
            #expect(try await Self.submission(actions).timeliness == .overdue)

            // Nothing to approve before a submission; a viewer and another district take no step.
            try await ActionsTests.refused(actions, .notNow("the figures of BG-YD-TA for 2024 are not submitted: there is nothing to approve")) {
                try await actions.approval(.approve, unit: ta, period: p, as: Self.district, via: .page)
            }
            try await ActionsTests.refused(actions, .refused(.readOnly(account: Self.viewer.username))) {
                try await actions.approval(.submit, unit: ta, period: p, as: Self.viewer, via: .api)
            }
            try await ActionsTests.refused(actions, .refused(.outsideRemit(account: Self.otherDistrict.username, role: .editor, unit: UnitCode(unchecked: ta)))) {
                try await actions.approval(.submit, unit: ta, period: p, as: Self.otherDistrict, via: .api)
            }

            // Submitted: locked for everyone, the commune included; only the district may act now.
            try await actions.approval(.submit, unit: ta, period: p, as: Self.commune, via: .page)
            #expect(try await Self.submission(actions).timeliness == .late, "submitted after the deadline of 2025-01-10")
            try await Self.locked(actions, indicator: "district_new_members", value: "43")
            try await ActionsTests.refused(actions, .refused(.outsideRemit(account: Self.commune.username, role: .editor, unit: UnitCode(unchecked: "BG-YD")))) {
                try await actions.approval(.approve, unit: ta, period: p, as: Self.commune, via: .page)
            }
            try await ActionsTests.refused(actions, .refused(.outsideRemit(account: Self.otherDistrict.username, role: .editor, unit: UnitCode(unchecked: "BG-YD")))) {
                try await actions.approval(.approve, unit: ta, period: p, as: Self.otherDistrict, via: .page)
            }
            try await actions.approval(.approve, unit: ta, period: p, as: Self.district, via: .page)
            var state = try await Self.submission(actions)
            #expect(state.approval.approvedBy == [UnitCode(unchecked: "BG-YD")] && state.nextBody == UnitCode(unchecked: "BG") && !state.isFinal)

            // The district's turn is over; the province returns them, with a reason.
            try await ActionsTests.refused(actions, .refused(.outsideRemit(account: Self.district.username, role: .editor, unit: UnitCode(unchecked: "BG")))) {
                try await actions.approval(.approve, unit: ta, period: p, as: Self.district, via: .api)
            }
            try await ActionsTests.refused(actions, .reasonRequired("a return tells the unit what to correct")) {
                try await actions.approval(.return(reason: "  "), unit: ta, period: p, as: Self.province, via: .api)
            }
            let essay = String(repeating: "ư", count: 1001)
            try await ActionsTests.refused(actions, .invalid(field: "reason", value: String(essay.prefix(40)) + "…", expected: "a comment of at most 1000 characters")) {
                try await actions.approval(.return(reason: essay), unit: ta, period: p, as: Self.province, via: .api)
            }
            try await actions.approval(.return(reason: "new members do not match the district's list"), unit: ta, period: p, as: Self.province, via: .api)
            state = try await Self.submission(actions)
            #expect(state.approval.status == .returned && state.approval.approvedBy.isEmpty)

            // Returned: the commune corrects freely and submits again; both levels approve.
            try await actions.enterFigure(
                FigureEntry(unit: ta, indicator: "district_new_members", period: p, value: "39", reason: "two transfers counted twice"), as: Self.commune, via: .page)
            try await actions.approval(.submit, unit: ta, period: p, as: Self.commune, via: .page)
            try await actions.approval(.approve, unit: ta, period: p, as: Self.district, via: .page)
            try await actions.approval(.approve, unit: ta, period: p, as: Self.province, via: .commandLine)
            state = try await Self.submission(actions)
            #expect(!state.isFinal && state.nextBody == UnitCode(unchecked: "VN"), "the top of the tree approves last")
            try await actions.approval(.approve, unit: ta, period: p, as: Self.nation, via: .api)
            state = try await Self.submission(actions)
            #expect(state.isFinal && state.approval.approvedBy.map(\.rawValue) == ["BG-YD", "BG", "VN"])
            try await ActionsTests.refused(actions, .notNow("the figures of BG-YD-TA for 2024 are final: approved by BG-YD, BG, VN")) {
                try await actions.approval(.approve, unit: ta, period: p, as: Self.nation, via: .page)
            }

            // One figure reopened by the body that approved last, with a reason; the other stays locked.
            let revenue = IndicatorCode(unchecked: "district_budget_revenue")
            try await ActionsTests.refused(actions, .refused(.outsideRemit(account: Self.province.username, role: .editor, unit: UnitCode(unchecked: "VN")))) {
                try await actions.approval(.reopen(revenue, reason: "audit office figure"), unit: ta, period: p, as: Self.province, via: .page)
            }
            try await ActionsTests.refused(actions, .reasonRequired("a reopened figure says why it is corrected after approval")) {
                try await actions.approval(.reopen(revenue, reason: ""), unit: ta, period: p, as: Self.nation, via: .page)
            }
            try await actions.approval(.reopen(revenue, reason: "the audit office revised the revenue"), unit: ta, period: p, as: Self.nation, via: .page)
            try await Self.locked(actions, indicator: "district_new_members", value: "40")
            let corrected = try await actions.enterFigure(
                FigureEntry(unit: ta, indicator: revenue.rawValue, period: p, value: "57.9", reason: "audit office figure"), as: Self.commune, via: .api)
            #expect(corrected.revision == 2)
            state = try await Self.submission(actions)
            #expect(!state.isFinal && state.nextBody == UnitCode(unchecked: "VN") && state.approval.reopened == [revenue])

            // Approved again at the level that reopened it: everything is locked and final once more.
            try await actions.approval(.approve, unit: ta, period: p, as: Self.nation, via: .page)
            state = try await Self.submission(actions)
            #expect(state.isFinal && state.approval.approvedBy.map(\.rawValue) == ["BG-YD", "BG", "VN"])
            try await Self.locked(actions, indicator: revenue.rawValue, value: "58.0")

            // Every step is an appended row, and each is in the audit trail with the state before and after.
            let kinds = state.approval.steps.map(\.kind)
            #expect(kinds == [.submitted, .approved, .returned, .submitted, .approved, .approved, .approved, .reopened, .approved])
            #expect(state.approval.steps.map(\.sequence) == Array(1...9))
            let trail = try await actions.auditTrail(AuditQuery(unit: "BG-YD", period: "2024"), as: Self.district)
            let returned = try #require(trail.events.first { $0.action == .figuresReturned })
            #expect(returned.username == "bacgiang" && returned.before == "approved by BG-YD" && returned.after == "returned")
            #expect(returned.detail.contains("new members do not match"))
            let correction = try #require(trail.events.first { $0.action == .observationCorrected && $0.subject.contains("district_budget_revenue") })
            #expect(correction.before == "58.2" && correction.after == "57.9")
            #expect(trail.events.filter { [.figuresSubmitted, .figuresApproved, .figuresReturned, .figureReopened].contains($0.action) }.count == 9)
        }
    }

    @Test func nobodyApprovesFiguresTheySubmitted() async throws {
        try await Self.withCommune { actions in
            // The district's editor may submit for the commune (it is in the district's remit), but then another
            // member of the district approves.
            try await actions.approval(.submit, unit: "BG-YD-TA", period: Self.period, as: Self.district, via: .page)
            try await ActionsTests.refused(actions, .refused(.ownSubmission(account: Self.district.username, unit: UnitCode(unchecked: "BG-YD-TA")))) {
                try await actions.approval(.approve, unit: "BG-YD-TA", period: Self.period, as: Self.district, via: .page)
            }
        }
    }

    @Test func theAuditTrailIsReadWithinTheRemitAndFiltered() async throws {
        try await Self.withCommune { actions in
            try await actions.approval(.submit, unit: "BG-YD-TA", period: Self.period, as: Self.commune, via: .page)
            try await actions.enterFigure(FigureEntry(unit: "BG-VY", indicator: "district_new_members", period: Self.period, value: "263", reason: "late admission"), as: Self.otherDistrict, via: .page)
            // Each editor reads the events of their own subtree only, and a unit outside it is refused.
            let yenDung = try await actions.auditTrail(AuditQuery(), as: Self.district)
            #expect(yenDung.events.map(\.unit?.rawValue) == ["BG-YD-TA"])
            try await ActionsTests.refused(actions, .refused(.outsideRemit(account: Self.district.username, role: .editor, unit: UnitCode(unchecked: "BG-VY")))) {
                _ = try await actions.auditTrail(AuditQuery(unit: "BG-VY"), as: Self.district)
            }
            let byPerson = try await actions.auditTrail(AuditQuery(user: "vietyen"), as: Self.province)
            #expect(byPerson.events.map(\.action) == [.observationCorrected])
            #expect(byPerson.events.first?.before == "262" && byPerson.events.first?.after == "263")
            let submissions = try await actions.auditTrail(AuditQuery(action: "figures_submitted", period: "2024"), as: Self.province)
            #expect(submissions.events.count == 1)
            #expect(try await actions.auditTrail(AuditQuery(from: "2000-01-01", through: "2000-12-31"), as: Self.province).events.isEmpty)
            #expect(try await actions.auditTrail(AuditQuery(), as: Self.viewer).events.isEmpty, "a viewer of no unit reads no unit's events")
            for (query, field) in [(AuditQuery(action: "dropped_table"), "action"), (AuditQuery(period: "2024Q9"), "period"), (AuditQuery(from: "yesterday"), "from"), (AuditQuery(page: 0), "page")] {
                await #expect { _ = try await actions.auditTrail(query, as: Self.province) } throws: { error in
                    if case .invalid(let named, _, _) = error as? ActionError { named == field } else { false }
                }
            }
        }
    }
}
