import Foundation
import HandoffDesk
import Hummingbird
import Logging

/// `handoff serve`: the routing core and the HTTP API in one process. Threads: NIO's event loops speak
/// HTTP; handlers run in the Swift concurrency pool and never touch the store; the intake writer
/// thread stores leads (group commit); the routing thread drains the queue, runs the SLA timer and
/// reloads the rulebook; the checkpoint thread copies the WAL into the database ahead of the commits.
public final class LiveServer: Sendable {
    private let desk: Desk
    private let settings: ServerSettings
    private let metrics = ServerMetrics()
    private let routing: RoutingLoop
    private let writer: IntakeWriter
    private let checkpoints: WALCheckpoints?
    private let log: @Sendable (String) -> Void

    public init(desk: Desk, rules: RulebookSource?, settings: ServerSettings, log: @escaping @Sendable (String) -> Void) {
        self.desk = desk
        self.settings = settings
        self.log = log
        let routing = RoutingLoop(desk: desk, rules: rules, metrics: metrics, log: log)
        self.routing = routing
        writer = IntakeWriter(desk: desk, metrics: metrics, waiters: routing.waiters, committed: { routing.taken($0) })
        checkpoints = WALCheckpoints(store: desk.store, log: log)
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight. `listening` is told the
    /// address once the socket is bound. Call `finish()` afterwards, off the concurrency pool.
    public func run(listening: @escaping @Sendable (String) -> Void) async throws {
        routing.start()
        writer.start()
        checkpoints?.start()
        var logger = Logger(label: "handoff.serve")
        logger.logLevel = .error
        let app = Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(settings.listen.host, port: settings.listen.port), serverName: "handoff"),
            onServerRunning: { channel in
                let address = channel.localAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "\(self.settings.listen)"
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
        checkpoints?.stop()
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let access = AccessCheck(tokens: settings.tokens)
        router.add(middleware: CountingMiddleware(metrics: metrics))
        let leads = LeadsEndpoint(settings: settings, writer: writer, routing: routing, metrics: metrics, clock: desk.clock)
        router.post("/v1/leads") { request, _ -> Response in
            if let refusal = access.refusal(request, needs: .intake) { return refusal }
            return await leads.handle(request)
        }
        router.get("/healthz") { [routing] _, _ -> Response in
            HealthAnswer.response(routing.core)
        }
        router.get("/metrics") { [metrics] request, _ -> Response in
            if let refusal = access.refusal(request, needs: .read) { return refusal }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.text())))
        }
        return router
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
        }
    }
}

/// Counts every request by route and status, the refused and the unknown ones too.
struct CountingMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: ServerMetrics

    static let routes: Set<String> = ["/v1/leads", "/healthz", "/metrics"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let route = Self.routes.contains(request.uri.path) ? request.uri.path : "other"
        do {
            let response = try await next(request, context)
            metrics.request(route: route, status: Int(response.status.code))
            return response
        } catch let error as HTTPError {
            metrics.request(route: route, status: Int(error.status.code))
            if error.status == .notFound {
                return JSONAnswer.error(.notFound, code: "no_such_route", "no route \(request.method) \(request.uri.path); routes: POST /v1/leads, GET /healthz, GET /metrics")
            }
            throw error
        } catch {
            metrics.request(route: route, status: 500)
            throw error
        }
    }
}
