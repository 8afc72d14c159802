import Foundation
import Hummingbird
import StocktakeCore
import StocktakeReports
import StocktakeStore

/// The figure check as a page: a pasted or uploaded text comes back with each finding marked where it is and
/// listed below. Any signed-in account may check a text; comparing with the store reads the figures that the
/// unit's summary report prints to every signed-in account.
struct CheckController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/check", use: page)
        router.post("/check", use: check)
    }

    struct View {
        let t: [String: String]
        let csrf: String
        let text: String
        let languages: [Choice]
        let unitCode: String
        let periodText: String
        let all: Bool
        let checked: Checked?
    }

    struct Choice {
        let code: String
        let name: String
        let selected: Bool
    }

    struct Checked {
        let summary: String
        let language: String
        let dir: String
        let highlighted: String
        let hasFindings: Bool
        let rows: [Row]
    }

    struct Row {
        let number: Int
        let kind: String
        let quote: String
        let claim: String
        let expected: String
        let confidence: String
        let position: String
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.account != nil else { throw HTTPError(.unauthorized) }
        return render(context, text: "", language: nil, unit: "", period: "", all: false, result: nil, status: .ok)
    }

    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Form.checked(request, context: context)
        guard context.account != nil else { throw HTTPError(.unauthorized) }
        let chosen = form.fields["lang"].flatMap(ReportLanguage.init(rawValue:))
        let unit = form.fields["unit"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let period = form.fields["period"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let all = form.fields["all"] == "on"
        let submitted: (data: Data, name: String, format: CheckedText.Format)
        if let file = form.files["file"], !file.content.isEmpty {
            submitted = (file.content, file.filename, .of(name: file.filename, data: file.content))
        } else {
            submitted = (Data((form.fields["text"] ?? "").utf8), "the pasted text", .text)
        }
        let stored = try await FigureChecks.stored(unit: unit, period: period, store: services.store)
        let checked: (text: String, result: CheckResult)
        do {
            checked = try await FigureChecks.run(submitted.data, name: submitted.name, format: submitted.format, language: chosen, stored: stored,
                                              minimum: .listed(all: all), gate: services.options.checks)
        } catch let error as CheckedText.ReadError {
            throw HTTPError(FigureChecks.status(of: error), message: error.description)
        } catch let busy as CheckGate.Busy {
            let t = UIText.forLanguage(context.language)
            var response = services.renderer.page(
                "error", ErrorView(status: 503, message: t.checkBusy), frame: Frame(context, title: HTTPResponse.Status.serviceUnavailable.reasonPhrase),
                status: .serviceUnavailable)
            response.headers[.retryAfter] = "\(busy.retryAfter)"
            return response
        }
        guard !checked.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw HTTPError(.badRequest, message: UIText.forLanguage(context.language).errorNoText) }
        return render(context, text: checked.text, language: chosen, unit: unit, period: period, all: all, result: checked.result, status: .ok)
    }

    private func render(_ context: AppRequestContext, text: String, language: ReportLanguage?, unit: String, period: String, all: Bool,
                        result: CheckResult?, status: HTTPResponse.Status) -> Response {
        let t = UIText.forLanguage(context.language)
        let names = Locale(identifier: context.language)
        let languages = [Choice(code: "auto", name: t.checkDetect, selected: language == nil)] + ReportLanguage.allCases.map {
            Choice(code: $0.rawValue, name: names.localizedString(forLanguageCode: $0.rawValue) ?? $0.rawValue, selected: $0 == language)
        }
        let checked = result.map { result in
            Checked(
                summary: (result.findings.isEmpty ? "\(t.checkClean)" : "\(t.checkFindings): \(result.findings.count + result.unlisted)") + " — \(result.figures) \(t.figuresRead)"
                    + (result.unlisted > 0 ? " — \(t.checkUnlisted): \(result.unlisted)" : ""),
                language: result.language.rawValue, dir: result.language.isRightToLeft ? "rtl" : "ltr",
                highlighted: Self.highlighted(text, result.findings), hasFindings: !result.findings.isEmpty,
                rows: result.findings.enumerated().map { index, finding in
                    Row(number: index + 1, kind: t.kindName(finding.kind), quote: finding.quote, claim: finding.claim,
                        expected: finding.expected, confidence: t.confidenceName(finding.confidence), position: "\(finding.line):\(finding.column)")
                })
        }
        return services.renderer.page(
            "check", View(t: t.catalog, csrf: context.session?.csrfToken ?? "", text: text, languages: languages,
                          unitCode: unit, periodText: period, all: all, checked: checked),
            frame: Frame(context, title: t.figureCheck), status: status)
    }

    /// The text as HTML with each finding's span marked and numbered; a finding inside an earlier one's span is
    /// listed but not marked twice.
    static func highlighted(_ text: String, _ findings: [FigureFinding]) -> String {
        let scalars = Array(text.unicodeScalars)
        func piece(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return Escape.html(String(view))
        }
        var html = "", position = 0
        for (index, finding) in findings.enumerated() where finding.start >= position && finding.end <= scalars.count {
            html += piece(position..<finding.start)
            html += "<mark id=\"f\(index + 1)\" title=\"\(Escape.html(finding.expected))\">\(piece(finding.start..<finding.end))<sup>\(index + 1)</sup></mark>"
            position = finding.end
        }
        return html + piece(position..<scalars.count)
    }
}
