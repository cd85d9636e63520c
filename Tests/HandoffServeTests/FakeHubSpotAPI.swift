import Foundation
import Synchronization

/// HubSpot's CRM API as the hook uses it, on a loopback port (a `FakeEndpoint`):
/// `POST /crm/v3/objects/contacts/batch/read` answers the contacts it holds (200, or 207 with an error
/// for ids it lacks), or the failure a test sets (500, 429 with Retry-After, 401), or answers late.
final class FakeHubSpotAPI: Sendable {
    enum Mode: Sendable {
        case normal
        case status(Int)
        /// Answers normally, but only after this many seconds.
        case slow(Int)
    }

    struct Received: Sendable {
        var path: String
        var authorization: String?
        var body: String
    }

    /// What the test sets and the endpoint's script reads (a Mutex cannot be captured by itself).
    private final class Holding: Sendable {
        let state = Mutex<(mode: Mode, contacts: [String: [String: String]])>((.normal, [:]))
    }

    private let holding = Holding()
    private let endpoint: FakeEndpoint

    init() throws {
        let holding = holding
        endpoint = try FakeEndpoint { request, _ in
            let (mode, contacts) = holding.state.withLock { ($0.mode, $0.contacts) }
            return Self.respond(mode: mode, contacts: contacts, path: request.path, body: request.body)
        }
    }

    var port: Int { endpoint.port }
    var baseURL: String { endpoint.url }

    func set(_ mode: Mode) { holding.state.withLock { $0.mode = mode } }
    func add(contact id: String, _ properties: [String: String]) { holding.state.withLock { $0.contacts[id] = properties } }
    var received: [Received] {
        endpoint.requests.map { Received(path: $0.path, authorization: $0.headers["authorization"], body: $0.body) }
    }

    private static func respond(mode: Mode, contacts: [String: [String: String]], path: String, body: String) -> FakeEndpoint.Answer {
        let json = ["Content-Type": "application/json"]
        var delay = Duration.zero
        switch mode {
        case .status(429):
            return FakeEndpoint.Answer(status: 429, headers: json.merging(["Retry-After": "7"]) { $1 },
                                       body: #"{"status":"error","message":"You have reached your secondly limit.","category":"RATE_LIMITS"}"#)
        case .status(401):
            return FakeEndpoint.Answer(status: 401, headers: json,
                                       body: #"{"status":"error","message":"Authentication credentials not found.","category":"INVALID_AUTHENTICATION"}"#)
        case .status(let code):
            return FakeEndpoint.Answer(status: code, headers: json, body: #"{"status":"error","message":"internal error"}"#)
        case .slow(let seconds): delay = .seconds(seconds)
        case .normal: break
        }
        guard path == "/crm/v3/objects/contacts/batch/read",
              let request = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let inputs = request["inputs"] as? [[String: Any]] else {
            return FakeEndpoint.Answer(status: 400, headers: json, body: #"{"status":"error","message":"bad request"}"#, delay: delay)
        }
        let ids = inputs.compactMap { $0["id"] as? String }
        var results: [[String: Any]] = []
        var missing: [String] = []
        for id in ids {
            guard var properties = contacts[id] else { missing.append(id); continue }
            properties["hs_object_id"] = id
            results.append(["id": id, "properties": properties, "createdAt": "2026-11-24T14:29:58.000Z", "archived": false])
        }
        var answer: [String: Any] = ["status": "COMPLETE", "results": results]
        if !missing.isEmpty {
            answer["numErrors"] = 1
            answer["errors"] = [["status": "error", "category": "OBJECT_NOT_FOUND", "message": "Could not get some CONTACT objects",
                                 "context": ["ids": missing]]]
        }
        let text = String(decoding: (try? JSONSerialization.data(withJSONObject: answer)) ?? Data(), as: UTF8.self)
        return FakeEndpoint.Answer(status: missing.isEmpty ? 200 : 207, headers: json, body: text, delay: delay)
    }
}
