import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// A local HTTP server standing in for a webhook receiver or a CRM's API: it keeps every request it gets
/// and answers as the test scripts it (status, headers, body, and a delay to provoke a timeout).
final class FakeEndpoint: Sendable {
    struct Received: Sendable {
        var method: String
        var path: String
        /// By lower-case name.
        var headers: [String: String]
        var body: String
        var at: Date
    }

    struct Answer: Sendable {
        var status: Int
        var headers: [String: String] = [:]
        var body: String = ""
        var delay: Duration = .zero
        /// When set, the answer waits until it returns true (asked every 10 ms): a request held unanswered
        /// for as long as the test needs, whatever the machine's load.
        var heldUntil: (@Sendable () -> Bool)? = nil
    }

    /// What the handlers share with the test (a Mutex cannot be captured by itself: it is not copyable).
    final class Shared: Sendable {
        let received = Mutex<[Received]>([])
        let script: Mutex<@Sendable (Received, Int) -> Answer>
        let bound = Mutex<Int?>(nil)
        let task = Mutex<Task<Void, any Error>?>(nil)
        init(_ script: @escaping @Sendable (Received, Int) -> Answer) { self.script = Mutex(script) }
    }

    private let shared: Shared

    var requests: [Received] { shared.received.withLock { $0 } }

    /// Starts listening on a free loopback port; `answer` is told each request and how many came before it.
    init(answer: @escaping @Sendable (Received, Int) -> Answer) throws {
        let shared = Shared(answer)
        self.shared = shared
        let router = Router()
        for method in [HTTPRequest.Method.post, .patch, .put] {
            router.on("**", method: method) { request, _ -> Response in
                let buffer = try await request.body.collect(upTo: 1 << 20)
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                let got = Received(method: request.method.rawValue, path: request.uri.path, headers: headers,
                                   body: String(buffer: buffer), at: Date())
                let count = shared.received.withLock { list in
                    list.append(got)
                    return list.count - 1
                }
                let answer = shared.script.withLock { $0 }(got, count)
                if answer.delay > .zero { try? await Task.sleep(for: answer.delay) }
                if let held = answer.heldUntil {
                    while !held(), !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
                }
                var fields = HTTPFields()
                for (name, value) in answer.headers { fields[HTTPField.Name(name)!] = value }
                return Response(status: .init(code: answer.status), headers: fields,
                                body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
            }
        }
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in shared.bound.withLock { $0 = channel.localAddress?.port } },
            logger: { var logger = Logger(label: "fake-endpoint"); logger.logLevel = .critical; return logger }())
        // On a thread of its own: the tests around it block the concurrency pool while they poll.
        shared.task.withLock { $0 = Task(executorPreference: FakeEndpointThread.shared) { try await app.run() } }
        let deadline = Date().addingTimeInterval(30)
        while shared.bound.withLock({ $0 }) == nil, Date() < deadline { usleep(5_000) }
        guard shared.bound.withLock({ $0 }) != nil else { throw ServeProcess.Failure(description: "the fake endpoint did not start") }
    }

    var port: Int { shared.bound.withLock { $0 } ?? 0 }
    var url: String { "http://127.0.0.1:\(port)" }

    func answer(_ script: @escaping @Sendable (Received, Int) -> Answer) {
        shared.script.withLock { $0 = script }
    }

    deinit { shared.task.withLock { $0?.cancel() } }
}

/// Runs the fake endpoints' async work (the server, its connections and handlers) on one thread of its
/// own. Synchronous tests run on the Swift concurrency pool and block it while they poll, and on a
/// machine with few cores they can hold every pool thread: a server there would never get to answer.
final class FakeEndpointThread: TaskExecutor {
    static let shared = FakeEndpointThread()

    private let jobs = Mutex<[UnownedJob]>([])
    private let ready = DispatchSemaphore(value: 0)

    private init() {
        let thread = Thread { [self] in
            while true {
                ready.wait()
                guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
        thread.name = "fake-endpoints"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        ready.signal()
    }
}

/// Polls `condition` every 20 ms for at most `seconds`: true as soon as it holds.
func eventually(within seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}
