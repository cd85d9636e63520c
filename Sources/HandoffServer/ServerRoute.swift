import Hummingbird

/// One route the server answers. The server's list of them is the one place routes are declared:
/// the router registers them from it, the token check reads each one's scope, `/metrics` labels
/// requests by its paths, and the tests compare it with the OpenAPI document both ways.
struct ServerRoute: Sendable {
    var method: HTTPRequest.Method
    var path: String
    /// The scope a token needs; nil for a route without a token (`/healthz`, `/openapi.json`; the CRM hooks, whose senders prove themselves).
    var scope: TokenScope?
    var handle: @Sendable (Request) async -> Response

    init(_ method: HTTPRequest.Method, _ path: String, scope: TokenScope?, _ handle: @escaping @Sendable (Request) async -> Response) {
        self.method = method
        self.path = path
        self.scope = scope
        self.handle = handle
    }

    /// `GET /healthz`, as the 404 answer lists routes.
    var name: String { "\(method.rawValue) \(path)" }
}
