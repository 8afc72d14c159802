import StocktakeCore
import StocktakeReports

/// Every word the pages print, per language. A struct rather than a dictionary so that a language missing a
/// text does not compile. Figures are formatted by ``FigureFormatter``, not here.
struct UIText: Sendable {
    /// The language these texts are in.
    let code: String
    let appName: String
    let signIn: String
    let signOut: String
    let username: String
    let password: String
    let signInFailed: String
    let tooManyAttempts: String
    let dashboard: String
    let units: String
    let documents: String
    let dataEntry: String
    let importData: String
    let audit: String
    let period: String
    let unit: String
    let show: String
    let asOf: String
    let indicator: String
    let actual: String
    let target: String
    let achievement: String
    let status: String
    let change: String
    let rank: String
    let rankAmongLevel: String
    let rankInParent: String
    let rollup: String
    let ownFigure: String
    let rollupOfChildren: String
    let keyTasks: String
    let tasksDone: String
    let onTime: String
    let late: String
    let overdue: String
    let deadline: String
    let findings: String
    let noFindings: String
    let children: String
    let parent: String
    let mergedInto: String
    let compareChildren: String
    let history: String
    let ranking: String
    let position: String
    let synthetic: String
    let syntheticNote: String
    let reference: String
    let issuedBy: String
    let title: String
    let targetsSet: String
    let tasksSet: String
    let value: String
    let denominator: String
    let reason: String
    let reasonHint: String
    let citation: String
    let save: String
    let revision: String
    let enteredBy: String
    let enteredAt: String
    let revisions: String
    let noRevisions: String
    let taskStatus: String
    let completedOn: String
    let note: String
    let notStarted: String
    let inProgress: String
    let done: String
    let dropped: String
    let change_status: String
    let file: String
    let upload: String
    let importHint: String
    let imported: String
    let problems: String
    let line: String
    let field: String
    let expected: String
    let when: String
    let who: String
    let what: String
    let detail: String
    let notAllowed: String
    let notFound: String
    let language: String
    let chartTitle: String
    let polls: String
    let pollOpen: String
    let pollClosed: String
    let highConfidence: String
    let confidence: String
    let lowConfidence: String
    let blank: String
    let castBallot: String
    let ballotHint: String
    let voted: String
    let receipt: String
    let receiptHint: String
    let checkReceipt: String
    let receiptCounted: String
    let receiptUnknown: String
    let resultsHidden: String
    let closePoll: String
    let official: String
    let roll: String
    let cast: String
    let base: String
    let baseCast: String
    let baseRoll: String
    let thresholdsReached: String
    let notOnRoll: String
    let newPoll: String
    let pollCode: String
    let officialsHint: String
    let rollHint: String
    let create: String
    let ratings: String
    let score: String
    let evidence: String
    let earned: String
    let proposed: String
    let confirmed: String
    let confirm: String
    let quotaNote: String
    let limitedByQuota: String
    let gradeExcellent: String
    let gradeGood: String
    let gradeCompleted: String
    let gradeNotCompleted: String
    let ratingReasonHint: String
    let rule: String
    let noEvidence: String
    let awards: String
    let award: String
    let candidates: String
    let qualifiesBy: String
    let decision: String
    let accept: String
    let reject: String
    let accepted: String
    let rejected: String
    let decisionOpen: String
    let decisionReasonHint: String
    let noCandidates: String
    let noAwardRules: String
    let bestOfGroupText: String
    let tiedWith: String
    let rankText: String
    let consecutiveYears: String
    let conferences: String
    let noConferences: String
    let heldOn: String
    let host: String
    let reviewing: String
    let chairedBy: String
    let centralSite: String
    let bridge: String
    let attending: String
    let statements: String
    let speech: String
    let comment: String
    let closing: String
    let commentsHeard: String
    let conclusions: String
    let makeTask: String
    let madeTask: String
    let taskHint: String
    let source: String
    let yearInReview: String
    let targetsMet: String
    let awardsPresented: String
    let voteResults: String
    let noVotes: String
    let pollStillOpen: String
    let tallyWithheld: String
    let noRatings: String
    let seeRatings: String
    let seeAwards: String
    let seeDashboard: String
    let unitsIn: String
    let orBetter: String
    let summaryReport: String
    let reasonShort: String
    let noFigures: String
    let figureCheck: String
    let checkHint: String
    let checkText: String
    let checkFile: String
    let checkRun: String
    let checkStoreHint: String
    let checkDetect: String
    let checkClean: String
    let checkFindings: String
    let findingKind: String
    let claimRead: String
    let claimInstead: String
    let certainty: String
    let figuresRead: String
    let checkUnlisted: String
    let checkBusy: String
    let kindShare: String
    let kindAchievement: String
    let kindGrowth: String
    let kindPartExceedsWhole: String
    let kindPartsSum: String
    let kindRankBeyondPeers: String
    let kindImpossibleDate: String
    let kindYearCount: String
    let kindStoredValue: String
    let confidenceHigh: String
    let confidenceMedium: String

    static let defaultLanguage = "vi"
    static let languages = ["vi", "en"]

    static func forLanguage(_ language: String) -> UIText { language == "en" ? .english : .vietnamese }

    /// The texts as a dictionary, for the templates: Mustache finds a dictionary's keys at once, where a
    /// struct's properties cost a reflection walk on every lookup.
    var catalog: [String: String] { Self.catalogs[code] ?? [:] }

    private static let catalogs: [String: [String: String]] = Dictionary(uniqueKeysWithValues: [english, vietnamese].map { text in
        (text.code, Dictionary(uniqueKeysWithValues: Mirror(reflecting: text).children.compactMap { child in
            (child.value as? String).flatMap { value in child.label.map { ($0, value) } }
        }))
    })

    static let english = UIText(
        code: "en", appName: "Stocktake", signIn: "Sign in", signOut: "Sign out", username: "User name", password: "Password",
        signInFailed: "The user name or password is not right.", tooManyAttempts: "Too many failed attempts. Try again in a few minutes.",
        dashboard: "Dashboard", units: "Units", documents: "Documents", dataEntry: "Data entry", importData: "Import",
        audit: "Audit history", period: "Period", unit: "Unit", show: "Show", asOf: "as of", indicator: "Indicator",
        actual: "Actual", target: "Target", achievement: "Achievement", status: "Status", change: "Change on a year earlier",
        rank: "Rank", rankAmongLevel: "Rank in the level", rankInParent: "Rank under the same parent", rollup: "Roll-up",
        ownFigure: "Own figure", rollupOfChildren: "Sum of the children", keyTasks: "Key tasks", tasksDone: "done",
        onTime: "on time", late: "late", overdue: "overdue", deadline: "Deadline", findings: "Validation findings",
        noFindings: "No findings.", children: "Units below", parent: "Above", mergedInto: "merged into",
        compareChildren: "Compare the units below on", history: "History", ranking: "Ranking", position: "Position",
        synthetic: "synthetic", syntheticNote: "* Peers marked synthetic were generated to match the ranks the sources report; they are not real data.",
        reference: "Reference", issuedBy: "Issued by", title: "Title", targetsSet: "Targets set", tasksSet: "Key tasks set",
        value: "Value", denominator: "Of (denominator, for shares)", reason: "Reason for the correction",
        reasonHint: "Required when the figure already has a revision: the earlier one stays visible.", citation: "Source",
        save: "Save", revision: "Revision", enteredBy: "Entered by", enteredAt: "Entered at", revisions: "Revisions",
        noRevisions: "Nothing entered yet.", taskStatus: "Key task status", completedOn: "Completed on", note: "Note",
        notStarted: "not started", inProgress: "in progress", done: "done", dropped: "dropped", change_status: "Change status",
        file: "File (JSON data set or CSV observations)", upload: "Check and import",
        importHint: "The whole file is checked first; if any row has a problem, nothing is imported.",
        imported: "Imported", problems: "Problems — nothing was imported", line: "Line / path", field: "Field",
        expected: "Expected", when: "When", who: "Who", what: "What", detail: "Detail",
        notAllowed: "You may not do this here: it is outside your remit.", notFound: "Not found.", language: "Language", chartTitle: "History",
        polls: "Confidence votes", pollOpen: "open", pollClosed: "closed", highConfidence: "high confidence", confidence: "confidence", lowConfidence: "low confidence", blank: "blank", castBallot: "Cast my secret ballot", ballotHint: "Your answers are sealed, counted only when the vote closes, and never stored with your name. You can vote once.", voted: "Your ballot was counted.", receipt: "Receipt", receiptHint: "Keep this receipt: it proves your ballot was counted, without showing what you answered. It is shown only now.", checkReceipt: "Check a receipt", receiptCounted: "This receipt's ballot was counted.", receiptUnknown: "No ballot with this receipt.", resultsHidden: "No result is shown to anyone, administrators included, before the vote closes.", closePoll: "Close the vote", official: "Official", roll: "Roll", cast: "Ballots cast", base: "Shares of", baseCast: "ballots cast", baseRoll: "the whole roll", thresholdsReached: "Thresholds reached", notOnRoll: "You are not on this vote's roll.", newPoll: "New confidence vote", pollCode: "Code", officialsHint: "Officials, one a line: name; position", rollHint: "Voters: user names, separated by spaces or lines", create: "Create",
        ratings: "Ratings", score: "Score", evidence: "Evidence", earned: "Earned", proposed: "Proposed", confirmed: "Confirmed", confirm: "Confirm", quotaNote: "Quota on excellent", limitedByQuota: "limited by the quota", gradeExcellent: "excellent", gradeGood: "good", gradeCompleted: "completed", gradeNotCompleted: "not completed", ratingReasonHint: "Required to differ from the proposal, and for any change after a confirmation.", rule: "Rule", noEvidence: "No rating: neither an assessed target nor a key task.", awards: "Commendations", award: "Award", candidates: "Candidates", qualifiesBy: "Qualifies by", decision: "Decision", accept: "Accept", reject: "Reject", accepted: "accepted", rejected: "rejected", decisionOpen: "not decided", decisionReasonHint: "Required to reject, and for any change after a decision.", noCandidates: "No candidates this year.", noAwardRules: "No award rules are stored for this body.", bestOfGroupText: "highest score of the", tiedWith: "tied with", rankText: "rank", consecutiveYears: "years in a row", conferences: "Conferences", noConferences: "No conference records yet.", heldOn: "Held on", host: "Host", reviewing: "Reviewing", chairedBy: "Chaired by", centralSite: "Central site", bridge: "Linked site (bridge)", attending: "attending", statements: "Speeches and comments", speech: "speech", comment: "comment from the floor", closing: "closing remarks", commentsHeard: "Comments heard", conclusions: "Conclusions", makeTask: "Make it a key task of", madeTask: "Key task", taskHint: "The conclusion becomes a key task of the host for the next period, once.", source: "Source", yearInReview: "The year under review", targetsMet: "Targets met or exceeded", awardsPresented: "Awards presented", voteResults: "Confidence votes", noVotes: "No confidence vote for this body and year.", pollStillOpen: "still open: no result before the close", tallyWithheld: "Fewer than \(ConfidencePoll.minimumBallots) ballots were cast: no tally per official is kept or shown, so that no ballot can be read off the counts.", noRatings: "No confirmed ratings for this year.", seeRatings: "Ratings page", seeAwards: "Commendations page", seeDashboard: "Dashboard", unitsIn: "units in", orBetter: "or better", summaryReport: "Summary report", reasonShort: "Reason", noFigures: "No figures for this unit and period.", figureCheck: "Figure check", checkHint: "Paste a review text or upload one (plain text, Markdown, HTML or DOCX) in any of the six languages: every figure that contradicts its own arithmetic — a share that is not its x/y, a rate that does not follow from the values printed with it, parts larger than their whole, a rank beyond the number of peers, a day no calendar has — is marked in place.", checkText: "Text", checkFile: "or a file (.txt, .md, .html, .docx)", checkRun: "Check", checkStoreHint: "To compare figures with the stored ones as well, give the unit and period the text reports on.", checkDetect: "detect", checkClean: "No figure contradicts its own arithmetic", checkFindings: "Findings", findingKind: "Kind", claimRead: "Read as", claimInstead: "What holds instead", certainty: "Confidence", figuresRead: "figures read", checkUnlisted: "more findings not listed", checkBusy: "Other figure checks are running. Try again in a few seconds.", kindShare: "share against its x/y", kindAchievement: "achievement of a target", kindGrowth: "growth rate", kindPartExceedsWhole: "part above its whole", kindPartsSum: "parts against their total", kindRankBeyondPeers: "rank beyond the peers", kindImpossibleDate: "impossible date", kindYearCount: "years in a range", kindStoredValue: "stored figure", confidenceHigh: "high", confidenceMedium: "medium")

    static let vietnamese = UIText(
        code: "vi", appName: "Stocktake", signIn: "Đăng nhập", signOut: "Đăng xuất", username: "Tên đăng nhập", password: "Mật khẩu",
        signInFailed: "Tên đăng nhập hoặc mật khẩu không đúng.", tooManyAttempts: "Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau ít phút.",
        dashboard: "Tổng quan", units: "Đơn vị", documents: "Văn bản", dataEntry: "Nhập số liệu", importData: "Nhập tệp",
        audit: "Lịch sử thay đổi", period: "Kỳ", unit: "Đơn vị", show: "Xem", asOf: "tính đến", indicator: "Chỉ tiêu",
        actual: "Thực hiện", target: "Mục tiêu", achievement: "Mức đạt", status: "Đánh giá", change: "So với cùng kỳ năm trước",
        rank: "Xếp hạng", rankAmongLevel: "Xếp hạng cùng cấp", rankInParent: "Xếp hạng trong đơn vị cấp trên", rollup: "Tổng hợp",
        ownFigure: "Số liệu đơn vị báo cáo", rollupOfChildren: "Tổng hợp từ đơn vị cấp dưới", keyTasks: "Nhiệm vụ trọng tâm",
        tasksDone: "hoàn thành", onTime: "đúng hạn", late: "trễ hạn", overdue: "quá hạn", deadline: "Thời hạn",
        findings: "Kết quả kiểm tra số liệu", noFindings: "Không có phát hiện nào.", children: "Đơn vị cấp dưới",
        parent: "Cấp trên", mergedInto: "sáp nhập vào", compareChildren: "So sánh các đơn vị cấp dưới theo",
        history: "Lịch sử", ranking: "Bảng xếp hạng", position: "Thứ hạng", synthetic: "giả lập",
        syntheticNote: "* Các đơn vị đánh dấu giả lập được tạo ra để khớp với thứ hạng nguồn tin nêu; đó không phải số liệu thật.",
        reference: "Số, ký hiệu", issuedBy: "Cơ quan ban hành", title: "Trích yếu", targetsSet: "Chỉ tiêu đề ra",
        tasksSet: "Nhiệm vụ đề ra", value: "Giá trị", denominator: "Trên tổng số (đối với tỷ lệ)", reason: "Lý do điều chỉnh",
        reasonHint: "Bắt buộc khi số liệu đã có: bản trước vẫn được lưu và hiển thị.", citation: "Nguồn",
        save: "Lưu", revision: "Lần", enteredBy: "Người nhập", enteredAt: "Thời điểm nhập", revisions: "Các lần nhập",
        noRevisions: "Chưa có số liệu.", taskStatus: "Tình trạng nhiệm vụ", completedOn: "Ngày hoàn thành", note: "Ghi chú",
        notStarted: "chưa triển khai", inProgress: "đang thực hiện", done: "hoàn thành", dropped: "không thực hiện",
        change_status: "Cập nhật tình trạng", file: "Tệp (bộ dữ liệu JSON hoặc số liệu CSV)", upload: "Kiểm tra và nhập",
        importHint: "Toàn bộ tệp được kiểm tra trước; nếu có dòng nào lỗi thì không nhập gì cả.", imported: "Đã nhập",
        problems: "Lỗi — chưa nhập gì", line: "Dòng / vị trí", field: "Trường", expected: "Yêu cầu", when: "Thời điểm",
        who: "Người thực hiện", what: "Nội dung", detail: "Chi tiết",
        notAllowed: "Bạn không có quyền thực hiện việc này: ngoài phạm vi được giao.", notFound: "Không tìm thấy.",
        language: "Ngôn ngữ", chartTitle: "Diễn biến qua các năm",
        polls: "Lấy phiếu tín nhiệm", pollOpen: "đang bỏ phiếu", pollClosed: "đã kết thúc", highConfidence: "tín nhiệm cao", confidence: "tín nhiệm", lowConfidence: "tín nhiệm thấp", blank: "để trống", castBallot: "Bỏ phiếu kín", ballotHint: "Phiếu của bạn được niêm phong, chỉ được kiểm khi kết thúc bỏ phiếu và không bao giờ được lưu kèm tên bạn. Mỗi người chỉ bỏ phiếu một lần.", voted: "Phiếu của bạn đã được ghi nhận.", receipt: "Mã xác nhận", receiptHint: "Hãy lưu mã này: nó chứng minh phiếu của bạn đã được tính mà không cho biết nội dung phiếu. Mã chỉ hiển thị một lần.", checkReceipt: "Kiểm tra mã xác nhận", receiptCounted: "Phiếu ứng với mã này đã được tính.", receiptUnknown: "Không có phiếu nào ứng với mã này.", resultsHidden: "Kết quả không hiển thị với bất kỳ ai, kể cả quản trị viên, trước khi kết thúc bỏ phiếu.", closePoll: "Kết thúc bỏ phiếu", official: "Người được lấy phiếu", roll: "Tổng số người được bỏ phiếu", cast: "Số phiếu thu về", base: "Tỷ lệ tính trên", baseCast: "số phiếu thu về", baseRoll: "tổng số người được bỏ phiếu", thresholdsReached: "Ngưỡng đạt tới", notOnRoll: "Bạn không có tên trong danh sách bỏ phiếu.", newPoll: "Tạo đợt lấy phiếu mới", pollCode: "Mã", officialsHint: "Người được lấy phiếu, mỗi dòng: họ tên; chức vụ", rollHint: "Người bỏ phiếu: tên đăng nhập, cách nhau bằng dấu cách hoặc xuống dòng", create: "Tạo",
        ratings: "Xếp loại", score: "Điểm", evidence: "Căn cứ", earned: "Theo điểm", proposed: "Đề xuất", confirmed: "Đã xác nhận", confirm: "Xác nhận", quotaNote: "Hạn mức xuất sắc", limitedByQuota: "do vượt hạn mức", gradeExcellent: "hoàn thành xuất sắc nhiệm vụ", gradeGood: "hoàn thành tốt nhiệm vụ", gradeCompleted: "hoàn thành nhiệm vụ", gradeNotCompleted: "không hoàn thành nhiệm vụ", ratingReasonHint: "Bắt buộc khi khác đề xuất và khi thay đổi sau khi đã xác nhận.", rule: "Quy tắc", noEvidence: "Chưa xếp loại: không có chỉ tiêu được đánh giá hay nhiệm vụ trọng tâm.", awards: "Khen thưởng", award: "Hình thức khen thưởng", candidates: "Đề nghị", qualifiesBy: "Căn cứ", decision: "Quyết định", accept: "Đồng ý", reject: "Không đồng ý", accepted: "đã đồng ý", rejected: "không đồng ý", decisionOpen: "chưa quyết định", decisionReasonHint: "Bắt buộc khi không đồng ý và khi thay đổi sau khi đã quyết định.", noCandidates: "Năm nay không có đề nghị nào.", noAwardRules: "Chưa có tiêu chuẩn khen thưởng nào của đơn vị này.", bestOfGroupText: "điểm cao nhất trong", tiedWith: "bằng điểm với", rankText: "hạng", consecutiveYears: "năm liền", conferences: "Hội nghị", noConferences: "Chưa có hội nghị nào.", heldOn: "Ngày tổ chức", host: "Đơn vị tổ chức", reviewing: "Kỳ tổng kết", chairedBy: "Chủ trì", centralSite: "Điểm cầu chính", bridge: "Điểm cầu", attending: "người dự", statements: "Phát biểu và ý kiến", speech: "phát biểu", comment: "ý kiến thảo luận", closing: "kết luận", commentsHeard: "Số ý kiến thảo luận", conclusions: "Kết luận", makeTask: "Chuyển thành nhiệm vụ trọng tâm năm", madeTask: "Nhiệm vụ trọng tâm", taskHint: "Kết luận trở thành nhiệm vụ trọng tâm của đơn vị tổ chức trong kỳ tiếp theo, một lần.", source: "Nguồn", yearInReview: "Kết quả năm được tổng kết", targetsMet: "Chỉ tiêu đạt và vượt", awardsPresented: "Khen thưởng được trao", voteResults: "Lấy phiếu tín nhiệm", noVotes: "Không có đợt lấy phiếu nào của đơn vị trong năm này.", pollStillOpen: "chưa kết thúc: chưa có kết quả", tallyWithheld: "Có ít hơn \(ConfidencePoll.minimumBallots) phiếu: không lưu và không hiển thị kết quả theo từng người, để không phiếu nào bị suy ra từ kết quả.", noRatings: "Chưa có xếp loại được xác nhận cho năm này.", seeRatings: "Trang xếp loại", seeAwards: "Trang khen thưởng", seeDashboard: "Trang tổng quan", unitsIn: "đơn vị của", orBetter: "trở lên", summaryReport: "Báo cáo tổng kết", reasonShort: "Lý do", noFigures: "Không có số liệu của đơn vị trong kỳ này.", figureCheck: "Kiểm tra số liệu", checkHint: "Dán hoặc tải lên một văn bản tổng kết (văn bản thuần, Markdown, HTML hoặc DOCX) bằng một trong sáu ngôn ngữ: mọi con số mâu thuẫn với phép tính của chính nó — tỷ lệ không bằng x/y, tốc độ không khớp với các giá trị đi kèm, phần lớn hơn tổng, thứ hạng vượt quá số đơn vị được xếp, ngày không có trong lịch — được đánh dấu ngay trong văn bản.", checkText: "Văn bản", checkFile: "hoặc tệp (.txt, .md, .html, .docx)", checkRun: "Kiểm tra", checkStoreHint: "Để so sánh thêm với số liệu đã lưu, hãy nhập đơn vị và kỳ mà văn bản báo cáo.", checkDetect: "tự nhận biết", checkClean: "Không có con số nào mâu thuẫn với phép tính của chính nó", checkFindings: "Phát hiện", findingKind: "Loại", claimRead: "Đọc được", claimInstead: "Đúng ra là", certainty: "Độ tin cậy", figuresRead: "con số đã đọc", checkUnlisted: "phát hiện khác không liệt kê", checkBusy: "Đang có các lượt kiểm tra số liệu khác. Vui lòng thử lại sau vài giây.", kindShare: "tỷ lệ so với x/y", kindAchievement: "mức đạt chỉ tiêu", kindGrowth: "tốc độ tăng", kindPartExceedsWhole: "phần lớn hơn tổng", kindPartsSum: "các phần so với tổng", kindRankBeyondPeers: "thứ hạng vượt số đơn vị", kindImpossibleDate: "ngày không có thực", kindYearCount: "số năm của giai đoạn", kindStoredValue: "số liệu đã lưu", confidenceHigh: "cao", confidenceMedium: "trung bình")
}

extension UIText {
    /// A key task's status in words.
    func status(_ status: KeyTask.Status) -> String {
        switch status {
        case .notStarted: notStarted
        case .inProgress: inProgress
        case .done: done
        case .dropped: dropped
        }
    }

    func grade(_ grade: RatingRule.Grade) -> String {
        switch grade {
        case .excellent: gradeExcellent
        case .good: gradeGood
        case .completed: gradeCompleted
        case .notCompleted: gradeNotCompleted
        }
    }

    func answer(_ answer: ConfidencePoll.Answer) -> String {
        switch answer {
        case .high: highConfidence
        case .confidence: confidence
        case .low: lowConfidence
        case .blank: blank
        }
    }

    /// "low confidence > 1/2", in the reader's words.
    func threshold(_ threshold: ConfidencePoll.Threshold) -> String {
        "\(answer(threshold.answer)) \(threshold.strictly ? ">" : "≥") \(threshold.numerator)/\(threshold.denominator)"
    }
}

extension UIText {
    /// What a figure check finding is, in the reader's words.
    func kindName(_ kind: FigureFinding.Kind) -> String {
        switch kind {
        case .share: kindShare
        case .achievement: kindAchievement
        case .growth: kindGrowth
        case .partExceedsWhole: kindPartExceedsWhole
        case .partsSum: kindPartsSum
        case .rankBeyondPeers: kindRankBeyondPeers
        case .impossibleDate: kindImpossibleDate
        case .yearCount: kindYearCount
        case .storedValue: kindStoredValue
        }
    }

    func confidenceName(_ confidence: FigureFinding.Confidence) -> String {
        switch confidence {
        case .high: confidenceHigh
        case .medium: confidenceMedium
        }
    }
}
