import Foundation
import StocktakeCore

/// Writes the report of a unit's year in one language: every sentence from the language's catalog, every figure
/// from the evaluation, formatted by the language's locale, and recorded as a fact beside the sentence.
public struct ReportBuilder {
    let input: ReportInput
    let catalog: MessageCatalog
    let format: FigureFormatter
    let language: ReportLanguage
    /// The languages names fell back to, for the closing note.
    private let fallbacks = FallbackLog()

    final class FallbackLog: @unchecked Sendable {
        var languages: Set<String> = []
    }

    public static func build(_ input: ReportInput, language: ReportLanguage, latinDigits: Bool = false) throws -> Report {
        let builder = ReportBuilder(
            input: input, catalog: try MessageCatalog.load(language),
            format: FigureFormatter(language: language.rawValue, locale: language.locale(latinDigits: latinDigits)), language: language)
        return try builder.report()
    }

    func t(_ key: String, _ arguments: [String: String] = [:], count: Decimal? = nil) throws -> String {
        try catalog.text(key, arguments, count: count)
    }

    /// A name in the report's language, else in its fallback language (noted at the end), else any.
    func name(_ text: LocalizedText) -> String {
        if let own = text.values[language.rawValue] { return own }
        for other in [language.fallback.rawValue, LocalizedText.sourceLanguage, "en"] {
            if let found = text.values[other] {
                fallbacks.languages.insert(other)
                return found
            }
        }
        return text[language.rawValue]
    }

    func integer(_ n: Int) -> String { format.number(Decimal(n), decimals: 0) }

    func report() throws -> Report {
        let unitName = name(input.unit.names)
        let title = try t("title", ["unit": unitName, "period": integerYear(input.period)])
        let subtitle = try t("subtitle", ["date": format.date(input.preparedOn)])
        var sections = [try overview(), try resultsSection()]
        sections += [try otherResults(), try rankings(), try tasks(), try review()].compactMap { $0 }
        sections += [try shortfalls(), try documentsSection(), try next()]
        let notes = try approvalNotes() + fallbacks.languages.sorted().map { code in
            try t("fallback_note", ["language": Locale(identifier: language.rawValue).localizedString(forLanguageCode: code) ?? code])
        }
        return Report(language: language, unit: input.unit.code, period: input.period, title: title, subtitle: subtitle, sections: sections, notes: notes)
    }

    /// Whether the figures are submitted, approved by whom, or final; what was reopened; what a report of
    /// approved figures only left out.
    func approvalNotes() throws -> [String] {
        guard let state = input.approval else { return [] }
        let submission = state.submission
        let approval = submission.approval
        func names(_ codes: [UnitCode]) -> String { codes.map { state.bodies[$0].map(name) ?? $0.rawValue }.joined(separator: ", ") }
        let next = names(submission.nextBody.map { [$0] } ?? [])
        var notes: [String] = []
        if submission.isFinal {
            notes.append(try t("approval_final", ["bodies": names(approval.approvedBy)]))
        } else {
            switch approval.status {
            case .approved: notes.append(try t("approval_approved", ["bodies": names(approval.approvedBy), "next": next]))
            case .submitted: notes.append(try t("approval_submitted", ["date": approval.submittedAt.map { format.date(CalendarDate.utcDay($0)) } ?? "", "next": next]))
            case .open, .returned: notes.append(try t("approval_open"))
            }
        }
        if !approval.reopened.isEmpty { notes.append(try t("approval_reopened", ["count": integer(approval.reopened.count)])) }
        if state.approvedOnly { notes.append(try t("approved_only", ["count": integer(state.leftOut)])) }
        return notes
    }

    /// The year as the locale writes it, without grouping ("2024", "٢٠٢٤").
    func integerYear(_ period: Period) -> String {
        (Decimal(period.firstDay.year) as NSDecimalNumber).intValue.formatted(.number.grouping(.never).locale(format.locale))
    }

    // MARK: - Facts

    var indicatorResults: [(IndicatorResult, Indicator)] {
        input.review.results.compactMap { result in input.indicators[result.indicator].map { (result, $0) } }
    }

    func actual(_ result: IndicatorResult, _ indicator: Indicator) -> Fact? {
        // The measure ("billion VND") falls back like every name, and the report says so.
        var indicator = indicator
        indicator.measure = LocalizedText([language.rawValue: name(indicator.measure)])
        return result.actual.map { Fact(quantity: .actual(result.key), value: $0.measured, text: format.figure($0, indicator: indicator)) }
    }

    /// Percentages print with two decimals; a stated change as the source printed it.
    func percentFact(_ quantity: Fact.Quantity, _ value: Decimal, decimals: Int = 2) -> Fact {
        Fact(quantity: quantity, value: value, text: format.percent(value, decimals: decimals))
    }

    func documentName(_ code: DocumentCode?) -> String {
        guard let code, let document = input.documents[code] else { return name(input.unit.names) }
        return name(document.title)
    }

    func bound(_ result: TargetResult, _ indicator: Indicator) throws -> Sentence {
        try bound(result.target, derived: result.derivedBound, indicator)
    }

    /// The target's bound in words, with its value stated or derived (≈).
    func bound(_ target: Target, derived: DerivedValue?, _ indicator: Indicator) throws -> Sentence {
        let inPercent = indicator.kind == .share || indicator.measure.values.values.contains("%")
        func value(_ v: Decimal) -> Fact {
            Fact(quantity: .bound(target.code), value: v,
                 text: inPercent ? format.percent(v, decimals: indicator.decimals) : format.number(v, decimals: indicator.decimals))
        }
        let bound = target.bound
        if bound.value == nil, let derived {
            let fact = value(derived.estimate)
            return Sentence(try t("bound_derived", ["value": fact.text]), facts: [fact])
        }
        switch bound {
        case .atLeast(let v?): let f = value(v); return Sentence(try t("bound_at_least", ["value": f.text]), facts: [f])
        case .atMost(let v?): let f = value(v); return Sentence(try t("bound_at_most", ["value": f.text]), facts: [f])
        case .exactly(let v): let f = value(v); return Sentence(try t("bound_exactly", ["value": f.text]), facts: [f])
        case .between(let low, let high):
            let (l, h) = (value(low), value(high))
            return Sentence(try t("bound_between", ["low": l.text, "high": h.text]), facts: [l, h])
        default: return Sentence(try t("bound_not_stated"))
        }
    }

    func statusWord(_ status: Status) throws -> String {
        switch status {
        case .exceeded: try t("status_exceeded")
        case .met: try t("status_met")
        case .notMet: try t("status_not_met")
        case .noData: try t("status_no_data")
        case .notYetDue: try t("status_not_yet_due")
        }
    }

    func change(_ result: IndicatorResult) throws -> Sentence? {
        guard let change = result.change, change.value != 0 else { return nil }
        let size = abs(change.value)
        let decimals = change.reported ? Decimal.decimalPlaces(in: change.value.exactText) : 2
        let fact: Fact
        if change.inPoints {
            let number = format.number(size, decimals: decimals)
            fact = Fact(quantity: .change(result.key), value: size, text: try t("change_points", ["count": number], count: size.rounded(decimals)))
        } else {
            fact = percentFact(.change(result.key), size, decimals: decimals)
        }
        let year = integerYear(result.period.yearEarlier)
        return Sentence(try t(change.value > 0 ? "change_up" : "change_down", ["change": fact.text, "year": year]), facts: [fact])
    }

    // MARK: - Sections

    func overview() throws -> Section {
        var sentences: [Sentence] = []
        let statuses = indicatorResults.flatMap { $0.0.targets.map(\.status) }
        let assessed = statuses.filter { $0 == .exceeded || $0 == .met || $0 == .notMet }
        if assessed.isEmpty {
            sentences.append(Sentence(try t("overview_no_targets")))
        } else {
            let unit = input.unit.code, period = input.period
            func count(_ status: Status?) -> Fact {
                let n = status.map { s in assessed.filter { $0 == s }.count } ?? assessed.count
                return Fact(quantity: .targets(unit, period, status), value: Decimal(n), text: integer(n))
            }
            let facts = [count(nil), count(.exceeded), count(.met), count(.notMet)]
            sentences.append(Sentence(
                try t("overview_targets", ["count": facts[0].text, "exceeded": facts[1].text, "met": facts[2].text, "notMet": facts[3].text], count: facts[0].value),
                facts: facts))
        }
        let counts = TaskCounts(input.tasks)
        if counts.counted > 0 {
            let facts = [(Fact.TaskCount.counted, counts.counted), (.done, counts.done), (.onTime, counts.onTime), (.late, counts.late)].map {
                Fact(quantity: .tasks(input.unit.code, input.period, $0.0), value: Decimal($0.1), text: integer($0.1))
            }
            sentences.append(Sentence(
                try t("overview_tasks", ["count": facts[0].text, "done": facts[1].text, "onTime": facts[2].text, "late": facts[3].text], count: facts[0].value),
                facts: facts))
        }
        return Section(id: "overview", heading: try t("h_overview"), blocks: [.paragraph(sentences)])
    }

    func resultsSection() throws -> Section {
        var sentences: [Sentence] = []
        var rows: [[Sentence]] = []
        var derived = false
        for (result, indicator) in indicatorResults where !result.targets.isEmpty {
            let indicatorName = name(indicator.names)
            let actual = actual(result, indicator)
            let first = sentences.count
            for target in result.targets {
                let document = documentName(target.target.document)
                var arguments = ["indicator": indicatorName, "actual": actual?.text ?? "", "document": document]
                var facts = actual.map { [$0] } ?? []
                let key: String
                var count: Decimal?
                let ceiling = target.target.bound.isCeiling
                switch (target.status, target.achievement, target.gapPoints) {
                // Against a ceiling ("spending ≤ 463.3") the sentence says how far over or under it the figure is.
                case (.notMet, let a?, _) where ceiling && a > 1:
                    let f = percentFact(.excess(target.target.code), (a - 1) * 100)
                    (key, arguments["excess"], facts) = ("result_over_ceiling", f.text, facts + [f])
                case (.exceeded, let a?, _) where ceiling && a < 1:
                    let f = percentFact(.shortfall(target.target.code), (1 - a) * 100)
                    (key, arguments["margin"], facts) = ("result_under_ceiling", f.text, facts + [f])
                case (_, nil, let g?) where ceiling && g != 0:
                    let f = Fact(quantity: .gapPoints(target.target.code), value: abs(g), text: format.number(abs(g), decimals: 2))
                    (key, arguments["count"], facts, count) = (g > 0 ? "result_over_ceiling_points" : "result_under_ceiling_points", f.text, facts + [f], abs(g).rounded(2))
                case (.exceeded, let a?, _):
                    let f = percentFact(.excess(target.target.code), (a - 1) * 100)
                    (key, arguments["excess"], facts) = ("result_exceeded", f.text, facts + [f])
                case (.exceeded, nil, let g?):
                    let f = Fact(quantity: .gapPoints(target.target.code), value: abs(g), text: format.number(abs(g), decimals: 2))
                    (key, arguments["count"], facts, count) = ("result_exceeded_points", f.text, facts + [f], abs(g).rounded(2))
                case (.notMet, let a?, _):
                    let f = percentFact(.shortfall(target.target.code), (1 - a) * 100)
                    (key, arguments["shortfall"], facts) = ("result_missed", f.text, facts + [f])
                case (.notMet, nil, let g?):
                    let f = Fact(quantity: .gapPoints(target.target.code), value: abs(g), text: format.number(abs(g), decimals: 2))
                    (key, arguments["count"], facts, count) = ("result_missed_points", f.text, facts + [f], abs(g).rounded(2))
                case (.exceeded, _, _), (.met, _, _), (.notMet, _, _): key = "result_met"
                case (.notYetDue, _, _): (key, facts) = ("result_not_due", [])
                case (.noData, _, _): (key, facts) = ("result_no_data", [])
                }
                if target.status == .notMet && key == "result_met" {
                    // A target missed with no measure of by how much still says it was missed.
                    sentences.append(Sentence(try t("shortfall", ["indicator": indicatorName, "actual": actual?.text ?? "", "bound": try bound(target, indicator).text, "document": document]), facts: facts))
                } else {
                    sentences.append(Sentence(try t(key, arguments, count: count), facts: facts))
                }
                let boundCell = try bound(target, indicator)
                derived = derived || (target.target.bound.value == nil && target.derivedBound != nil)
                rows.append([Sentence(indicatorName), actual.map { Sentence($0.text, facts: [$0]) } ?? Sentence("—"), boundCell,
                             Sentence(try statusWord(target.status)), Sentence(document)])
            }
            // Several targets of one indicator are one sentence: its name and figure are said once.
            let merged = try sameSubject(Array(sentences[first...]))
            sentences.replaceSubrange(first..., with: merged)
            if let change = try change(result) { sentences.append(change) }
        }
        var blocks: [Block] = [.paragraph(sentences)]
        if !rows.isEmpty {
            blocks.append(.table(Table(
                headers: try ["col_indicator", "col_actual", "col_target", "col_status", "col_document"].map { try t($0) }, rows: rows, numeric: [1, 2])))
        }
        if derived { blocks.append(.paragraph([Sentence(try t("derived_note"))])) }
        return Section(id: "results", heading: try t("h_results"), blocks: blocks)
    }

    /// Sentences about one subject joined into one, the subject said once: each later sentence loses the words
    /// it shares with the first up to a comma ("Revenue reached 20,699.5 billion VND, "), and follows the first
    /// after the language's joining word. A sentence that shares no such opening stays as it is.
    func sameSubject(_ sentences: [Sentence]) throws -> [Sentence] {
        guard sentences.count > 1 else { return sentences }
        let joiner = try t("result_join")
        var head = sentences[0]
        var rest: [Sentence] = []
        for next in sentences.dropFirst() {
            let a = Array(head.text.unicodeScalars), b = Array(next.text.unicodeScalars)
            var shared = 0
            while shared < a.count, shared < b.count, a[shared] == b[shared] { shared += 1 }
            // Cut after the last ", " (or Arabic "، ") the two share, and only past the figure both print.
            var cut: Int?
            for index in stride(from: shared - 2, through: 1, by: -1) where (b[index] == "," || b[index] == "\u{060C}") && b[index + 1] == " " {
                cut = index + 2
                break
            }
            let figure = next.facts.first.map { String(String.UnicodeScalarView(b[..<(cut ?? 0)])).contains($0.text) } ?? false
            guard let cut, figure, head.text.last == "." else {
                rest.append(next)
                continue
            }
            let tail = String(String.UnicodeScalarView(b[cut...]))
            head = Sentence(String(head.text.dropLast()) + joiner + tail, facts: head.facts + next.facts.dropFirst())
        }
        return [head] + rest
    }

    func otherResults() throws -> Section? {
        var items: [Sentence] = []
        for (result, indicator) in indicatorResults where result.targets.isEmpty && !isPosition(result, indicator) {
            guard let actual = actual(result, indicator) else { continue }
            var sentence = Sentence(try t("other_value", ["indicator": name(indicator.names), "actual": actual.text]), facts: [actual])
            if let change = try change(result) { sentence = Sentence(sentence.text + " " + change.text, facts: sentence.facts + change.facts) }
            items.append(sentence)
        }
        return items.isEmpty ? nil : Section(id: "other", heading: try t("h_other"), blocks: [.list(items)])
    }

    /// An indicator that records a rank ("PCI: 4th") rather than a quantity: its figure is its position among
    /// the level's peers. The rankings say it; the other results leave it out.
    func isPosition(_ result: IndicatorResult, _ indicator: Indicator) -> Bool {
        guard indicator.better == .lower, let rank = input.review.ranks(for: result.indicator)[.level], let actual = result.actual?.measured else { return false }
        return actual == Decimal(rank.position)
    }

    func rankings() throws -> Section? {
        var items: [Sentence] = []
        var synthetic = false
        let peersKey = ["province": "peers_province", "district": "peers_district", "commune": "peers_commune"][input.unit.level.rawValue] ?? "peers_unit"
        for (result, indicator) in indicatorResults {
            guard let rank = input.review.ranks(for: result.indicator)[.level], rank.of > 1 else { continue }
            synthetic = synthetic || rank.syntheticPeers > 0
            // The position prints as the language says a place ("1st", "thứ nhất", "1-е место").
            let place = try t("place", ["n": integer(rank.position)], count: Decimal(rank.position))
            let position = Fact(quantity: .rank(result.key, .level), value: Decimal(rank.position), text: place)
            let peers = Fact(quantity: .peers(result.key, .level), value: Decimal(rank.of), text: integer(rank.of))
            let sentence = try t("rank_level", [
                "indicator": name(indicator.names), "place": place, "count": peers.text,
                "peers": try t(peersKey, ["count": peers.text], count: peers.value),
            ], count: peers.value)
            items.append(Sentence(sentence, facts: [position, peers]))
        }
        guard !items.isEmpty else { return nil }
        var blocks: [Block] = [.list(items)]
        if synthetic { blocks.append(.paragraph([Sentence(try t("synthetic_note"))])) }
        return Section(id: "rankings", heading: try t("h_rankings"), blocks: blocks)
    }

    func taskStatus(_ task: KeyTask) throws -> String {
        switch task.status {
        case .done(let completion): try t(completion.onTime ? "task_done_on_time" : "task_done_late")
        case .inProgress: try t(input.period.isOpen(on: input.review.asOf) || task.deadline >= input.review.asOf ? "task_in_progress" : "task_overdue")
        case .notStarted: try t(task.deadline >= input.review.asOf ? "task_not_started" : "task_overdue")
        case .dropped: try t("task_dropped")
        }
    }

    func tasks() throws -> Section? {
        guard !input.tasks.isEmpty else { return nil }
        let items = try input.tasks.sorted { ($0.deadline, $0.code) < ($1.deadline, $1.code) }.map { task in
            Sentence(try t("task_line", ["title": name(task.title), "status": try taskStatus(task), "deadline": format.date(task.deadline)]))
        }
        return Section(id: "tasks", heading: try t("h_tasks"), blocks: [.list(items)])
    }

    func review() throws -> Section? {
        guard !input.ratings.isEmpty || !input.awards.isEmpty || !input.polls.isEmpty else { return nil }
        var blocks: [Block] = []
        if !input.ratings.isEmpty {
            func n(_ grade: RatingRule.Grade) -> String { integer(input.ratings.filter { $0.grade == grade }.count) }
            blocks.append(.paragraph([Sentence(try t("ratings_summary", [
                "count": integer(input.ratings.count), "excellent": n(.excellent), "good": n(.good), "completed": n(.completed), "notCompleted": n(.notCompleted),
            ], count: Decimal(input.ratings.count)))]))
        }
        if !input.awards.isEmpty {
            blocks.append(.list(try input.awards.map { award in
                Sentence(try t("award_line", [
                    "award": name(award.rule.award), "unit": input.named[award.unit].map { name($0.names) } ?? award.unit.rawValue,
                    "title": name(award.rule.title),
                ]))
            }))
        }
        for (poll, tally) in input.polls {
            blocks.append(.paragraph([Sentence(try t("poll_base", [
                "title": poll.title, "cast": integer(tally.cast), "base": try t(tally.base == .cast ? "base_cast" : "base_roll"),
            ], count: Decimal(tally.cast)))]))
            // A withheld tally (too few ballots) has no lines: the report states the number cast and no more.
            guard !tally.lines.isEmpty else { continue }
            blocks.append(.list(try tally.lines.map { line in
                Sentence(try t("poll_line", [
                    "official": line.official.name + (line.official.position.isEmpty ? "" : " (\(line.official.position))"),
                    "high": format.count(line.counts[.high, default: 0], of: tally.baseCount),
                    "confidence": format.count(line.counts[.confidence, default: 0], of: tally.baseCount),
                    "low": format.count(line.counts[.low, default: 0], of: tally.baseCount),
                ]))
            }))
        }
        return Section(id: "review", heading: try t("h_review"), blocks: blocks)
    }

    func shortfalls() throws -> Section {
        var items: [Sentence] = []
        for (result, indicator) in indicatorResults {
            for target in result.targets where target.status == .notMet {
                let actual = actual(result, indicator)
                let bound = try bound(target, indicator)
                items.append(Sentence(try t("shortfall", [
                    "indicator": name(indicator.names), "actual": actual?.text ?? "—", "bound": bound.text, "document": documentName(target.target.document),
                ]), facts: (actual.map { [$0] } ?? []) + bound.facts))
            }
        }
        var blocks: [Block] = [items.isEmpty ? .paragraph([Sentence(try t("no_shortfalls"))]) : .list(items)]
        let findings = input.findings
        if findings.isEmpty {
            blocks.append(.paragraph([Sentence(try t("no_findings"))]))
        } else {
            blocks.append(.list(try findings.map { finding in
                let unit = input.named[finding.unit].map { name($0.names) } ?? finding.unit.rawValue
                let indicator = finding.indicator.flatMap { input.indicators[$0] }.map { name($0.names) }
                var what = try t("finding_\(finding.code)")
                if case .missingReports(let missing, let expected) = finding.problem {
                    what = try t("finding_missing_reports", ["missing": integer(missing.count), "expected": integer(expected)])
                }
                if case .ruleViolated(_, let rule, let left, let right) = finding.problem {
                    what = try t("finding_rule_violated", ["rule": rule, "left": format.number(left, decimals: 2), "right": format.number(right, decimals: 2)])
                }
                return Sentence(try t("finding", ["subject": [unit, indicator].compactMap { $0 }.joined(separator: " — "), "what": what]))
            }))
        }
        return Section(id: "shortfalls", heading: try t("h_shortfalls"), blocks: blocks)
    }

    func documentsSection() throws -> Section {
        var codes: [DocumentCode] = []
        for code in indicatorResults.flatMap({ $0.0.targets.compactMap(\.target.document) }) + (input.tasks + input.nextTasks).compactMap(\.document)
        where !codes.contains(code) { codes.append(code) }
        let items = try codes.compactMap { input.documents[$0] }.map { document in
            // A title that already names its reference ("Resolution 381-NQ/TU …") does not repeat it.
            let title = name(document.title)
            guard let reference = document.reference?.description, !title.contains(reference) else {
                return Sentence(try t("document_line_plain", ["title": title]))
            }
            return Sentence(try t("document_line", ["title": title, "reference": reference]))
        }
        return Section(id: "documents", heading: try t("h_documents"), blocks: [.list(items)])
    }

    func next() throws -> Section {
        let year = integerYear(input.period.next)
        var items: [Sentence] = []
        for target in input.nextTargets {
            guard let indicator = input.indicators[target.indicator] else { continue }
            items.append(Sentence(try t("next_target", ["indicator": name(indicator.names), "bound": try bound(target, derived: nil, indicator).text])))
        }
        for task in input.nextTasks.sorted(by: { ($0.deadline, $0.code) < ($1.deadline, $1.code) }) {
            items.append(Sentence(try t("next_task", ["title": name(task.title), "deadline": format.date(task.deadline)])))
        }
        let blocks: [Block] = items.isEmpty ? [.paragraph([Sentence(try t("next_none", ["period": year]))])] : [.list(items)]
        return Section(id: "next", heading: try t("h_next", ["period": year]), blocks: blocks)
    }
}

/// Key tasks counted as the evaluation counts them: dropped ones apart.
struct TaskCounts {
    var counted = 0, done = 0, onTime = 0, late = 0

    init(_ tasks: [KeyTask]) {
        for task in tasks {
            if case .dropped = task.status { continue }
            counted += 1
            if case .done(let completion) = task.status {
                done += 1
                if completion.onTime { onTime += 1 } else { late += 1 }
            }
        }
    }
}
