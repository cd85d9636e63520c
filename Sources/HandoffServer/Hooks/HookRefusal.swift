import Hummingbird

/// Why a hook refused a request: the status, a code a program can test, what to do, and the limit at
/// fault when there is one. HubSpot's hook answers it as JSON, Salesforce's as a SOAP fault.
struct HookRefusal: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var limit: String?
    var headers: HTTPFields = [:]

    var json: Response { JSONAnswer.error(status, code: code, message, limit: limit, headers: headers) }

    /// The request's body within the server's size and time limits, as POST /v1/leads reads it.
    static func body(of request: Request, settings: ServerSettings) async -> Result<[UInt8], HookRefusal> {
        let tooLarge = HookRefusal(status: .contentTooLarge, code: "body_too_large",
                                   message: "the body is larger than \(settings.maxBody) bytes (--max-body)", limit: "max-body",
                                   headers: [.connection: "close"])
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > settings.maxBody { return .failure(tooLarge) }
        switch await BodyReader.collect(request, limit: settings.maxBody, timeout: settings.requestTimeout) {
        case .body(let buffer): return .success(Array(buffer.readableBytesView))
        case .tooLarge: return .failure(tooLarge)
        case .timedOut:
            return .failure(HookRefusal(status: .requestTimeout, code: "request_timeout",
                                        message: "the body did not arrive within \(LeadsEndpoint.seconds(settings.requestTimeout)) s (--request-timeout)",
                                        limit: "request-timeout", headers: [.connection: "close"]))
        case .failed(let message):
            return .failure(HookRefusal(status: .badRequest, code: "body_unreadable", message: "could not read the body: \(message)"))
        }
    }
}
