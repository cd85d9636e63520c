import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads `GET /v1/events/stream` as it arrives, over a raw loopback socket: the status and headers
/// first, then the chunked body taken apart into events and comments as the bytes come.
final class EventStreamReader {
    struct Event: Equatable {
        var id: String?
        var data: String
    }

    private let fd: Int32
    private var raw = Data()
    /// The body so far, chunk framing removed.
    private var body = Data()
    private var parsedUpTo = 0
    private(set) var status = 0
    private(set) var headers: [String: String] = [:]
    private(set) var events: [Event] = []
    private(set) var comments: [String] = []
    /// The last chunk (size 0) arrived: the server ended the stream cleanly.
    private(set) var ended = false
    /// The connection closed.
    private(set) var closed = false
    private var chunked = false

    init(port: Int, path: String, headers: [String: String]) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw HTTPClient.Failure("cannot connect: errno \(errno)") }
        var head = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let bytes = Array(head.utf8)
        guard Glibc.send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { close(fd); throw HTTPClient.Failure("send failed") }
        try readHead(deadline: Date().addingTimeInterval(30))
    }

    deinit { close(fd) }

    /// Reads until `done` holds or `seconds` pass; whether it held.
    @discardableResult
    func read(for seconds: TimeInterval, until done: (EventStreamReader) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !done(self) {
            guard !closed, Date() < deadline else { return done(self) }
            receive(until: deadline)
            parse()
        }
        return true
    }

    private func readHead(deadline: Date) throws {
        while raw.range(of: Data("\r\n\r\n".utf8)) == nil {
            guard !closed, Date() < deadline else { throw HTTPClient.Failure("no answer head: \(String(decoding: raw, as: UTF8.self))") }
            receive(until: deadline)
        }
        let split = raw.range(of: Data("\r\n\r\n".utf8))!
        let lines = String(decoding: raw[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        status = Int(lines[0].split(separator: " ")[1]) ?? 0
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        chunked = headers["transfer-encoding"]?.lowercased() == "chunked"
        raw = Data(raw[split.upperBound...])
        parse()
    }

    private func receive(until deadline: Date) {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let wait = Int32(max(0, min(deadline.timeIntervalSinceNow, 0.2)) * 1_000)
        guard poll(&descriptor, 1, wait) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { closed = true; return }
        raw.append(contentsOf: buffer[0..<n])
    }

    /// Moves whole chunks into the body, then whole events (ended by a blank line) out of it.
    private func parse() {
        if chunked {
            while let lineEnd = raw.range(of: Data("\r\n".utf8)) {
                let sizeText = String(decoding: raw[raw.startIndex..<lineEnd.lowerBound], as: UTF8.self)
                guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { break }
                if size == 0 { ended = true; raw = Data(); break }
                let start = lineEnd.upperBound
                guard raw.endIndex >= start + size + 2 else { break }
                body.append(raw[start..<(start + size)])
                raw = Data(raw[(start + size + 2)...])
            }
        } else {
            body.append(raw)
            raw = Data()
        }
        let text = String(decoding: body[parsedUpTo...], as: UTF8.self)
        var consumed = 0
        var rest = Substring(text)
        while let end = rest.range(of: "\n\n") {
            let block = rest[rest.startIndex..<end.lowerBound]
            consumed += block.utf8.count + 2
            rest = rest[end.upperBound...]
            var id: String?
            var data: [String] = []
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(":") { comments.append(String(line.dropFirst().trimmingCharacters(in: .whitespaces))) }
                else if line.hasPrefix("id: ") { id = String(line.dropFirst(4)) }
                else if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
            }
            if !data.isEmpty { events.append(Event(id: id, data: data.joined(separator: "\n"))) }
        }
        parsedUpTo += consumed
    }
}
