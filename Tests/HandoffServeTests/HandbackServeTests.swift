import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `handoff serve` delivering webhooks and CRM write-backs to local test servers.
@Suite(.serialized)
struct HandbackServeTests {
    let token = ServeProcess.token
    static let secret = "whsec_test_0123456789abcdef"

    func write(_ text: String, to name: String, in serve: ServeProcess, mode: Int = 0o644) throws {
        let path = serve.directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode_t(mode))
    }

    /// `handoff deliveries ...--json` as objects.
    func deliveries(_ serve: ServeProcess, _ arguments: [String] = []) throws -> [[String: Any]] {
        let result = try serve.run(["deliveries", "--json"] + arguments)
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw ServeProcess.Failure(description: "handoff deliveries failed: \(result.stderr)")
        }
        return object["deliveries"] as? [[String: Any]] ?? []
    }

    func delivery(_ serve: ServeProcess, _ id: Int) throws -> [String: Any] {
        let result = try serve.run(["deliveries", String(id), "--json"])
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw ServeProcess.Failure(description: "handoff deliveries \(id) failed: \(result.stderr)")
        }
        return object
    }

    /// Checks a `Handoff-Signature` as docs/SERVE.md tells a receiver to, with openssl in the shell.
    func verifies(_ header: String?, body: String, secret: String) throws -> Bool {
        guard let header else { return false }
        let parts = Dictionary(header.split(separator: ",").compactMap { part -> (String, String)? in
            let pair = part.split(separator: "=", maxSplits: 1)
            return pair.count == 2 ? (String(pair[0]), String(pair[1])) : nil
        }, uniquingKeysWith: { first, _ in first })
        guard let t = parts["t"], let v1 = parts["v1"] else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"printf '%s' "$T.$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //'"#]
        process.environment = ["T": t, "BODY": body, "SECRET": secret, "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        let expected = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return !expected.isEmpty && expected == v1
    }

    func type(_ received: FakeEndpoint.Received) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(received.body.utf8)) as? [String: Any])?["type"] as? String
    }

    /// The lead and event type a webhook request reports.
    func about(_ received: FakeEndpoint.Received) -> String {
        let body = (try? JSONSerialization.jsonObject(with: Data(received.body.utf8)) as? [String: Any]) ?? [:]
        return "\((body["lead"] as? [String: Any])?["id"] as? String ?? "?") \(body["type"] as? String ?? "?")"
    }

    /// Two servers on one workspace: the one holding the routing lease delivers, the other stands by and
    /// takes over when it is killed. What the killed server recorded is not sent again; what it had sent
    /// without hearing the answer is sent again as the same delivery, which the receiver de-duplicates on
    /// `Handoff-Delivery` (delivery is at least once: docs/SERVE.md#handback).
    @Test func twoServersOnOneWorkspaceDeliverEachEventAtLeastOnceAndTheSecondTakesOver() throws {
        // Lead 2's first request is held unanswered until the server that sent it is dead.
        let killed = Mutex(false)
        let receiver = try FakeEndpoint { request, _ -> FakeEndpoint.Answer in
            guard request.body.contains(#""id":"L-0000002""#), !killed.withLock({ $0 }) else { return .init(status: 204) }
            return .init(status: 204, heldUntil: { killed.withLock { $0 } })
        }
        let first = try ServeProcess()
        // A long timeout: the held request is never given up on, however slowly the machine runs.
        try write("""
            webhooks:
              - name: bot
                url: \(receiver.url)/hooks/handoff
                secret_env: TEST_WEBHOOK_SECRET
                timeout: 1h
            """, to: "handback.yaml", in: first)
        try first.start(environment: ["TEST_WEBHOOK_SECRET": Self.secret])
        let second = try ServeProcess(sharing: first)
        try second.start(environment: ["TEST_WEBHOOK_SECRET": Self.secret])
        #expect(eventually { (try? second.client.get("/healthz").text.contains("standing by")) == true }, "\(second.stderr)")

        // Taken in by the standing-by server, decided and delivered by the other, and recorded.
        #expect(try second.client.post("/v1/leads", token: token, body: lead(1)).status == 202)
        #expect(try eventually { try deliveries(second).contains { $0["lead"] as? String == "L-0000001" && $0["status"] as? String == "delivered" } })
        // Lead 2 is sent and its answer held: the first server dies between the send and the record.
        #expect(try second.client.post("/v1/leads", token: token, body: lead(2)).status == 202)
        #expect(eventually { receiver.requests.contains { about($0) == "L-0000002 lead.assigned" } }, "\(receiver.requests.map(about))")
        try first.stop(SIGKILL)
        killed.withLock { $0 = true }

        #expect(eventually { (try? second.client.get("/healthz").text.contains("\"routing\"")) == true }, "\(second.stderr)")
        #expect(try second.client.post("/v1/leads?wait=owner", token: token, body: lead(3)).status == 200)
        #expect(try eventually { let made = try deliveries(second); return made.count == 3 && made.allSatisfy { $0["status"] as? String == "delivered" } },
                "\((try? deliveries(second)) ?? [])")

        // A request is sent before its answer is recorded, so every request is in by now.
        let requests = receiver.requests
        #expect(requests.map(about).sorted() == ["L-0000001 lead.assigned", "L-0000002 lead.assigned", "L-0000002 lead.assigned", "L-0000003 lead.assigned"],
                "\(requests.map(about))")
        // Each delivery recorded once; lead 2's unanswered first attempt died with the server that made it.
        let made = try deliveries(second)
        #expect(made.map { $0["attempts"] as? Int } == [1, 1, 1], "\(made)")
        let ids = Dictionary(made.map { ($0["lead"] as? String ?? "?", String($0["id"] as? Int ?? 0)) }, uniquingKeysWith: { first, _ in first })
        for request in requests {
            let lead = about(request).split(separator: " ").first.map(String.init) ?? "?"
            #expect(request.headers["handoff-delivery"] == ids[lead], "\(about(request)): \(request.headers)")
            #expect(try verifies(request.headers["handoff-signature"], body: request.body, secret: Self.secret))
        }
        // The resend is the same delivery: the same id and the same bytes, to de-duplicate on.
        let twice = requests.filter { about($0) == "L-0000002 lead.assigned" }
        try #require(twice.count == 2)
        #expect(twice[0].body == twice[1].body)
        #expect(twice[0].headers["handoff-delivery"] == twice[1].headers["handoff-delivery"])
        #expect(try second.stop() == 0)
    }

    @Test func webhooksAreSignedAndALeadsEventsArriveInOrder() throws {
        // Lead 1's assignment fails until lead 2's has arrived: lead 1's acceptance must wait behind it, and
        // lead 2 must not (were it held behind lead 1, lead 1 would never succeed and the test would time out).
        let secondArrived = Mutex(false)
        let receiver = try FakeEndpoint { request, _ in
            if request.body.contains(#""id":"L-0000002""#) { secondArrived.withLock { $0 = true } }
            let first = request.body.contains(#""id":"L-0000001""#) && request.body.contains("lead.assigned")
            return first && !secondArrived.withLock({ $0 }) ? .init(status: 500, body: "not yet") : .init(status: 204)
        }
        let serve = try ServeProcess()
        try write("""
            webhooks:
              - name: bot
                url: \(receiver.url)/hooks/handoff
                secret_env: TEST_WEBHOOK_SECRET
            retry: {attempts: 5, first: 2s, max: 2s}
            """, to: "handback.yaml", in: serve)
        try serve.start(environment: ["TEST_WEBHOOK_SECRET": Self.secret])
        #expect(serve.stdout.contains("delivering to webhook:bot (handback.yaml)"), "\(serve.stdout)")

        let sent = try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(1))
        #expect(sent.status == 200, "\(sent.text)")
        #expect(eventually { !receiver.requests.isEmpty })
        let accepted = try serve.run(["accept", "L-0000001", "--operator", "owner:dan"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(2)).status == 200)

        #expect(eventually { receiver.requests.contains { about($0) == "L-0000001 lead.accepted" } }, "\(receiver.requests.map(about))")
        let all = receiver.requests
        // Lead 1's failed attempts before lead 2 arrived: one, or more on a slow machine; the first is kept.
        let secondAt = try #require(all.firstIndex { about($0) == "L-0000002 lead.assigned" })
        let requests = [all[0]] + all[secondAt...]
        #expect(all[..<secondAt].allSatisfy { about($0) == "L-0000001 lead.assigned" }, "\(all.map(about))")
        #expect(requests.map(about) == ["L-0000001 lead.assigned", "L-0000002 lead.assigned", "L-0000001 lead.assigned", "L-0000001 lead.accepted"])
        #expect(requests.allSatisfy { $0.method == "POST" && $0.path == "/hooks/handoff" })
        for request in requests {
            #expect(try verifies(request.headers["handoff-signature"], body: request.body, secret: Self.secret), "\(request.headers)")
            #expect(request.headers["content-type"] == "application/json")
        }
        #expect(requests[0].headers["handoff-event"] == "lead.assigned" && requests[0].headers["handoff-delivery"] == requests[2].headers["handoff-delivery"])
        // A tampered body does not verify.
        #expect(try !verifies(requests[3].headers["handoff-signature"], body: requests[3].body + " ", secret: Self.secret))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(requests[2].body.utf8)) as? [String: Any])
        #expect((body["lead"] as? [String: Any])?["id"] as? String == "L-0000001")
        #expect(["dan", "eve"].contains(body["owner"] as? String ?? ""))

        #expect(try eventually { try deliveries(serve).allSatisfy { $0["status"] as? String == "delivered" } })
        let listed = try deliveries(serve)
        #expect(listed.map { $0["event"] as? String } == ["lead.assigned", "lead.accepted", "lead.assigned"])
        // Newest first. Lead 1's assignment: every attempt before lead 2 arrived failed (one, or more on a
        // slow machine), then one succeeded.
        let failed = secondAt
        #expect(listed.map { $0["attempts"] as? Int } == [1, 1, failed + 1])
        let log = try delivery(serve, listed[2]["id"] as? Int ?? 0)["log"] as? [[String: Any]]
        #expect(log?.map { $0["code"] as? Int } == Array(repeating: 500, count: failed) + [204])
        #expect((log?.first?["error"] as? String)?.contains("not yet") == true)
        #expect(!serve.stdout.contains(Self.secret) && !serve.stderr.contains(Self.secret))
    }

    /// kill -9 while deliveries are being made and sent: after a restart every assignment and flag in
    /// the log has exactly one delivery, and the receiver has heard of each.
    @Test func killNineWhileDeliveringLosesNoneAndInventsNone() throws {
        let receiver = try FakeEndpoint { _, _ in .init(status: 204) }
        let serve = try ServeProcess()
        try write("""
            webhooks:
              - {name: bot, url: "\(receiver.url)/in", secret_env: TEST_WEBHOOK_SECRET, events: [assigned, flagged]}
            retry: {attempts: 5, first: 50ms, max: 100ms}
            """, to: "handback.yaml", in: serve)
        try serve.start(environment: ["TEST_WEBHOOK_SECRET": Self.secret])
        for batch in 0..<20 {
            let leads = (0..<10).map { lead(batch * 10 + $0) }
            #expect(try serve.client.post("/v1/leads", token: token, body: "[" + leads.joined(separator: ",") + "]").status == 202)
        }
        kill(serve.pid, SIGKILL)
        _ = try? serve.stop(SIGKILL)
        try serve.start(environment: ["TEST_WEBHOOK_SECRET": Self.secret])

        // The restarted core routes what the killed one left queued: each of the 200 leads is assigned or
        // flagged once (the pool fills up at its owners' capacity).
        var decided: [Int] = []
        #expect(try eventually(within: 60) {
            let log = try serve.run(["log", "--json", "--limit", "100000"])
            decided = log.stdout.split(separator: "\n").compactMap { line -> Int? in
                guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      ["assigned", "flagged"].contains(event["kind"] as? String ?? "") else { return nil }
                return event["seq"] as? Int
            }
            return decided.count == 200
        }, "\(decided.count) decided")
        #expect(try eventually(within: 60) {
            let made = try deliveries(serve, ["--limit", "1000"])
            return made.count == decided.count && made.allSatisfy { $0["status"] as? String == "delivered" }
        })
        let made = try deliveries(serve, ["--limit", "1000"])
        #expect(made.compactMap { $0["event_seq"] as? Int }.sorted() == decided.sorted())
        let heard = Set(receiver.requests.compactMap { request in
            (try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])?["event"] as? Int
        })
        #expect(heard == Set(decided))
    }

    @Test func aRateLimitedThenFailingEndpointIsDeadLetteredAndRetriedByCommand() throws {
        let failing = Mutex(true)
        let receiver = try FakeEndpoint { _, n in
            if n == 0 { return .init(status: 429, headers: ["Retry-After": "1"]) }
            return failing.withLock { $0 } ? .init(status: 503, body: "maintenance") : .init(status: 200)
        }
        let serve = try ServeProcess()
        try write("""
            webhooks:
              - {name: crm-bridge, url: "\(receiver.url)/in", secret_env: TEST_WEBHOOK_SECRET, events: [assigned]}
            retry: {attempts: 3, first: 50ms, max: 100ms}
            """, to: "handback.yaml", in: serve)
        try serve.start(environment: ["TEST_WEBHOOK_SECRET": Self.secret])
        #expect(try serve.client.post("/v1/leads", token: token, body: lead(1)).status == 202)

        #expect(try eventually { try deliveries(serve, ["--failed"]).count == 1 })
        let dead = try #require(try deliveries(serve, ["--failed"]).first)
        let id = try #require(dead["id"] as? Int)
        #expect((dead["last_error"] as? String)?.hasPrefix("gave up after 3 attempts: 503 from webhook:crm-bridge: maintenance") == true, "\(dead)")
        let log = try #require(try delivery(serve, id)["log"] as? [[String: Any]])
        #expect(log.map { $0["code"] as? Int } == [429, 503, 503])
        // Retry-After: 1 was honoured although the backoff asked for 50 ms.
        #expect(receiver.requests[1].at.timeIntervalSince(receiver.requests[0].at) >= 0.9)
        let text = try serve.run(["deliveries", "--failed"])
        #expect(text.stdout.contains("crm-bridge") && text.stdout.contains("dead"), "\(text.stdout)")
        #expect(text.stdout.contains("In all: 1 dead; `handoff deliveries --retry-all` puts the dead ones back in line."), "\(text.stdout)")

        failing.withLock { $0 = false }
        let retried = try serve.run(["deliveries", "--retry", String(id)])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.stdout.contains("Put 1 delivery back in line (\(id))"), "\(retried.stdout)")
        #expect(try eventually { try delivery(serve, id)["status"] as? String == "delivered" })
        #expect(receiver.requests.count == 4)
        // Only dead-lettered deliveries go back in line.
        let again = try serve.run(["deliveries", "--retry", String(id)])
        #expect(again.status == 64 && again.stderr.contains("delivery \(id) is delivered, not dead-lettered"), "\(again.stderr)")
        let none = try serve.run(["deliveries", "--retry-all"])
        #expect(none.status == 0 && none.stdout.contains("Nothing to retry: no delivery is dead-lettered."), "\(none.stdout)")
        let unknown = try serve.run(["deliveries", "999"])
        #expect(unknown.status == 4 && unknown.stderr.contains("no delivery 999"), "\(unknown.stderr)")

        let metrics = try serve.client.get("/metrics", token: token).text
        #expect(metrics.contains(#"handoff_deliveries_total{status="retried"} 2"#), "\(metrics)")
        #expect(metrics.contains(#"handoff_deliveries_total{status="dead"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"handoff_deliveries_total{status="delivered"} 1"#), "\(metrics)")
    }

    @Test func anEndpointThatDoesNotAnswerInTimeIsTriedAgain() throws {
        let receiver = try FakeEndpoint { _, n in n == 0 ? .init(status: 200, delay: .seconds(3)) : .init(status: 200) }
        let serve = try ServeProcess()
        try write("""
            webhooks:
              - {name: slow, url: "\(receiver.url)/in", secret_env: TEST_WEBHOOK_SECRET, timeout: 300ms, events: [assigned]}
            retry: {attempts: 3, first: 50ms, max: 100ms}
            """, to: "handback.yaml", in: serve)
        try serve.start(environment: ["TEST_WEBHOOK_SECRET": Self.secret])
        #expect(try serve.client.post("/v1/leads", token: token, body: lead(1)).status == 202)
        #expect(try eventually { try deliveries(serve).first?["status"] as? String == "delivered" })
        let id = try #require(try deliveries(serve).first?["id"] as? Int)
        let log = try #require(try delivery(serve, id)["log"] as? [[String: Any]])
        #expect(log.map { $0["code"] as? Int } == [nil, 200])
        #expect(log.first?["error"] as? String == "no answer within 0.3 s")
    }

    @Test func anEndpointNobodyListensOnFailsEachAttemptAtOnceUntilDeadLettered() throws {
        let serve = try ServeProcess()
        let closed = try ServeProcess.freePort()
        try write("""
            webhooks:
              - {name: gone, url: "http://127.0.0.1:\(closed)/in", secret_env: TEST_WEBHOOK_SECRET, events: [assigned]}
            retry: {attempts: 3, first: 50ms, max: 100ms}
            """, to: "handback.yaml", in: serve)
        try serve.start(environment: ["TEST_WEBHOOK_SECRET": Self.secret])
        #expect(try serve.client.post("/v1/leads", token: token, body: lead(1)).status == 202)
        #expect(try eventually { try deliveries(serve, ["--failed"]).count == 1 })
        let id = try #require(try deliveries(serve, ["--failed"]).first?["id"] as? Int)
        let log = try #require(try delivery(serve, id)["log"] as? [[String: Any]])
        #expect(log.count == 3)
        // Refused at once, not retried by the HTTP client until the 10 s timeout.
        #expect(log.allSatisfy { ($0["seconds"] as? Double ?? 99) < 5 && ($0["error"] as? String)?.contains("Connection refused") == true }, "\(log)")
    }

    /// The example rulebook with CRM ids for the two owners of the US pool: dan in both CRMs, eve in HubSpot only.
    func giveOwnersCRMIds(_ serve: ServeProcess) throws {
        let path = serve.directory.appendingPathComponent("rulebook.yaml").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: #"hours: "Mon-Fri 09:00-17:00", capacity: 60}"#, with: "@@")
        let parts = text.components(separatedBy: "@@")
        guard parts.count == 3 else { throw ServeProcess.Failure(description: "the example rulebook changed: \(parts.count - 1) owners matched") }
        text = parts[0] + #"hours: "Mon-Fri 09:00-17:00", capacity: 60, crm: {hubspot: "7001", salesforce: "005000000000DAN"}}"#
            + parts[1] + #"hours: "Mon-Fri 09:00-17:00", capacity: 60, crm: {hubspot: "7002"}}"# + parts[2]
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func crmLead(_ n: Int, crm: String, id: String) -> String {
        "{\"id\": \"\(id)\", \"crm\": \"\(crm)\", \"email\": \"buyer\(n)@shop\(n).example\", \"company\": \"Shop \(n)\", \"country\": \"US\", \"employees\": 40}"
    }

    @Test func ownersAreWrittenBackToHubSpotAndSalesforce() throws {
        let hubspot = try FakeEndpoint { request, n in
            guard request.headers["authorization"] == "Bearer hs-private-app-token" else { return .init(status: 401) }
            if n == 0 { return .init(status: 429, headers: ["Retry-After": "1"], body: #"{"status":"error","category":"RATE_LIMITS"}"#) }
            return .init(status: 200, headers: ["Content-Type": "application/json"], body: #"{"id":"1","properties":{}}"#)
        }
        let salesforce = try FakeEndpoint { request, _ in
            request.headers["authorization"] == "Bearer sf-session-token" ? .init(status: 204) : .init(status: 401)
        }
        let serve = try ServeProcess()
        try giveOwnersCRMIds(serve)
        try write("sf-session-token\n", to: "sf-token", in: serve, mode: 0o600)
        try write("""
            crm:
              hubspot: {base_url: "\(hubspot.url)", token_env: TEST_HUBSPOT_TOKEN}
              salesforce: {instance_url: "\(salesforce.url)", token_file: sf-token}
            retry: {attempts: 4, first: 50ms, max: 200ms}
            """, to: "handback.yaml", in: serve)
        try serve.start(environment: ["TEST_HUBSPOT_TOKEN": "hs-private-app-token"])

        let body = "[" + [
            crmLead(1, crm: "hubspot", id: "901"), crmLead(2, crm: "hubspot", id: "902"),
            crmLead(3, crm: "salesforce", id: "00Q000000000003"), crmLead(4, crm: "salesforce", id: "00Q000000000004"), lead(5),
        ].joined(separator: ",") + "]"
        let sent = try serve.client.post("/v1/leads?wait=owner", token: token, body: body)
        #expect(sent.status == 200, "\(sent.text)")
        let owners = try #require(try sent.json()["leads"] as? [[String: Any]]).map { $0["owner"] as? String ?? "" }
        #expect(Set(owners.prefix(4)) == ["dan", "eve"], "\(owners)")

        // Two HubSpot contacts (one after a 429), one Salesforce lead for dan; eve has no Salesforce id.
        #expect(try eventually { try deliveries(serve).filter { ["delivered", "skipped"].contains($0["status"] as? String) }.count == 4 },
                "\((try? deliveries(serve)) ?? [])")
        let hubspotIds = ["dan": "7001", "eve": "7002"]
        let writes = hubspot.requests.filter { $0.headers["authorization"] != nil }
        for (index, record) in ["901", "902"].enumerated() {
            let got = writes.filter { $0.path == "/crm/v3/objects/contacts/\(record)" }
            #expect(got.last?.method == "PATCH")
            #expect(got.last?.body == #"{"properties":{"hubspot_owner_id":"\#(hubspotIds[owners[index]]!)"}}"#, "\(got.map(\.body))")
        }
        #expect(writes.count == 3, "one 429, then each contact once")
        let salesforceWrites = salesforce.requests
        #expect(salesforceWrites.count == 1)
        let danRecord = owners[2] == "dan" ? "00Q000000000003" : "00Q000000000004"
        #expect(salesforceWrites.first?.path == "/services/data/v62.0/sobjects/Lead/\(danRecord)")
        #expect(salesforceWrites.first?.body == #"{"OwnerId":"005000000000DAN"}"#)
        #expect(salesforceWrites.first?.method == "PATCH")

        let listed = try deliveries(serve)
        let skipped = listed.filter { $0["status"] as? String == "skipped" }
        #expect(skipped.count == 1 && skipped.first?["target"] as? String == "salesforce" && skipped.first?["owner"] as? String == "eve")
        #expect((skipped.first?["last_error"] as? String)?.hasPrefix("owner 'eve' has no salesforce id in the rulebook") == true, "\(skipped)")
        // The lead from a web form has no CRM to write back to.
        #expect(listed.count == 4)
        #expect(!serve.stdout.contains("hs-private-app-token") && !serve.stderr.contains("hs-private-app-token"))
        #expect(!serve.stderr.contains("sf-session-token"))
    }

    @Test func aRefusedCRMTokenIsDeadLetteredAtOnceSayingWhatToFix() throws {
        let hubspot = try FakeEndpoint { _, _ in .init(status: 401, body: #"{"status":"error","message":"Authentication credentials not found"}"#) }
        let serve = try ServeProcess()
        try giveOwnersCRMIds(serve)
        try write("""
            crm:
              hubspot:
                base_url: "\(hubspot.url)"
                token_env: TEST_HUBSPOT_TOKEN
            """, to: "handback.yaml", in: serve)
        try serve.start(environment: ["TEST_HUBSPOT_TOKEN": "revoked-token"])
        #expect(try serve.client.post("/v1/leads", token: token, body: crmLead(1, crm: "hubspot", id: "901")).status == 202)
        #expect(try eventually { try deliveries(serve, ["--failed"]).count == 1 })
        let dead = try #require(try deliveries(serve, ["--failed"]).first)
        #expect(dead["attempts"] as? Int == 1)
        #expect((dead["last_error"] as? String)?.hasPrefix("HubSpot refused the token (401)") == true)
        #expect((dead["last_error"] as? String)?.contains("put a valid one in TEST_HUBSPOT_TOKEN (handback.yaml:4)") == true, "\(dead)")
        #expect(hubspot.requests.count == 1)
    }

    @Test func badHandbackConfigurationRefusesTheStart() throws {
        let serve = try ServeProcess()
        try write("""
            webhooks:
              - name: bot
                url: hooks.example.com/in
                secret_env: TEST_WEBHOOK_SECRET
            """, to: "handback.yaml", in: serve)
        var result = try serve.serveUntilExit(["--listen", "127.0.0.1:\(serve.port)"], token: token)
        #expect(result.status == 1)
        #expect(result.stderr.contains("handback.yaml:3:10: error: webhook 'bot' url 'hooks.example.com/in' is not an http or https URL"), "\(result.stderr)")
        #expect(result.stderr.contains("not started; mend handback.yaml"))

        try write("""
            webhooks:
              - {name: bot, url: "http://127.0.0.1:9/in", secret_file: secret}
            """, to: "handback.yaml", in: serve)
        try write("0123456789abcdef0123\n", to: "secret", in: serve, mode: 0o644)
        result = try serve.serveUntilExit(["--listen", "127.0.0.1:\(serve.port)"], token: token)
        #expect(result.status == 1)
        #expect(result.stderr.contains("handback.yaml:2:60: error: the secret file"), "\(result.stderr)")
        #expect(result.stderr.contains("chmod 600"))
        #expect(!result.stderr.contains("0123456789abcdef0123"))

        try write("webhooks: [{name: bot, url: \"http://127.0.0.1:9/in\", secret_env: TEST_UNSET_SECRET}]\n", to: "handback.yaml", in: serve)
        result = try serve.serveUntilExit(["--listen", "127.0.0.1:\(serve.port)"], token: token)
        #expect(result.status == 1 && result.stderr.contains("TEST_UNSET_SECRET is not set"), "\(result.stderr)")

        // Named but missing: refused, rather than serving without the deliveries the operator asked for.
        result = try serve.serveUntilExit(["--listen", "127.0.0.1:\(serve.port)", "--handback", "elsewhere.yaml"], token: token)
        #expect(result.status == 1 && result.stderr.contains("elsewhere.yaml: cannot read the handback configuration"), "\(result.stderr)")
    }
}
