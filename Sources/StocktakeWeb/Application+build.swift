import Foundation
import Hummingbird
import Logging
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
        router: router, configuration: .init(address: .hostname(arguments.hostname, port: arguments.port), serverName: "Stocktake"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? arguments.port) },
        logger: logger)
}

/// Settings that tests and benchmarks change.
public struct WebOptions: Sendable {
    /// Failed sign-ins allowed per name within the window before further attempts are refused.
    public var loginAttempts: Int
    /// How many figure checks run at once and how many may wait (``CheckGate``).
    public var checks: CheckGate

    public init(loginAttempts: Int = 5, checks: CheckGate = CheckGate()) {
        self.loginAttempts = loginAttempts
        self.checks = checks
    }
}

/// Everything the controllers share.
struct WebServices: Sendable {
    let store: Store
    let reviews: Reviews
    let renderer: Renderer
    let pages = PageCache()
    let sessions = SessionCache()
    let throttle: LoginThrottle
    let options: WebOptions
}

/// The routes: public ones (sign-in, health, metrics, the API description, the style sheet), the pages for
/// signed-in people, and the JSON API.
public func buildRouter(store: Store, options: WebOptions = WebOptions()) async throws -> Router<AppRequestContext> {
    let metrics = PrometheusMetrics.shared
    let services = WebServices(
        store: store, reviews: Reviews(store: store), renderer: try await Renderer.load(),
        throttle: LoginThrottle(limit: options.loginAttempts), options: options)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: APIErrorMiddleware())
    router.add(middleware: SessionMiddleware(store: store, sessions: services.sessions))
    try SystemController(metrics: metrics).addRoutes(to: router)
    AuthController(services: services).addRoutes(to: router)
    let pages = router.group().add(middleware: PageMiddleware(services: services))
    DashboardController(services: services).addRoutes(to: pages)
    UnitController(services: services).addRoutes(to: pages)
    IndicatorController(services: services).addRoutes(to: pages)
    DocumentController(services: services).addRoutes(to: pages)
    EntryController(services: services).addRoutes(to: pages)
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
