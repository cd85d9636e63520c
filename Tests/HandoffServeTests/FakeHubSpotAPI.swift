import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// HubSpot's CRM API as the hook uses it, on a loopback port: `POST /crm/v3/objects/contacts/batch/read`
/// answers the contacts it holds (200, or 207 with an error for ids it lacks), or the failure a test
/// sets (500, 429 with Retry-After, 401). One thread of its own accepts and answers, with blocking
/// sockets, so it answers however busy the test's concurrency pool is.
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

    let port: Int
    private let listener: Int32
    private let state = Mutex<(mode: Mode, contacts: [String: [String: String]], received: [Received], stopped: Bool)>((.normal, [:], [], false))

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 16) == 0 else {
            close(fd)
            throw HTTPClient.Failure("the fake HubSpot API could not listen: errno \(errno)")
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve() }
        thread.name = "fake-hubspot-api"
        thread.start()
    }

    deinit { stop() }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func set(_ mode: Mode) { state.withLock { $0.mode = mode } }
    func add(contact id: String, _ properties: [String: String]) { state.withLock { $0.contacts[id] = properties } }
    var received: [Received] { state.withLock { $0.received } }

    func stop() {
        let first = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return !state.stopped
        }
        if first { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }
    }

    private func serve() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if state.withLock({ $0.stopped }) { return }
                continue
            }
            answer(client)
            close(client)
        }
    }

    private func answer(_ fd: Int32) {
        var limit = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var headEnd: Int?
        var contentLength = 0
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { return }
            data += buffer[0..<n]
            if headEnd == nil, let end = find(Array("\r\n\r\n".utf8), in: data) {
                headEnd = end + 4
                let head = String(decoding: data[0..<end], as: UTF8.self).lowercased()
                for line in head.components(separatedBy: "\r\n") where line.hasPrefix("content-length:") {
                    contentLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headEnd, data.count >= headEnd + contentLength { break }
        }
        let bodyStart = headEnd ?? data.count
        let head = String(decoding: data[0..<bodyStart], as: UTF8.self).components(separatedBy: "\r\n")
        let path = head[0].split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let authorization = head.first { $0.lowercased().hasPrefix("authorization:") }.map { String($0.dropFirst("authorization:".count)).trimmingCharacters(in: .whitespaces) }
        let body = String(decoding: data[bodyStart...], as: UTF8.self)
        let (mode, contacts) = state.withLock { state in
            state.received.append(Received(path: path, authorization: authorization, body: body))
            return (state.mode, state.contacts)
        }
        let (status, headers, text) = respond(mode: mode, contacts: contacts, path: path, body: body)
        var reply = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Status")\r\nContent-Type: application/json\r\nContent-Length: \(text.utf8.count)\r\nConnection: close\r\n"
        for (name, value) in headers { reply += "\(name): \(value)\r\n" }
        reply += "\r\n" + text
        let bytes = Array(reply.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    private func respond(mode: Mode, contacts: [String: [String: String]], path: String, body: String) -> (Int, [(String, String)], String) {
        switch mode {
        case .status(429): return (429, [("Retry-After", "7")], #"{"status":"error","message":"You have reached your secondly limit.","category":"RATE_LIMITS"}"#)
        case .status(401): return (401, [], #"{"status":"error","message":"Authentication credentials not found.","category":"INVALID_AUTHENTICATION"}"#)
        case .status(let code): return (code, [], #"{"status":"error","message":"internal error"}"#)
        case .slow(let seconds): sleep(UInt32(seconds))
        case .normal: break
        }
        guard path == "/crm/v3/objects/contacts/batch/read",
              let request = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let inputs = request["inputs"] as? [[String: Any]] else {
            return (400, [], #"{"status":"error","message":"bad request"}"#)
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
        return (missing.isEmpty ? 200 : 207, [], text)
    }

    private func find(_ needle: [UInt8], in data: [UInt8]) -> Int? {
        guard data.count >= needle.count else { return nil }
        for start in 0...(data.count - needle.count) where data[start..<(start + needle.count)].elementsEqual(needle) { return start }
        return nil
    }
}
