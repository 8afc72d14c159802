import Foundation
import Hummingbird
import Logging
import StocktakeApp
import StocktakeStore

/// What the server needs to start; the `serve` and `demo` commands provide it.
public protocol AppArguments: Sendable {
    var hostname: String { get }
    var port: Int { get }
    var logLevel: Logger.Level { get }
}

/// The server: the router over `store`, listening where `arguments` say.
/// `onServerRunning` is told the port the server listens on (useful with port 0, which picks a free one).
public func buildApplication(
    _ arguments: some AppArguments, store: Store, options: WebOptions = WebOptions(),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "stocktake.web")
    logger.logLevel = arguments.logLevel
    let router = try await buildRouter(store: store, options: options)
    return Application(
        router: router, server: .limited(requestTimeout: options.requestTimeout, maxConnections: options.maxConnections),
        configuration: .init(address: .hostname(arguments.hostname, port: arguments.port), serverName: "Stocktake"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? arguments.port) },
        logger: logger)
}

/// The server's limits and settings; `serve` and `demo` set them from their options, tests change them.
public struct WebOptions: Sendable {
    /// Failed sign-ins allowed per name within 15 minutes before further attempts on it are refused.
    public var loginAttempts: Int
    /// Failed sign-ins allowed from one address within 15 minutes, whatever the names.
    public var loginAttemptsPerAddress: Int
    /// Whether cookies carry `Secure` (the site is served over HTTPS, perhaps behind a proxy).
    public var secureCookies: Bool
    /// How long a connection may go without sending a complete request (a half-sent header, or an idle
    /// keep-alive) before it is closed.
    public var requestTimeout: Duration
    /// Open connections beyond which new ones are answered 503 and closed.
    public var maxConnections: Int
    /// The key that seals ballots while a vote is open; without one, votes can be read but not opened, cast or
    /// closed.
    public var ballotKey: BallotKey?
    /// How many figure checks run at once and how many may wait (``CheckGate``).
    public var checks: CheckGate

    public static let defaultRequestTimeout = Duration.seconds(10)
    public static let defaultMaxConnections = 1000

    public init(
        loginAttempts: Int = 5, loginAttemptsPerAddress: Int = 30, secureCookies: Bool = false,
        requestTimeout: Duration = WebOptions.defaultRequestTimeout, maxConnections: Int = WebOptions.defaultMaxConnections,
        ballotKey: BallotKey? = nil, checks: CheckGate = CheckGate()
    ) {
        self.loginAttempts = loginAttempts
        self.loginAttemptsPerAddress = loginAttemptsPerAddress
        self.secureCookies = secureCookies
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
        self.ballotKey = ballotKey
        self.checks = checks
    }

    /// The ballot key, or a clear refusal when the server was started without one.
    func requireBallotKey() throws -> BallotKey {
        guard let ballotKey else {
            throw HTTPError(.serviceUnavailable, message: "This server was started without a ballot key (--ballot-key-file or STOCKTAKE_BALLOT_KEY_FILE): votes cannot be opened, cast or closed.")
        }
        return ballotKey
    }
}

/// Everything the controllers share.
struct WebServices: Sendable {
    let store: Store
    let versions: DataVersions
    let renderer: Renderer
    let pages = PageCache()
    let definitions = DefinitionCache()
    let sessions = SessionCache()
    let signIn: SignIn
    let options: WebOptions

    /// The review's actions, which every write of the pages and the API goes through.
    var actions: Actions { Actions(store: store) }
}

/// The routes: public ones (sign-in, health, metrics, the API description, the style sheet), the pages for
/// signed-in people, and the JSON API.
public func buildRouter(store: Store, options: WebOptions = WebOptions()) async throws -> Router<AppRequestContext> {
    // The metrics backend is bootstrapped once, before the first request records anything.
    _ = PrometheusMetrics.registry
    let services = WebServices(
        store: store, versions: DataVersions(store: store), renderer: try await Renderer.load(),
        signIn: SignIn(
            store: store, throttle: LoginThrottle(.init(perName: options.loginAttempts, perAddress: options.loginAttemptsPerAddress)),
            checks: PasswordChecks()),
        options: options)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: APIErrorMiddleware())
    router.add(middleware: SessionMiddleware(store: store, sessions: services.sessions))
    try SystemController().addRoutes(to: router)
    AuthController(services: services).addRoutes(to: router)
    let pages = router.group().add(middleware: PageMiddleware(services: services))
    DashboardController(services: services).addRoutes(to: pages)
    UnitController(services: services).addRoutes(to: pages)
    IndicatorController(services: services).addRoutes(to: pages)
    DocumentController(services: services).addRoutes(to: pages)
    EntryController(services: services).addRoutes(to: pages)
    EntryGridController(services: services).addRoutes(to: pages)
    CompletenessController(services: services).addRoutes(to: pages)
    ImportController(services: services).addRoutes(to: pages)
    AuditController(services: services).addRoutes(to: pages)
    PollController(services: services).addRoutes(to: pages)
    RatingController(services: services).addRoutes(to: pages)
    AwardController(services: services).addRoutes(to: pages)
    ConferenceController(services: services).addRoutes(to: pages)
    ReportController(services: services).addRoutes(to: pages)
    CheckController(services: services).addRoutes(to: pages)
    APIController(services: services).addRoutes(to: router.group("api/v1").add(middleware: APIMiddleware()))
    return router
}
