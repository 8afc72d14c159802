import Foundation
import StocktakeApp
import StocktakeCore
import StocktakeReports

/// Every word the pages print, in one language, from the `pages` section of the language's catalog
/// (`Sources/StocktakeReports/Catalogs/LANG.json`, beside the report's sentences). A struct rather than a
/// dictionary so that code names only texts that exist; a catalog missing one fails to load, and the server does
/// not start. Figures are formatted by ``FigureFormatter``, not here.
struct UIText: Sendable, Decodable {
    /// The language these texts are in.
    let code: String
    let appName: String
    let signIn: String
    let signOut: String
    let menu: String
    let skipToContent: String
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
    let closePollWarning: String
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
    let rejectWarning: String
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
    let checkAll: String
    let checkBusy: String
    let kindShare: String
    let kindAchievement: String
    let kindGrowth: String
    let kindPartExceedsWhole: String
    let kindPartsSum: String
    let kindRankBeyondPeers: String
    let kindImpossibleDate: String
    let kindYearCount: String
    let kindDifference: String
    let kindStoredValue: String
    let confidenceHigh: String
    let confidenceMedium: String
    let confidenceLow: String
    let figurePoints: String
    let figureStated: String
    let figureChange: String
    let figureDerived: String
    let figureNotStated: String
    let figureOf: String
    let figureExceeded: String
    let figureMet: String
    let figureNotMet: String
    let figureOverCeiling: String
    let figureUnderCeiling: String
    let figureAtCeiling: String
    let figureNoData: String
    let figureNotYetDue: String
    let levelNation: String
    let levelProvince: String
    let levelDistrict: String
    let levelCommune: String
    let errorOutsideRemit: String
    let errorNotSecretary: String
    let errorAdministratorsOnly: String
    let errorNotOnRoll: String
    let errorUnknown: String
    let errorInvalid: String
    let errorReasonRequired: String
    let errorAlreadyDone: String
    let errorUnchanged: String
    let errorNotNow: String
    let errorStaleForm: String
    let errorNoUnits: String
    let errorNoFile: String
    let errorNoText: String
    let errorBallotIncomplete: String
    let entryGrid: String
    let gridLayout: String
    let gridUnitIndicators: String
    let gridUnitsBelow: String
    let gridHint: String
    let gridRefusedHint: String
    let gridEmpty: String
    let current: String
    let newValue: String
    let cellSaved: String
    let cellUnchanged: String
    let cellsSaved: String
    let cellsRefused: String
    let saveCells: String
    let completeness: String
    let completenessNote: String
    let reported: String
    let missing: String
    let complete: String
    let cellOutcome: String
    let showRows: String
    let showAll: String
    let showTarget: String
    let showNotMet: String
    let sortBy: String
    let sortTable: String
    let sortAchievement: String
    let sortChange: String
    let sortRank: String
    let compareYearBefore: String
    let trend: String
    let derivedFromChange: String
    let yearBeforeColumn: String
    let noRowsShown: String
    let problemFigureFormat: String
    let problemShareDenominator: String
    let problemShareNumerator: String
    let problemWholeCount: String
    let problemCorrectionReason: String
    let numerator: String
    let problemFigureLocked: String
    let errorOwnSubmission: String
    let allKinds: String
    let fromDay: String
    let throughDay: String
    let auditNote: String
    let valueBefore: String
    let valueAfter: String
    let noEvents: String
    let newer: String
    let older: String
    let page: String
    let actionObservationEntered: String
    let actionObservationCorrected: String
    let actionTaskStatusChanged: String
    let actionImported: String
    let actionRatingConfirmed: String
    let actionReviewImported: String
    let actionAwardDecided: String
    let actionConclusionMadeTask: String
    let actionPollOpened: String
    let actionPollClosed: String
    let actionSecretaryNamed: String
    let actionFiguresSubmitted: String
    let actionFiguresApproved: String
    let actionFiguresReturned: String
    let actionFigureReopened: String
    let actionDeadlineSet: String
    let approval: String
    let statusOpen: String
    let statusSubmitted: String
    let statusReturned: String
    let statusApproved: String
    let statusFinal: String
    let timelinessOnTime: String
    let timelinessLate: String
    let timelinessOverdue: String
    let timelinessDue: String
    let submittedOn: String
    let waitingFor: String
    let reopenedFigures: String
    let stepSubmitted: String
    let stepApproved: String
    let stepReturned: String
    let stepReopened: String
    let submitFigures: String
    let approveFigures: String
    let returnFigures: String
    let reopenFigure: String
    let stepReason: String
    let approvalSteps: String
    let approvalNote: String
    let submittedUnits: String
    let unusualHistory: String
    let unusualPeers: String
    let confirmation: String
    let confirmationHint: String
    let confirmAndSave: String
    let unitsBelowSubmitted: String
    let approvedFiguresOnly: String

    static let defaultLanguage = "vi"
    /// The pages speak every language the reports are written in.
    static let languages = ReportLanguage.allCases.map(\.rawValue)

    /// Each language's texts, read once. ``load()`` reports a broken catalog at startup; after it, this holds.
    private static let all: Result<[String: UIText], any Error> = Result {
        try Dictionary(uniqueKeysWithValues: ReportLanguage.allCases.map { language in
            let catalog = try MessageCatalog.load(language)
            var fields = catalog.pages.mapValues { $0.replacingOccurrences(of: "{minimumBallots}", with: "\(ConfidencePoll.minimumBallots)") }
            fields["code"] = language.rawValue
            do {
                return (language.rawValue, try JSONDecoder().decode(UIText.self, from: try JSONEncoder().encode(fields)))
            } catch {
                throw MessageCatalog.CatalogError.malformed(file: "\(language.rawValue).json", detail: "pages: \(error)")
            }
        })
    }

    /// Reads every language's texts, failing on the first catalog that lacks one.
    static func load() throws { _ = try all.get() }

    static func forLanguage(_ language: String) -> UIText {
        // `load()` ran when the server started, so the catalogs are known to be whole.
        let texts = try! all.get()
        return texts[language] ?? texts[defaultLanguage]!
    }

    /// The texts as a dictionary, for the templates: Mustache finds a dictionary's keys at once, where a
    /// struct's properties cost a reflection walk on every lookup.
    var catalog: [String: String] { Self.catalogs[code] ?? [:] }

    private static let catalogs: [String: [String: String]] = Dictionary(uniqueKeysWithValues: languages.map { code in
        let text = forLanguage(code)
        return (code, Dictionary(uniqueKeysWithValues: Mirror(reflecting: text).children.compactMap { child in
            (child.value as? String).flatMap { value in child.label.map { ($0, value) } }
        }))
    })

    /// The language's own name, as the language switcher shows it.
    static func nativeName(_ code: String) -> String {
        switch code {
        case "vi": "Tiếng Việt"
        case "en": "English"
        case "es": "Español"
        case "el": "Ελληνικά"
        case "ru": "Русский"
        case "ar": "العربية"
        default: code
        }
    }
}

extension UIText {
    /// Figures as this language prints them: its digits and separators, and its words for "exceeded", "pp" ….
    /// Made once per language, not on every page.
    var format: FigureFormatter { Self.formats[code] ?? makeFormat() }

    private static let formats = Dictionary(uniqueKeysWithValues: languages.map { ($0, forLanguage($0).makeFormat()) })

    private func makeFormat() -> FigureFormatter {
        let words: [FigureFormatter.Word: String] = [
            .points: figurePoints, .stated: figureStated, .change: figureChange, .derived: figureDerived, .notStated: figureNotStated,
            .of: figureOf, .exceeded: figureExceeded, .met: figureMet, .notMet: figureNotMet, .noData: figureNoData, .notYetDue: figureNotYetDue,
            .overCeiling: figureOverCeiling, .underCeiling: figureUnderCeiling, .atCeiling: figureAtCeiling,
        ]
        return FigureFormatter(language: code, locale: ReportLanguage(rawValue: code)?.locale() ?? Locale(identifier: code), words: words)
    }

    /// A level of the tree in words; a level the catalog does not name keeps its code.
    func level(_ level: Level) -> String {
        switch level {
        case .nation: levelNation
        case .province: levelProvince
        case .district: levelDistrict
        case .commune: levelCommune
        default: level.rawValue
        }
    }

    /// A key task's status in words.
    /// A problem of an entered figure in the reader's words: the field's label and what was expected, for the
    /// rules a person typing a figure meets; the others as the core says them.
    func problem(_ problem: ImportProblem) -> (field: String, expected: String) {
        let field = switch problem.field {
        case "value": value
        case "denominator": denominator
        case "numerator": numerator
        case "reason": reason
        case "indicator": indicator
        default: problem.field
        }
        let expected: String? = switch problem.rule {
        case .figureFormat?: problemFigureFormat
        case .shareDenominator?: problemShareDenominator
        case .shareNumerator?: problemShareNumerator
        case .wholeCount?: problemWholeCount
        case .correctionReason?: problemCorrectionReason
        case .figureLocked?: problemFigureLocked
        case nil: nil
        }
        return (field, expected ?? problem.expected)
    }

    func show(_ show: ResultSelection.Show) -> String {
        switch show {
        case .all: showAll
        case .target: showTarget
        case .notMet: showNotMet
        }
    }

    func order(_ order: ResultSelection.Order) -> String {
        switch order {
        case .table: sortTable
        case .achievement: sortAchievement
        case .change: sortChange
        case .rank: sortRank
        }
    }

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
        case .difference: kindDifference
        case .storedValue: kindStoredValue
        }
    }

    func confidenceName(_ confidence: FigureFinding.Confidence) -> String {
        switch confidence {
        case .high: confidenceHigh
        case .medium: confidenceMedium
        case .low: confidenceLow
        }
    }
}

extension UIText {
    /// A refused action as the page tells it, in this language: the rule that refused it, with the codes it
    /// names; the detail of a value the checks did not accept stays as the checks wrote it.
    func message(_ error: ActionError) -> String {
        func fill(_ text: String, _ values: [String: String]) -> String {
            values.reduce(text) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
        }
        switch error {
        case .refused(.outsideRemit(_, _, let unit)): return fill(errorOutsideRemit, ["unit": unit.rawValue])
        case .refused(.notSecretary(_, let body, _)): return fill(errorNotSecretary, ["body": body.rawValue])
        case .refused(.readOnly): return notAllowed
        case .refused(.administratorsOnly): return errorAdministratorsOnly
        case .refused(.notOnRoll(_, let poll)): return fill(errorNotOnRoll, ["poll": poll])
        case .refused(.ownSubmission(_, let unit)): return fill(errorOwnSubmission, ["unit": unit.rawValue])
        case .unknown(_, let code, _): return fill(errorUnknown, ["code": code])
        case .invalid(let field, let value, let expected): return fill(errorInvalid, ["detail": "\(field) '\(value)': \(expected)"])
        case .reasonRequired: return errorReasonRequired
        case .alreadyDone: return errorAlreadyDone
        case .unchanged: return errorUnchanged
        case .notNow(let detail): return fill(errorNotNow, ["detail": detail])
        case .unusual(let outlier, _, let decimals):
            return fill(outlier.basis == .history ? unusualHistory : unusualPeers, [
                "value": format.number(outlier.value, decimals: max(decimals, outlier.value.exactText.split(separator: ".").dropFirst().first?.count ?? 0)),
                "count": format.number(Decimal(outlier.count), decimals: 0),
                "low": format.number(outlier.low, decimals: decimals), "high": format.number(outlier.high, decimals: decimals),
            ])
        }
    }
}

extension UIText {
    /// The kind of an audit event, as the audit page names it.
    func auditAction(_ action: AuditEvent.Action) -> String {
        switch action {
        case .observationEntered: actionObservationEntered
        case .observationCorrected: actionObservationCorrected
        case .taskStatusChanged: actionTaskStatusChanged
        case .imported: actionImported
        case .ratingConfirmed: actionRatingConfirmed
        case .reviewImported: actionReviewImported
        case .awardDecided: actionAwardDecided
        case .conclusionMadeTask: actionConclusionMadeTask
        case .pollOpened: actionPollOpened
        case .pollClosed: actionPollClosed
        case .secretaryNamed: actionSecretaryNamed
        case .figuresSubmitted: actionFiguresSubmitted
        case .figuresApproved: actionFiguresApproved
        case .figuresReturned: actionFiguresReturned
        case .figureReopened: actionFigureReopened
        case .deadlineSet: actionDeadlineSet
        }
    }
}

extension UIText {
    /// Where a unit's figures stand, by colour and by word.
    func approvalBadge(_ submission: UnitSubmission) -> StatusBadge {
        if submission.isFinal { return StatusBadge(css: "final", word: statusFinal) }
        return switch submission.approval.status {
        case .open: StatusBadge(css: "open", word: statusOpen)
        case .submitted: StatusBadge(css: "submitted", word: statusSubmitted)
        case .returned: StatusBadge(css: "returned", word: statusReturned)
        case .approved: StatusBadge(css: "approved", word: statusApproved)
        }
    }

    /// Whether a submission came by its deadline; nothing when its level has none.
    func timelinessBadge(_ timeliness: UnitSubmission.Timeliness) -> StatusBadge? {
        switch timeliness {
        case .onTime: StatusBadge(css: "on_time", word: timelinessOnTime)
        case .late: StatusBadge(css: "late", word: timelinessLate)
        case .overdue: StatusBadge(css: "overdue", word: timelinessOverdue)
        case .due: StatusBadge(css: "due", word: timelinessDue)
        case .noDeadline: nil
        }
    }

    func stepKind(_ kind: ApprovalStep.Kind) -> String {
        switch kind {
        case .submitted: stepSubmitted
        case .approved: stepApproved
        case .returned: stepReturned
        case .reopened: stepReopened
        }
    }
}
