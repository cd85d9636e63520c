import Foundation
import HandoffDesk
import HandoffStore
import Hummingbird
import Logging
import Synchronization

/// `handoff serve`: the routing core and the HTTP API in one process. Threads: NIO's event loops speak
/// HTTP; handlers run in the Swift concurrency pool and never touch the store; the intake writer
/// thread stores leads (group commit); the routing thread drains the queue, runs the SLA timer and
/// reloads the rulebook; the store's upkeep (for SQLite, a thread copying the WAL into the database ahead of the commits).
public final class LiveServer: Sendable {
    private let desk: Desk
    private let settings: ServerSettings
    private let metrics = ServerMetrics()
    private let routing: RoutingLoop
    private let writer: IntakeWriter
    private let feed: EventFeed
    private let status = Mutex<IntakeStatusWriter?>(nil)
    private let upkeep = Mutex<(any StoreUpkeep)?>(nil)
    private let log: @Sendable (String) -> Void
    /// Webhooks and CRM write-backs, when a handback configuration is given.
    private let deliverer: Deliverer?

    public init(desk: Desk, rules: RulebookSource?, settings: ServerSettings, handback: Handback? = nil, log: @escaping @Sendable (String) -> Void) {
        self.desk = desk
        self.settings = settings
        self.log = log
        let feed = EventFeed(store: desk.store, log: log)
        self.feed = feed
        // One lease for the routing loop and the deliverer: a second handle in this process would be refused it.
        let turn = RoutingTurn(store: desk.store)
        let routing = RoutingLoop(desk: desk, rules: rules, metrics: metrics, log: log, routed: { feed.poke() }, turn: turn)
        self.routing = routing
        writer = IntakeWriter(desk: desk, metrics: metrics, waiters: routing.waiters, committed: { routing.taken($0) },
                              decided: { routing.decidedAtIntake($0) }, queueEmpty: { routing.queueEmpty })
        // Every other commit this server's desk makes (intake, the SLA timer) wakes the feed's followers too.
        desk.onChange { _ in feed.poke() }
        deliverer = Deliverer.make(desk: desk, handback: handback, metrics: metrics, turn: turn, log: log)
    }

    /// Gives the handback's targets their place in the log before any lead is taken in. Synchronous:
    /// call it before `run`, off the concurrency pool.
    public func prepare() throws {
        try deliverer?.prepare()
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight. `listening` is told the
    /// address once the socket is bound. Call `finish()` afterwards, off the concurrency pool.
    public func run(listening: @escaping @Sendable (String) -> Void) async throws {
        routing.start()
        writer.start()
        feed.start()
        deliverer?.start()
        upkeep.withLock { $0 = desk.store.startUpkeep(log: log) }
        var logger = Logger(label: "handoff.serve")
        logger.logLevel = .error
        let app = Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(settings.listen.host, port: settings.listen.port), serverName: "handoff"),
            onServerRunning: { channel in
                let address = channel.localAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "\(self.settings.listen)"
                self.startStatus(listening: address)
                listening(address)
            },
            logger: logger
        )
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// Stores what is still queued, then stops routing. It blocks until both threads are done: call it
    /// from a thread of the caller's, never from the concurrency pool.
    public func finish() {
        writer.stop()
        routing.stop()
        upkeep.withLock { $0.take() }?.stop()
        deliverer?.stop()
        feed.finish()
        status.withLock { $0.take() }?.stop()
    }

    /// The intake figures beside the database, for a console in another process.
    private func startStatus(listening address: String) {
        guard let path = desk.intakeStatusPath else { return }
        let writer = IntakeStatusWriter(path: path, rates: metrics.intake, listen: address, log: log)
        status.withLock { $0 = writer }
        writer.start()
    }

    /// Every route, declared once: registered by `makeRouter`, documented in docs/openapi.json.
    func routeTable() -> [ServerRoute] {
        let leads = LeadsEndpoint(settings: settings, writer: writer, routing: routing, metrics: metrics, clock: desk.clock)
        let events = EventsEndpoint(feed: feed, heartbeat: settings.feedHeartbeat)
        return [
            ServerRoute(.post, "/v1/leads", scope: .intake) { await leads.handle($0) },
            ServerRoute(.get, "/v1/events", scope: .read) { await events.poll($0) },
            ServerRoute(.get, "/v1/events/stream", scope: .read) { await events.stream($0) },
            ServerRoute(.get, "/healthz", scope: nil) { [routing] _ in HealthAnswer.response(routing.core) },
            ServerRoute(.get, "/metrics", scope: .read) { [metrics] _ in
                Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                         body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.text())))
            },
            ServerRoute(.get, "/openapi.json", scope: nil) { _ in OpenAPIDocument.response() },
        ] + HookRoutes.routes(settings: settings, writer: writer, metrics: metrics, clock: desk.clock, log: log)
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let access = AccessCheck(tokens: settings.tokens)
        let table = routeTable()
        router.add(middleware: CountingMiddleware(metrics: metrics, routes: table))
        for route in table {
            router.on(RouterPath(route.path), method: route.method) { request, _ -> Response in
                if let scope = route.scope, let refusal = access.refusal(request, needs: scope) { return refusal }
                return await route.handle(request)
            }
        }
        return router
    }

    /// The routes the router really has, as `METHOD /path`: what the OpenAPI document must describe.
    public var registeredRoutes: [String] {
        makeRouter().routes.map { "\($0.method.rawValue) \($0.path)" }.sorted()
    }
}

/// GET /healthz: the routing core's state. 200 while it routes (even behind), 503 once stopped.
enum HealthAnswer {
    struct Body: Encodable {
        var status: String
        var queued: Int?
        var detail: String?
    }

    static func response(_ core: CoreState) -> Response {
        switch core {
        case .routing: JSONAnswer.response(.ok, Body(status: core.name))
        case .behind(let queued): JSONAnswer.response(.ok, Body(status: core.name, queued: queued))
        case .stopped(let why): JSONAnswer.response(.serviceUnavailable, Body(status: core.name, detail: why))
        case .standingBy(let holder): JSONAnswer.response(.ok, Body(status: core.name, detail: holder.map { "the routing core is held by \($0)" }))
        }
    }
}

/// Counts every request by route and status, the refused and the unknown ones too.
struct CountingMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: ServerMetrics
    let paths: Set<String>
    let names: String

    init(metrics: ServerMetrics, routes: [ServerRoute]) {
        self.metrics = metrics
        paths = Set(routes.map(\.path))
        names = routes.map(\.name).joined(separator: ", ")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let route = paths.contains(request.uri.path) ? request.uri.path : "other"
        let intake = IntakeRates.isIntake(request.uri.path)
        func count(_ status: Int) {
            metrics.request(route: route, status: status)
            if intake { metrics.intake.request(status: status) }
        }
        do {
            let response = try await next(request, context)
            count(Int(response.status.code))
            return response
        } catch let error as HTTPError {
            count(Int(error.status.code))
            if error.status == .notFound {
                return JSONAnswer.error(.notFound, code: "no_such_route", "no route \(request.method) \(request.uri.path); routes: \(names)")
            }
            throw error
        } catch {
            count(500)
            throw error
        }
    }
}
