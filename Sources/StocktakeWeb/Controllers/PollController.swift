import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// Secret confidence votes: a ballot page that works from a phone, a receipt for each voter, and the result
/// only once the vote is closed. Only the body's secretary opens and closes its votes; voters are the accounts on
/// the roll, and see their own ballot form and receipt; administrators see the list and, once closed, the result.
struct PollController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/polls", use: list)
        router.post("/polls", use: create)
        router.get("/polls/{code}", use: show)
        router.post("/polls/{code}/ballot", use: ballot)
        router.post("/polls/{code}/close", use: close)
        router.post("/polls/{code}/receipt", use: checkReceipt)
    }

    struct ListView {
        let t: [String: String]
        let polls: [PollLink]
        let maySecretary: Bool
        let csrf: String
        let units: [Choice]
        let bases: [Choice]
        /// A refused new vote: the form as typed, and why, beside the field it is about (or above the form).
        let fields: [String: String]
        let errors: [String: String]
    }

    struct PollLink {
        let href: String
        let title: String
        let status: String
    }

    struct View {
        let t: [String: String]
        let code: String
        let title: String
        let status: String
        let officials: [OfficialChoice]
        let mayVote: Bool
        let notOnRoll: Bool
        let hasVoted: Bool
        let receipt: String?
        let receiptCheck: String?
        let isClosed: Bool
        let isSecretary: Bool
        let tally: TallyView?
        let csrf: String
        let rollSize: Int
    }

    struct OfficialChoice {
        let index: Int
        let name: String
        let position: String
        let answers: [Choice]
    }

    struct TallyView {
        let roll: Int
        let cast: Int
        let base: String
        let lines: [TallyLine]
        let consistent: Bool
        /// Fewer ballots than the minimum: no per-official line is shown.
        let withheld: Bool
    }

    struct TallyLine {
        let name: String
        let position: String
        let cells: [String]
        let reached: String
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(context: context, fields: [:], errors: [:], status: .ok)
    }

    private func render(context: AppRequestContext, fields: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let t = UIText.forLanguage(context.language)
        let bodies = try await services.store.bodies(ofSecretary: account.username)
        var links: [PollLink] = []
        for poll in try await services.store.polls() {
            guard try await services.store.access(to: poll, for: .account(account)).maySee else { continue }
            links.append(PollLink(href: "/polls/\(poll.code)", title: poll.title, status: poll.isClosed ? t.pollClosed : t.pollOpen))
        }
        let units = try await services.store.units().filter { bodies.contains($0.code) }
            .map { Choice(value: $0.code.rawValue, label: $0.names[context.language], selected: $0.code.rawValue == fields["unit"]) }
        let bases = [("cast", t.baseCast), ("roll", t.baseRoll)].map { Choice(value: $0.0, label: $0.1, selected: $0.0 == fields["base"]) }
        let view = ListView(t: t.catalog, polls: links, maySecretary: !bodies.isEmpty, csrf: context.session?.csrfToken ?? "", units: units, bases: bases,
                            fields: fields, errors: errors)
        return services.renderer.page("polls", view, frame: Frame(context, title: t.polls), status: status)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        do {
            let code = try await open(form, as: account)
            return .redirect(to: "/polls/\(code)", type: .normal)
        } catch let refused as ActionError {
            // The form comes back as typed, and why beside the field it is about.
            var fields = form.fields
            fields[Form.csrfField] = nil
            let field: String = if case .invalid(let name, _, _) = refused, fields.keys.contains(name) { name } else { "form" }
            return try await render(context: context, fields: fields, errors: [field: UIText.forLanguage(context.language).message(refused)], status: refused.status)
        }
    }

    /// Reads the new vote's form and opens it; every field that does not read is an ``ActionError/invalid(field:value:expected:)``.
    private func open(_ form: Form, as account: Account) async throws -> PollCode {
        guard let code = PollCode(validating: form["code"] ?? "") else { throw ActionError.invalid(field: "code", value: form["code"] ?? "", expected: PollCode.expectedForm) }
        guard let unit = UnitCode(validating: form["unit"] ?? "") else { throw ActionError.invalid(field: "unit", value: form["unit"] ?? "", expected: UnitCode.expectedForm) }
        var period: Period?
        if let text = form["period"], !text.isEmpty {
            do { period = try Period(parsing: text) } catch { throw ActionError.invalid(field: "period", value: text, expected: error.expected) }
        }
        let officials = (form["officials"] ?? "").split(whereSeparator: \.isNewline).compactMap { line -> ConfidencePoll.Official? in
            let parts = line.split(separator: ";", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, !name.isEmpty else { return nil }
            return ConfidencePoll.Official(name: name, position: parts.count > 1 ? parts[1] : "")
        }
        var roll: [Username] = []
        for name in (form["roll"] ?? "").split(whereSeparator: { $0.isWhitespace || $0 == "," }) {
            guard let username = Username(validating: String(name)) else { throw ActionError.invalid(field: "roll", value: String(name), expected: "user names separated by spaces, commas or lines") }
            roll.append(username)
        }
        let base = ConfidencePoll.Base(rawValue: form["base"] ?? "cast") ?? .cast
        try await services.actions.openPoll(
            ConfidencePoll(code: code, title: form["title"] ?? code.rawValue, unit: unit, period: period, officials: officials, base: base),
            roll: roll, key: try services.options.requireBallotKey(), as: account, via: .page)
        return code
    }

    private func poll(_ context: AppRequestContext) async throws -> ConfidencePoll {
        let code = try context.parameters.require("code")
        guard let poll = try await services.store.poll(code) else { throw ActionError.unknown(.vote, code: code) }
        return poll
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try await poll(context), context: context, receipt: nil, receiptCheck: nil)
    }

    private func render(_ poll: ConfidencePoll, context: AppRequestContext, receipt: String?, receiptCheck: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let t = UIText.forLanguage(context.language)
        let code = poll.code.rawValue
        let roll = try await services.store.roll(of: code)
        let access = try await services.store.access(to: poll, for: .account(account))
        guard access.maySee else { throw HTTPError(.forbidden, message: t.notOnRoll) }
        let onRoll = access.onRoll
        let voted = onRoll ? try await services.store.hasVoted(code, account.username.rawValue) : false
        var tally: TallyView?
        if access.maySeeTally(of: poll) {
            let result = try await services.store.tally(code, for: .account(account))
            let format = UIText.forLanguage(context.language).format
            tally = TallyView(
                roll: result.roll, cast: result.cast, base: result.base == .cast ? "\(t.baseCast) (\(result.cast))" : "\(t.baseRoll) (\(result.roll))",
                lines: result.lines.map { line in
                    TallyLine(name: line.official.name, position: line.official.position,
                              cells: ConfidencePoll.Answer.allCases.map { format.count(line.counts[$0, default: 0], of: result.baseCount) },
                              reached: line.reached.map(t.threshold).joined(separator: "; "))
                },
                consistent: result.isConsistent, withheld: result.isWithheld)
        }
        let view = View(
            t: t.catalog, code: code, title: poll.title, status: poll.isClosed ? t.pollClosed : t.pollOpen,
            officials: poll.officials.enumerated().map { index, official in
                OfficialChoice(index: index, name: official.name, position: official.position,
                               answers: ConfidencePoll.Answer.allCases.map { Choice(value: $0.rawValue, label: t.answer($0), selected: false) })
            },
            mayVote: onRoll && !voted && !poll.isClosed, notOnRoll: !onRoll, hasVoted: voted, receipt: receipt, receiptCheck: receiptCheck,
            isClosed: poll.isClosed, isSecretary: access.isSecretary, tally: tally, csrf: context.session?.csrfToken ?? "",
            rollSize: roll.count)
        return services.renderer.page("poll", view, frame: Frame(context, title: poll.title), status: status)
    }

    @Sendable func ballot(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let poll = try await poll(context)
        var answers: [ConfidencePoll.Answer] = []
        for index in poll.officials.indices {
            guard let answer = form["official-\(index)"].flatMap(ConfidencePoll.Answer.init(rawValue:)) else {
                throw HTTPError(.badRequest, message: UIText.forLanguage(context.language).errorBallotIncomplete.replacingOccurrences(of: "{official}", with: poll.officials[index].name))
            }
            answers.append(answer)
        }
        let receipt = try await services.actions.castBallot(poll.code.rawValue, answers: answers, key: try services.options.requireBallotKey(), as: account, via: .page)
        return try await render(poll, context: context, receipt: receipt, receiptCheck: nil)
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await Form.checked(request, context: context)
        guard let account = context.account else { throw HTTPError(.unauthorized) }
        let poll = try await poll(context)
        try await services.actions.closePoll(poll.code.rawValue, key: try services.options.requireBallotKey(), as: account, via: .page)
        return .redirect(to: "/polls/\(poll.code)", type: .normal)
    }

    @Sendable func checkReceipt(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        let poll = try await poll(context)
        let t = UIText.forLanguage(context.language)
        let counted = try await services.store.isCounted(poll.code.rawValue, receipt: form["receipt"] ?? "")
        return try await render(poll, context: context, receipt: nil, receiptCheck: counted ? t.receiptCounted : t.receiptUnknown)
    }
}
