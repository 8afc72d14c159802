import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// The approval side of the demo: a year partly on its way to final, so that the completeness page shows each
/// state. Yen Dung's figures were returned once with a reason, submitted again and approved by the province
/// and the nation; Viet Yen's wait for the province; the other districts have not submitted. Every step goes
/// through the same action as the pages' and the API's, as the account a person would use.
extension DemoCommand {
    static let returnReason = "Số đảng viên kết nạp mới chưa khớp với danh sách của Ban Tổ chức; đề nghị rà soát lại."

    func runApprovals(store: Store, period: Period, printing: Bool) async throws -> String {
        let actions = Actions(store: store)
        func account(_ name: String) async throws -> Account { try await actions.account(named: name) }
        let (admin, province, yenDung, vietYen) = (try await account("admin"), try await account("bacgiang"), try await account("yendung"), try await account("vietyen"))
        // The districts' deadline two weeks from the day the demo runs: the units that submitted are on time,
        // the others still due, whatever the day.
        let deadline = CalendarDate.utcDay(Date().addingTimeInterval(14 * 86_400))
        try await actions.setDeadline(period: period, level: "district", day: deadline.description, as: admin, via: .commandLine)
        try await actions.approval(.submit, unit: "BG-YD", period: period, as: yenDung, via: .commandLine)
        try await actions.approval(.return(reason: Self.returnReason), unit: "BG-YD", period: period, as: province, via: .commandLine)
        try await actions.approval(.submit, unit: "BG-YD", period: period, as: yenDung, via: .commandLine)
        try await actions.approval(.approve, unit: "BG-YD", period: period, as: province, via: .commandLine)
        try await actions.approval(.approve, unit: "BG-YD", period: period, as: admin, via: .commandLine)
        try await actions.approval(.submit, unit: "BG-VY", period: period, as: vietYen, via: .commandLine)
        guard printing else { return "" }
        return """
            Approval \(period) of the districts (deadline \(deadline)): Yen Dung returned once by BG, submitted again and approved by BG and VN (final); \
            Viet Yen submitted, waiting for BG; the other districts not yet submitted.
            """
    }
}
