import Hummingbird
import StocktakeCore
import StocktakeStore

/// The context of one request: Hummingbird's core, plus who is signed in (set by ``SessionMiddleware``) and the
/// language the pages speak.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in session, from the session cookie or an API bearer token.
    public var session: SessionRecord?
    /// Whether the session came as a bearer token (API clients), which browsers never send on their own, so
    /// such requests need no CSRF token.
    public var viaBearerToken = false
    public var language = UIText.defaultLanguage
    /// The path asked for, which the menu marks as the current page.
    public var path = "/"
    /// The address the connection comes from (without its port), which the sign-in throttle counts by.
    public let clientAddress: String

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    public var account: Account? { session?.account }

    /// Uploads (an import file) may be larger than Hummingbird's 2 MiB default.
    public var maxUploadSize: Int { 32 * 1024 * 1024 }
}
