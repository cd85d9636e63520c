import Foundation
import Testing

/// Every example in the OpenAPI document the server serves, sent to the real server: the status that
/// comes back must be one the document lists for that operation.
@Suite(.serialized)
struct OpenAPIExamplesTests {
    struct Call {
        var name: String
        var method: String
        var path: String
        var headers: [String: String]
        var body: Data?
        var statuses: Set<String>
        var streams: Bool
    }

    /// One call per request body example (or one without a body), with the parameters' examples.
    static func calls(_ document: [String: Any]) throws -> [Call] {
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var calls: [Call] = []
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            for (method, value) in item.sorted(by: { $0.key < $1.key }) {
                let operation = try #require(value as? [String: Any])
                let statuses = Set((operation["responses"] as? [String: Any])?.keys.map { $0 } ?? [])
                var query: [String] = []
                var headers: [String: String] = [:]
                for parameter in operation["parameters"] as? [[String: Any]] ?? [] {
                    guard let name = parameter["name"] as? String, let example = parameter["example"] else { continue }
                    let text = "\(example)"
                    if parameter["in"] as? String == "query" { query.append("\(name)=\(text)") } else { headers[name] = text }
                }
                let security = operation["security"] as? [[String: Any]] ?? []
                if security.contains(where: { $0["bearerToken"] != nil }) { headers["Authorization"] = "Bearer \(ServeProcess.token)" }
                let target = path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
                let responses = operation["responses"] as? [String: [String: Any]] ?? [:]
                let streams = (responses["200"]?["content"] as? [String: Any])?["text/event-stream"] != nil
                let name = "\(method.uppercased()) \(path)"
                let contents = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: [String: Any]]) ?? [:]
                if contents.isEmpty {
                    calls.append(Call(name: name, method: method.uppercased(), path: target, headers: headers, body: nil, statuses: statuses, streams: streams))
                }
                for (type, content) in contents.sorted(by: { $0.key < $1.key }) {
                    for (_, example) in (content["examples"] as? [String: [String: Any]] ?? [:]).sorted(by: { $0.key < $1.key }) {
                        let value = try #require(example["value"])
                        let body = try value as? String ?? String(decoding: JSONSerialization.data(withJSONObject: value), as: UTF8.self)
                        var withType = headers
                        withType["Content-Type"] = type
                        calls.append(Call(name: name, method: method.uppercased(), path: target, headers: withType, body: Data(body.utf8),
                                          statuses: statuses, streams: streams))
                    }
                }
            }
        }
        return calls
    }

    @Test func everyDocumentedExampleGetsAStatusTheDocumentLists() throws {
        let serve = try ServeProcess()
        try serve.start()
        let served = try serve.client.get("/openapi.json")
        #expect(served.status == 200)
        let calls = try Self.calls(try served.json())
        #expect(calls.count >= 10)
        // Leads first, so the feed's examples find entries and answer at once.
        for call in calls.sorted(by: { ($0.method == "POST" ? 0 : 1, $0.name) < ($1.method == "POST" ? 0 : 1, $1.name) }) {
            let status: Int
            if call.streams {
                status = try EventStreamReader(port: serve.port, path: call.path, headers: call.headers).status
            } else {
                let answer = try serve.client.send(call.method, call.path, headers: call.headers, body: call.body)
                status = answer.status
                #expect(!(answer.status == 400 && call.body != nil), "\(call.name): its example was refused: \(answer.text)")
            }
            #expect(call.statuses.contains(String(status)), "\(call.name) \(call.path) answered \(status), not one of \(call.statuses.sorted())")
        }
        #expect(try serve.stop() == 0)
    }
}
