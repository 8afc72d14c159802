import Foundation
import Hummingbird
import StocktakeApp
import StocktakeCore
import StocktakeStore

/// The JSON API under `/api/v1`, described by `/api/openapi.json`. Records are written as in the `stocktake/1`
/// data-set file, so a client reads the API and the files alike. Writes follow the pages' rules.
struct APIController {
    let services: WebServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/session", use: signIn)
        group.delete("/session", use: signOut)
        group.get("/units", use: units)
        group.get("/units/{code}", use: unit)
        group.get("/indicators", use: indicators)
        group.get("/documents", use: documents)
        group.get("/targets", use: targets)
        group.get("/observations", use: observations)
        group.post("/observations", use: enter)
        group.get("/evaluations/{unit}", use: evaluation)
        group.get("/rankings/{indicator}", use: ranking)
        group.get("/ratings", use: ratingRound)
        group.post("/ratings", use: confirmRating)
        group.get("/awards", use: awardRounds)
        group.post("/awards", use: decideAward)
        group.get("/polls", use: polls)
        group.get("/polls/{code}", use: pollDetail)
        group.post("/polls/{code}/ballot", use: castBallot)
        group.post("/polls/{code}/close", use: closePoll)
        group.get("/conferences", use: conferences)
        group.get("/conferences/{code}", use: conference)
        group.post("/conferences/{code}/conclusions/{number}/task", use: conclusionTask)
        group.post("/review", use: importReview)
        group.post("/check", use: check)
        group.get("/approvals", use: submissions)
        group.post("/approvals", use: approve)
        group.get("/audit", use: audit)
    }

    struct Credentials: Decodable {
        let username: String
        let password: String
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let credentials: Credentials
        do { credentials = try await request.decode(as: Credentials.self, context: context) } catch {
            throw APIError(.badRequest, "invalid_body", "Expected a JSON object with username and password.")
        }
        let account: Account
        switch try await services.signIn.attempt(credentials.username, credentials.password, from: context.clientAddress) {
        case .signedIn(let signedIn): account = signedIn
        case .refused: throw APIError(.unauthorized, "invalid_credentials", "The user name or password is not right.")
        case .tooManyAttempts(let wait):
            throw APIError(.tooManyRequests, "too_many_attempts", "Too many failed attempts for this name or from this address; try again in \(wait) s.")
        case .busy: throw APIError(.serviceUnavailable, "busy", "The server is checking too many passwords at once; try again in a second.")
        }
        let session = try await services.store.startSession(for: account.username)
        return SessionAnswer(token: session.token, expiresAt: session.expiresAt.formatted(.iso8601), account: AccountAnswer(account)).response(status: .created)
    }

    /// `POST /session`: the bearer token and the account it acts as.
    struct SessionAnswer: Encodable {
        let token: String
        let expiresAt: String
        let account: AccountAnswer

        enum CodingKeys: String, CodingKey {
            case token, account
            case expiresAt = "expires_at"
        }
    }

    struct AccountAnswer: Encodable {
        let username, role, language: String
        let unit: String?

        init(_ account: Account) {
            username = account.username.rawValue
            role = account.role.rawValue
            language = account.language
            unit = account.unit?.rawValue
        }
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token = request.headers[.authorization].flatMap(SessionMiddleware.bearerToken) {
            try await services.store.endSession(token: token)
            services.sessions.forget(token)
        }
        return Response(status: .noContent)
    }

    /// The lists of records, each in the data-set file's form.
    struct UnitList: Encodable { let units: [JSONValue] }
    struct IndicatorList: Encodable { let indicators: [JSONValue] }
    struct DocumentList: Encodable { let documents: [JSONValue] }
    struct TargetList: Encodable { let targets: [JSONValue] }
    struct ObservationList: Encodable { let observations: [JSONValue] }

    @Sendable func units(_ request: Request, context: AppRequestContext) async throws -> Response {
        UnitList(units: try await services.store.units().map(DataSetJSON.json)).response()
    }

    @Sendable func unit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let units = try await services.store.units()
        guard let unit = units.first(where: { $0.code.rawValue == code }) else { throw APIError(.notFound, "unknown_unit", "No unit has the code '\(code)'.") }
        let children = units.filter { $0.parent == unit.code }.map(\.code.rawValue)
        return RecordWith(DataSetJSON.json(unit), "children", children).response()
    }

    @Sendable func indicators(_ request: Request, context: AppRequestContext) async throws -> Response {
        IndicatorList(indicators: try await services.store.indicators().map(DataSetJSON.json)).response()
    }

    @Sendable func documents(_ request: Request, context: AppRequestContext) async throws -> Response {
        DocumentList(documents: try await services.store.documents().map(DataSetJSON.json)).response()
    }

    @Sendable func targets(_ request: Request, context: AppRequestContext) async throws -> Response {
        let period = try Self.period(request, required: false)
        let targets = try await services.store.targets(periods: period.map { [$0] })
        return TargetList(targets: targets.map(DataSetJSON.json)).response()
    }

    @Sendable func observations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let unit = try query["unit"].map { text in
            guard let code = UnitCode(validating: String(text)) else { throw APIError(.badRequest, "invalid_parameter", "unit '\(text)': expected \(UnitCode.expectedForm)") }
            return code
        }
        let indicator = try query["indicator"].map { text in
            guard let code = IndicatorCode(validating: String(text)) else { throw APIError(.badRequest, "invalid_parameter", "indicator '\(text)': expected \(IndicatorCode.expectedForm)") }
            return code
        }
        guard unit != nil || indicator != nil else {
            throw APIError(.badRequest, "missing_parameter", "Give unit, indicator, or both: a whole year of a nation is an export, not an API answer.")
        }
        let period = try Self.period(request, required: false)
        let found = try await services.store.observations(periods: period.map { [$0] }, units: unit.map { [$0] }, indicators: indicator.map { [$0] })
        return ObservationList(observations: found.map(DataSetJSON.json)).response()
    }

    struct NewObservation: Decodable {
        let unit: String
        let indicator: String
        let period: String
        let value: String
        let denominator: String?
        let reason: String?
        let citation: String?
        let confirmation: String?
    }

    @Sendable func enter(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw APIError(.unauthorized, "unauthenticated", "Sign in first.") }
        let body: NewObservation
        do { body = try await request.decode(as: NewObservation.self, context: context) } catch {
            throw APIError(.badRequest, "invalid_body", "Expected a JSON object with unit, indicator, period and value (strings), and optionally denominator, reason and citation.")
        }
        let entry = FigureEntry(
            unit: body.unit, indicator: body.indicator, period: try Period.requested(body.period), value: body.value,
            denominator: body.denominator, reason: body.reason, citation: body.citation, confirmation: body.confirmation)
        do {
            let stored = try await services.actions.enterFigure(entry, as: account, via: .api)
            await services.versions.written()
            return DataSetJSON.json(stored).response(status: .created)
        } catch let problems as ImportProblems {
            throw APIError(.unprocessableContent, "invalid_observation", problems.description, details: problems.problems.map {
                ["field": $0.field, "value": $0.value, "expected": $0.expected]
            })
        }
    }

    @Sendable func evaluation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("unit")
        let period = try Self.period(request, required: true)!
        // Read from the store for this unit alone, as the dashboard is: no evaluation of the whole period.
        let asOf = DataVersions.today()
        guard let unitCode = UnitCode(validating: code), let review = try await services.store.unitReview(of: unitCode, period: period, asOf: asOf) else {
            throw APIError(.notFound, "unknown_unit", "No unit has the code '\(code)'.")
        }
        let findings = try await services.store.subtreeFindings(of: unitCode, period: period, asOf: asOf)
        return EvaluationJSON.unit(review, indicators: try await services.store.indicatorsByCode(), findings: findings, language: context.language)
            .response()
    }

    /// Ranked by the database over the maintained figures: no evaluation of the period is needed.
    @Sendable func ranking(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("indicator")
        let period = try Self.period(request, required: true)!
        guard let indicatorCode = IndicatorCode(validating: code),
            let indicator = try await services.store.indicators().first(where: { $0.code == indicatorCode })
        else {
            throw APIError(.notFound, "unknown_indicator", "No indicator has the code '\(code)'.")
        }
        let levelText = request.uri.queryParameters["level"].map(String.init) ?? "province"
        let ranking = try await services.store.ranking(of: indicator, period: period, level: Level(levelText))
        let rows = ranking.compactMap { ranked in
            ranked.figure.actual.map { actual in
                RankingAnswer.Row(
                    unit: ranked.unit.rawValue, position: ranked.rank.position, of: ranked.rank.of, actual: EvaluationJSON.figure(actual),
                    synthetic: ranked.figure.isSynthetic)
            }
        }
        return RankingAnswer(indicator: indicatorCode.rawValue, period: period.description, level: levelText, ranking: rows).response()
    }

    /// `GET /rankings/{indicator}`: the units of a level that have the figure, ranked by the database.
    struct RankingAnswer: Encodable {
        let indicator, period, level: String
        let ranking: [Row]

        struct Row: Encodable {
            let unit: String
            let position, of: Int
            let actual: JSONValue
            let synthetic: Bool
        }
    }

    static func period(_ request: Request, required: Bool) throws -> Period? {
        guard let text = request.uri.queryParameters["period"].map(String.init), !text.isEmpty else {
            if required { throw APIError(.badRequest, "missing_parameter", "period is required: \(Period.expectedForm)") }
            return nil
        }
        return try Period.requested(text)
    }
}
