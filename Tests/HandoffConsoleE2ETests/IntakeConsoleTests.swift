import Foundation
import Testing
#if os(Linux)
import Glibc
#endif

@Suite("Intake figures end to end", .serialized)
struct IntakeConsoleTests {
    static let token = "e2e-intake-token-0123456789"

    @Test("while serve feeds the workspace the header shows its intake; when serve stops the figures go")
    func intakeInTheHeader() async throws {
        let workspace = try ConsoleWorkspace()
        let port = try Self.freePort()
        let serve = try TmuxSession.handoff(
            ["serve", "--db", workspace.database, "--rules", workspace.rulebook, "--listen", "127.0.0.1:\(port)", "--now", ConsoleWorkspace.now],
            width: 160, height: 10, directory: workspace.directory,
            environment: workspace.environment.merging(["HANDOFF_API_TOKEN": Self.token]) { _, new in new })
        try await serve.waitFor(text: "listening on", timeout: ConsoleWorkspace.timeout)
        let session = try workspace.console(width: 120, height: 40)
        // A server that has taken nothing in yet shows as such.
        try await session.waitFor(text: "intake 0 req/min · 0 leads/min · 0 rejected", timeout: ConsoleWorkspace.timeout)

        for n in 1...5 {
            let body = "{\"email\": \"buyer\(n)@shop\(n).example\", \"company\": \"Shop \(n)\", \"country\": \"US\", \"employees\": 40}"
            #expect(try Self.post(port: port, body: body, token: Self.token) == 202)
        }
        #expect(try Self.post(port: port, body: "{}", token: nil) == 401)
        let rows = try await session.waitFor(text: "intake 6 req/min · 5 leads/min · 1 rejected", timeout: ConsoleWorkspace.timeout)
        #expect(rows[1].contains("queue"), "\(TmuxSession.framed(rows))")

        try serve.send(keys: "C-c")
        try await serve.waitFor(text: "handoff serve: stopped", timeout: ConsoleWorkspace.timeout)
        let after = try await session.waitForAbsence(of: "leads/min", timeout: ConsoleWorkspace.timeout)
        #expect(!after[1].contains("intake"), "\(TmuxSession.framed(after))")
        try await quit(session)
    }

    /// POST /v1/leads over a raw loopback socket: the status.
    static func post(port: Int, body: String, token: String?) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var limit = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Spawn.Failure(description: "cannot connect to \(port)") }
        var request = "POST /v1/leads HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n"
        if let token { request += "Authorization: Bearer \(token)\r\n" }
        request += "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let bytes = Array(request.utf8)
        guard send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw Spawn.Failure(description: "send failed") }
        var answer = [UInt8](repeating: 0, count: 4_096)
        let n = recv(fd, &answer, answer.count, 0)
        guard n > 12 else { throw Spawn.Failure(description: "no answer") }
        return Int(String(decoding: answer[9..<12], as: UTF8.self)) ?? 0
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Spawn.Failure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
