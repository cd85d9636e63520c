import Hummingbird
import Logging

/// `POST /v1/leads` with no product behind it: the body is read whole (up to 1 MiB, as serve's default
/// limit) and answered 202 with a small JSON body. What Hummingbird alone costs a request on this
/// machine: the ceiling serve's single-lead requests are measured against.
///     BareEndpoint [PORT]
let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 18430
let answer = ByteBuffer(string: #"{"leads":[{"id":"01JBARE0000000000000000000","index":0}],"rejected":[]}"# + "\n")

let router = Router()
router.post("/v1/leads") { request, _ -> Response in
    var request = request
    _ = try await request.collectBody(upTo: 1 << 20)
    return Response(status: .accepted, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: answer))
}
router.get("/healthz") { _, _ -> Response in
    Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"routing"}"# + "\n")))
}
var logger = Logger(label: "bare")
logger.logLevel = .error
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "bare"), logger: logger)
try await app.runService()
