import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `serve` beside a `handoff worker` on one workspace: one routing core decides, the other stands by.
@Suite struct StandbyServeTests {
    @Test func serveStandsByWhileAWorkerRoutesAndTakesOverWhenItDies() throws {
        let serve = try ServeProcess()
        guard let binary = ServeProcess.binary else { throw ServeProcess.Failure(description: "no handoff binary") }
        let worker = Process()
        worker.executableURL = binary
        worker.arguments = ["worker", "--now", ServeProcess.now]
        worker.currentDirectoryURL = serve.directory
        let workerOut = serve.directory.appendingPathComponent("worker.out")
        _ = FileManager.default.createFile(atPath: workerOut.path, contents: nil)
        worker.standardOutput = try FileHandle(forWritingTo: workerOut)
        worker.standardError = FileHandle.nullDevice
        try worker.run()
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        func workerSaid(_ text: String) -> Bool { ((try? String(contentsOf: workerOut, encoding: .utf8)) ?? "").contains(text) }
        #expect(eventually { workerSaid("handoff worker: routing") })

        try serve.start()
        #expect(eventually { (try? serve.client.get("/healthz").text.contains("standing by")) == true }, "\(serve.stderr)")
        let health = try serve.client.get("/healthz")
        #expect(health.status == 200 && health.text.contains("held by handoff worker"), "\(health.text)")

        // Taken in by serve, decided by the worker.
        #expect(try serve.client.post("/v1/leads", token: ServeProcess.token, body: lead(1)).status == 202)
        #expect(eventually { (try? serve.run(["leads", "--state", "received"]).stdout.contains("L-0000001")) == false })
        let log = try serve.run(["log", "L-0000001", "--json"]).stdout
        #expect(log.contains("\"kind\":\"received\"") && log.contains("\"actor\":\"router\""), "\(log)")

        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        #expect(eventually(within: 5) { (try? serve.client.get("/healthz").text.contains("\"routing\"")) == true }, "serve took over within 5 s")
        let answer = try serve.client.post("/v1/leads?wait=owner", token: ServeProcess.token, body: lead(2))
        #expect(answer.status == 200, "\(answer.text)")
        #expect(try serve.stop() == 0)
        #expect(try serve.run(["doctor"]).status == 0)
    }

    @Test func theWorkerHoldingTheLeaseDeliversTheHandbackWhileServeStandsBy() throws {
        let receiver = try FakeEndpoint { _, _ in .init(status: 204) }
        let serve = try ServeProcess()
        try """
            webhooks:
              - name: bot
                url: \(receiver.url)/hooks/handoff
                secret_env: TEST_WEBHOOK_SECRET
            """.write(to: serve.directory.appendingPathComponent("handback.yaml"), atomically: true, encoding: .utf8)
        guard let binary = ServeProcess.binary else { throw ServeProcess.Failure(description: "no handoff binary") }
        let worker = Process()
        worker.executableURL = binary
        worker.arguments = ["worker", "--now", ServeProcess.now]
        worker.currentDirectoryURL = serve.directory
        worker.environment = ProcessInfo.processInfo.environment.merging(["TEST_WEBHOOK_SECRET": "whsec_test_0123456789abcdef"]) { _, given in given }
        let workerOut = serve.directory.appendingPathComponent("worker.out")
        _ = FileManager.default.createFile(atPath: workerOut.path, contents: nil)
        worker.standardOutput = try FileHandle(forWritingTo: workerOut)
        worker.standardError = FileHandle.nullDevice
        try worker.run()
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        func workerSaid(_ text: String) -> Bool { ((try? String(contentsOf: workerOut, encoding: .utf8)) ?? "").contains(text) }
        #expect(eventually { workerSaid("handoff worker: delivering to webhook:bot") })

        try serve.start(environment: ["TEST_WEBHOOK_SECRET": "whsec_test_0123456789abcdef"])
        #expect(eventually { (try? serve.client.get("/healthz").text.contains("standing by")) == true }, "\(serve.stderr)")
        #expect(try serve.client.post("/v1/leads", token: ServeProcess.token, body: lead(1)).status == 202)
        #expect(eventually { receiver.requests.count >= 1 }, "the worker delivers what serve took in")
        #expect(try serve.stop() == 0)
    }
}
