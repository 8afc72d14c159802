import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeReports
import StocktakeStore

/// The summary report of a unit's year, in any of its six languages and three formats, from the stored data:
/// HTML opens in the browser, Markdown and DOCX download.
struct ReportController {
    let services: WebServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/reports", use: report)
    }

    /// The links to every language and format of a unit's report, for the pages that offer it.
    struct Links {
        let label: String
        let approvedLabel: String
        let languages: [Language]

        struct Language {
            let name: String
            let formats: [Format]
            /// The report of approved figures only, as HTML.
            let approvedHref: String
        }

        struct Format {
            let name: String
            let href: String
        }

        init(unit: UnitCode, period: Period, t: UIText) {
            label = t.summaryReport
            approvedLabel = t.approvedFiguresOnly
            languages = ReportLanguage.allCases.map { language in
                Language(
                    name: Locale(identifier: language.rawValue).localizedString(forLanguageCode: language.rawValue) ?? language.rawValue,
                    formats: ["html", "md", "docx"].map { format in
                        Format(name: format.uppercased(), href: "/reports?unit=\(unit)&period=\(period)&lang=\(language.rawValue)&format=\(format)")
                    },
                    approvedHref: "/reports?unit=\(unit)&period=\(period)&lang=\(language.rawValue)&format=html&figures=approved")
            }
        }
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let period = try Period.requested(query["period"].map(String.init) ?? "")
        guard let language = query["lang"].flatMap({ ReportLanguage(rawValue: String($0)) }) else {
            throw HTTPError(.badRequest, message: "lang '\(query["lang"] ?? "")': expected one of \(ReportLanguage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let format = query["format"].map(String.init) ?? "html"
        guard ["html", "md", "docx"].contains(format) else { throw HTTPError(.badRequest, message: "format '\(format)': expected html, md or docx") }
        let unit = query["unit"].map(String.init) ?? ""
        let figures = query["figures"].map(String.init) ?? "all"
        guard ["all", "approved"].contains(figures) else { throw HTTPError(.badRequest, message: "figures '\(figures)': expected all or approved") }
        let report: Report
        do {
            guard let account = context.account else { throw HTTPError(.unauthorized) }
            let input = try await services.actions.reportInput(
                unit: unit, period: period, asOf: DataVersions.today(), reader: .account(account), approvedOnly: figures == "approved")
            report = try ReportBuilder.build(input, language: language, latinDigits: query["digits"] == "latin")
        } catch let error as ReportInput.InputError {
            throw HTTPError(.notFound, message: error.description)
        }
        let name = "stocktake-\(report.unit)-\(report.period)-\(language.rawValue)\(figures == "approved" ? "-approved" : "")"
        switch format {
        case "md":
            return Download.file(Data(MarkdownReport.render(report).utf8), type: "text/markdown; charset=utf-8", name: "\(name).md")
        case "docx":
            return Download.file(try DOCXReport.render(report), type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name: "\(name).docx")
        default:
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: HTMLReport.render(report))))
        }
    }
}
