import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `handoff` binary: `handoff serve` running in the background on a free loopback port of a
/// fresh workspace (`handoff init`: the example rulebook and an empty database), and one-shot commands.
final class ServeProcess {
    /// Tuesday afternoon in Berlin, morning in New York: every example owner is at work.
    static let now = "2026-11-24T14:30:00Z"
    static let token = "test-token-0123456789abcdef"

    let directory: URL
    let port: Int
    var client: HTTPClient { HTTPClient(port: port) }
    private var process: Process?
    private let outURL: URL
    private let errURL: URL

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL? = {
        var directories = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
        directories.append(Bundle.main.bundleURL)
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        return directories.map { $0.appendingPathComponent("handoff") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Whether this one made the workspace (and removes it when done).
    private let owned: Bool

    /// A fresh workspace; nothing runs yet.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        outURL = directory.appendingPathComponent("serve.out")
        errURL = directory.appendingPathComponent("serve.err")
        port = try Self.freePort()
        owned = true
        let initialised = try run(["init"])
        guard initialised.status == 0 else { throw Failure(description: "handoff init failed: \(initialised.stderr)") }
    }

    /// A second server on `other`'s workspace, on a port of its own; `other` removes the workspace.
    init(sharing other: ServeProcess) throws {
        directory = other.directory
        let name = "serve-\(UUID().uuidString.prefix(8))"
        outURL = directory.appendingPathComponent("\(name).out")
        errURL = directory.appendingPathComponent("\(name).err")
        port = try Self.freePort()
        owned = false
    }

    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        if owned { try? FileManager.default.removeItem(at: directory) }
    }

    /// Starts `handoff serve --listen 127.0.0.1:PORT --now NOW` plus `arguments`, with HANDOFF_API_TOKEN
    /// set unless `token` is nil, and waits until /healthz answers.
    func start(_ arguments: [String] = [], token: String? = ServeProcess.token, environment: [String: String] = [:]) throws {
        let process = try launch(["serve", "--listen", "127.0.0.1:\(port)", "--now", Self.now] + arguments, token: token, environment: environment)
        self.process = process
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if !process.isRunning { throw Failure(description: "serve exited with \(process.terminationStatus): \(stderr)") }
            if let health = try? client.get("/healthz"), health.status == 200 { return }
            usleep(20_000)
        }
        throw Failure(description: "serve did not answer /healthz within 60 s: \(stderr)")
    }

    /// Runs `handoff serve ARGUMENTS` to its end (for refusals at start), with at most 30 s.
    func serveUntilExit(_ arguments: [String], token: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = try launch(["serve", "--now", Self.now] + arguments, token: token, environment: [:])
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw Failure(description: "serve kept running: \(stderr)")
        }
        return (process.terminationStatus, stdout, stderr)
    }

    private func launch(_ arguments: [String], token: String?, environment: [String: String]) throws -> Process {
        guard let binary = Self.binary else { throw Failure(description: "no handoff binary next to the test bundle; `swift build --build-tests`") }
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for name in ["HANDOFF_DB", "HANDOFF_RULES", "HANDOFF_OPERATOR", "HANDOFF_NOW", "HANDOFF_API_TOKEN", "NO_COLOR",
                     "HANDOFF_HUBSPOT_CLIENT_SECRET", "HANDOFF_HUBSPOT_ACCESS_TOKEN", "HANDOFF_SALESFORCE_ORG_ID"] { env[name] = nil }
        if let token { env["HANDOFF_API_TOKEN"] = token }
        process.environment = env.merging(environment) { _, given in given }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        return process
    }

    var stdout: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }
    var pid: Int32 { process?.processIdentifier ?? 0 }

    /// Sends `signal` and waits (at most 30 s) for the exit status.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) throws -> Int32 {
        guard let process else { throw Failure(description: "not started") }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
        return process.terminationStatus
    }

    /// `handoff ARGUMENTS` in the workspace, to its end.
    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard let binary = Self.binary else { throw Failure(description: "no handoff binary next to the test bundle") }
        let out = directory.appendingPathComponent("run-\(UUID().uuidString).out")
        let err = directory.appendingPathComponent("run-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for name in ["HANDOFF_DB", "HANDOFF_RULES", "HANDOFF_OPERATOR", "HANDOFF_NOW", "HANDOFF_API_TOKEN"] { env[name] = nil }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Every stored lead's id and external id, from `handoff leads --json`.
    func storedLeads() throws -> [(id: String, externalId: String?)] {
        let result = try run(["leads", "--json", "--limit", "1000000"])
        guard result.status == 0 else { throw Failure(description: "handoff leads failed: \(result.stderr)") }
        guard let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let leads = object["leads"] as? [[String: Any]] else { throw Failure(description: "unexpected leads output: \(result.stdout.prefix(300))") }
        return leads.map { (id: $0["id"] as? String ?? "", externalId: $0["external_id"] as? String) }
    }

    /// A port nothing listens on now: the kernel picks it for a socket bound to port 0.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "no free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A lead in the fields of `handoff import`, US and small so the example rulebook assigns it to dan or eve.
func lead(_ n: Int, externalId: String? = nil) -> String {
    var fields = [
        "\"email\": \"buyer\(n)@shop\(n).example\"", "\"company\": \"Shop \(n)\"", "\"country\": \"US\"", "\"employees\": 40",
    ]
    if let externalId { fields.insert("\"id\": \"\(externalId)\"", at: 0) }
    return "{" + fields.joined(separator: ", ") + "}"
}
