import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `handoff serve` as a client sees it: the real binary on a loopback port, spoken to over HTTP.
@Suite(.serialized)
struct ServeTests {
    let token = ServeProcess.token

    @Test func healthAndMetricsTellTheCoreAndCountWhatHappened() throws {
        let serve = try ServeProcess()
        try serve.start()
        #expect(serve.stdout.contains("listening on http://127.0.0.1:\(serve.port)"))

        let health = try serve.client.get("/healthz")
        #expect(health.status == 200)
        #expect(try health.json()["status"] as? String == "routing")

        let sent = try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(1))
        #expect(sent.status == 200, "\(sent.text)")

        #expect(try serve.client.get("/metrics").status == 401)
        let metrics = try serve.client.get("/metrics", token: token)
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        let text = metrics.text
        #expect(text.contains(#"handoff_http_requests_total{route="/healthz",status="200"}"#), "\(text)")
        #expect(text.contains(#"handoff_http_requests_total{route="/metrics",status="401"} 1"#), "\(text)")
        #expect(text.contains("handoff_leads_received_total 1"), "\(text)")
        #expect(text.contains(#"handoff_decisions_total{outcome="assigned",reason="none"} 1"#), "\(text)")
        #expect(text.contains("handoff_intake_to_decision_seconds_count 1"), "\(text)")
        #expect(text.contains("handoff_queue_depth"), "\(text)")
        #expect(text.contains("handoff_intake_commits_total 1"), "\(text)")

        let unknown = try serve.client.get("/v2/nothing", token: token)
        #expect(unknown.status == 404)
        #expect(unknown.errorCode == "no_such_route")

        #expect(try serve.stop(SIGTERM) == 0)
        #expect(serve.stdout.contains("handoff serve: stopped"))
        #expect(!serve.stdout.contains(token) && !serve.stderr.contains(token), "the token was printed")
    }

    @Test func oneLeadAnArrayAndJSONLinesEachGetIdsAndBadRecordsTheirPlace() throws {
        let serve = try ServeProcess()
        try serve.start()

        let one = try serve.client.post("/v1/leads", token: token, body: lead(1))
        #expect(one.status == 202, "\(one.text)")
        let oneLeads = try #require(try one.json()["leads"] as? [[String: Any]])
        #expect(oneLeads.count == 1)
        #expect(oneLeads[0]["index"] as? Int == 0)
        #expect((oneLeads[0]["id"] as? String)?.hasPrefix("L-") == true)

        // Element 1's employees is not a number: refused with its index and field; the others are stored.
        let array = "[\n  \(lead(2)),\n  {\"email\": \"x@y.example\", \"company\": \"Y\", \"employees\": \"lots\"},\n  \(lead(3))\n]"
        let many = try serve.client.post("/v1/leads", token: token, body: array)
        #expect(many.status == 202, "\(many.text)")
        let body = try many.json()
        let leads = try #require(body["leads"] as? [[String: Any]])
        #expect(leads.map { $0["index"] as? Int } == [0, 2])
        let rejected = try #require(body["rejected"] as? [[String: Any]])
        #expect(rejected.count == 1)
        #expect(rejected[0]["index"] as? Int == 1)
        #expect(rejected[0]["field"] as? String == "employees")
        #expect((rejected[0]["reason"] as? String)?.contains("not a number") == true, "\(rejected)")

        let lines = "\(lead(4))\nnot json\n\(lead(5))\n"
        let ndjson = try serve.client.post("/v1/leads", token: token, body: lines, headers: ["Content-Type": "application/x-ndjson"])
        #expect(ndjson.status == 202, "\(ndjson.text)")
        let ndBody = try ndjson.json()
        #expect((ndBody["leads"] as? [[String: Any]])?.map { $0["line"] as? Int } == [1, 3])
        #expect((ndBody["rejected"] as? [[String: Any]])?.map { $0["line"] as? Int } == [2])

        // Nothing acceptable at all: 422, and the record is still quarantined.
        let bad = try serve.client.post("/v1/leads", token: token, body: "[1]")
        #expect(bad.status == 422, "\(bad.text)")

        let notJSON = try serve.client.post("/v1/leads", token: token, body: "hello")
        #expect(notJSON.status == 400)
        #expect(notJSON.errorCode == "body_not_leads")

        try serve.stop()
        let stored = try serve.storedLeads()
        #expect(stored.count == 5)
        let quarantine = try serve.run(["quarantine", "--json"])
        #expect(quarantine.stdout.contains("POST /v1/leads"), "\(quarantine.stdout)")
        #expect(quarantine.stdout.contains("lots"))
        #expect(quarantine.stdout.contains("not json"))
    }

    @Test func tokensAndScopes() throws {
        let serve = try ServeProcess()
        let intakeToken = "intake-only-0123456789abcdef"
        let readToken = "read-only-0123456789abcdef01"
        let file = serve.directory.appendingPathComponent("tokens")
        try "# who may do what\n\(intakeToken) intake\n\(readToken) read\n".write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0o600)
        try serve.start(["--tokens", file.path], token: nil)

        let missing = try serve.client.post("/v1/leads", token: nil, body: lead(1))
        #expect(missing.status == 401)
        #expect(missing.errorCode == "token_missing")
        #expect(missing.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        let wrong = try serve.client.post("/v1/leads", token: "not-a-token-0123456789abcdef", body: lead(1))
        #expect(wrong.status == 401)
        #expect(wrong.errorCode == "token_unknown")
        let wrongScope = try serve.client.post("/v1/leads", token: readToken, body: lead(1))
        #expect(wrongScope.status == 403)
        #expect(wrongScope.errorCode == "scope_missing")
        #expect(try serve.client.get("/metrics", token: intakeToken).status == 403)
        #expect(try serve.client.get("/metrics", token: readToken).status == 200)
        #expect(try serve.client.post("/v1/leads", token: intakeToken, body: lead(1)).status == 202)
        // Ctrl-C stops it as cleanly as SIGTERM.
        #expect(try serve.stop(SIGINT) == 0)
        #expect(serve.stdout.contains("handoff serve: stopped"))
        #expect(try serve.storedLeads().count == 1)
        for secret in [intakeToken, readToken] { #expect(!serve.stdout.contains(secret) && !serve.stderr.contains(secret)) }
    }

    @Test func withoutTokensLoopbackRefusesEveryRequestAndSaysHowToSetOne() throws {
        let serve = try ServeProcess()
        try serve.start(token: nil)
        #expect(serve.stderr.contains("HANDOFF_API_TOKEN"))
        let refused = try serve.client.post("/v1/leads", token: "anything-0123456789abcdef", body: lead(1))
        #expect(refused.status == 401)
        #expect(refused.errorCode == "no_tokens_configured")
        try serve.stop()
        #expect(try serve.storedLeads().isEmpty)
    }

    @Test func anAddressOtherThanLoopbackIsRefusedWithoutTokens() throws {
        let serve = try ServeProcess()
        let refused = try serve.serveUntilExit(["--listen", "0.0.0.0:\(serve.port)"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("refusing to listen on 0.0.0.0:\(serve.port) without tokens"), "\(refused.stderr)")
    }

    @Test func aPortInUseIsRefusedSayingSo() throws {
        let serve = try ServeProcess()
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(serve.port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        try #require(bound && listen(holder, 1) == 0)
        let refused = try serve.serveUntilExit(["--listen", "127.0.0.1:\(serve.port)"], token: ServeProcess.token)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("cannot serve on 127.0.0.1:\(serve.port)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("another program has the port"), "\(refused.stderr)")
    }

    @Test func aTokensFileOthersCanReadIsRefused() throws {
        let serve = try ServeProcess()
        let secret = "loose-secret-0123456789abcdef"
        let file = serve.directory.appendingPathComponent("tokens")
        try "\(secret) admin\n".write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0o644)
        let refused = try serve.serveUntilExit(["--listen", "127.0.0.1:\(serve.port)", "--tokens", file.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("chmod 600"), "\(refused.stderr)")
        #expect(!refused.stderr.contains(secret))
    }

    @Test func limitsAnswerWithTheLimitNamed() throws {
        let serve = try ServeProcess()
        try serve.start(["--max-body", "2048", "--max-leads", "2", "--request-timeout", "1"])

        let big = "[" + (0..<40).map { lead($0) }.joined(separator: ",") + "]"
        let tooLarge = try serve.client.post("/v1/leads", token: token, body: big)
        #expect(tooLarge.status == 413, "\(tooLarge.text)")
        #expect(tooLarge.errorLimit == "max-body")

        let three = "[\(lead(1)),\(lead(2)),\(lead(3))]"
        let tooMany = try serve.client.post("/v1/leads", token: token, body: three)
        #expect(tooMany.status == 422, "\(tooMany.text)")
        #expect(tooMany.errorLimit == "max-leads")

        // Half a body, then silence: 408 once the request timeout passes.
        let slow = try serve.client.send("POST", "/v1/leads", headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                                         body: Data(lead(1).prefix(20).utf8), declaredLength: 200)
        #expect(slow.status == 408, "\(slow.text)")
        #expect(slow.errorLimit == "request-timeout")

        #expect(try serve.client.post("/v1/leads", token: token, body: "[\(lead(4)),\(lead(5))]").status == 202)
        try serve.stop()
        #expect(try serve.storedLeads().count == 2)
    }

    @Test func repeatsAnswerAsTheFirstTimeAndStoreNothingTwice() throws {
        let serve = try ServeProcess()
        try serve.start()
        let keyed = "[\(lead(1)),\(lead(2))]"
        let first = try serve.client.post("/v1/leads", token: token, body: keyed, headers: ["Idempotency-Key": "form-42"])
        let again = try serve.client.post("/v1/leads", token: token, body: keyed, headers: ["Idempotency-Key": "form-42"])
        #expect(first.status == 202)
        #expect(again.status == first.status)
        #expect(again.body == first.body, "\(first.text) vs \(again.text)")
        #expect(again.headers["handoff-repeated"] == "2")

        // No header: the lead's own external id keeps it once.
        let crm = lead(3, externalId: "crm-7")
        let a = try serve.client.post("/v1/leads", token: token, body: crm)
        let b = try serve.client.post("/v1/leads", token: token, body: crm)
        #expect(a.body == b.body, "\(a.text) vs \(b.text)")
        try serve.stop()
        #expect(try serve.storedLeads().count == 3)
    }

    @Test func waitForTheOwnerAnswersWithTheDecision() throws {
        let serve = try ServeProcess()
        try serve.start()
        let answer = try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(1))
        #expect(answer.status == 200, "\(answer.text)")
        let entry = try #require((try answer.json()["leads"] as? [[String: Any]])?.first)
        #expect(entry["decided"] as? Bool == true)
        #expect(entry["state"] as? String == "assigned")
        #expect(["dan", "eve"].contains(entry["owner"] as? String ?? ""), "\(entry)")
        #expect((entry["trace"] as? String)?.contains("na-smb matched") == true, "\(entry)")

        // A flagged lead: its reason and trace. No company: not ready.
        let flagged = try serve.client.post("/v1/leads", token: token, body: "{\"email\": \"kim@solo.example\"}", headers: ["Prefer": "wait=2"])
        #expect(flagged.status == 200, "\(flagged.text)")
        let flaggedEntry = try #require((try flagged.json()["leads"] as? [[String: Any]])?.first)
        #expect(flaggedEntry["state"] as? String == "flagged")
        #expect(flaggedEntry["reason"] as? String == "missing_field", "\(flaggedEntry)")

        // A repeat of a lead decided long ago waits for nothing: the store has its decision.
        let repeated = try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(1))
        #expect(repeated.status == 200)
        #expect((try repeated.json()["leads"] as? [[String: Any]])?.first?["owner"] as? String == entry["owner"] as? String)

        let badWait = try serve.client.post("/v1/leads?wait=forever", token: token, body: lead(2))
        #expect(badWait.status == 400)
        try serve.stop()
    }

    /// Many clients waiting at once: the routing thread often decides a lead before the writer has
    /// registered its request (a pass under way sees the commit); every request still gets its owner.
    @Test func concurrentWaitsForTheOwnerEachGetTheirDecision() throws {
        let serve = try ServeProcess()
        try serve.start()
        let client = serve.client
        let outcomes = Outcomes()
        let group = DispatchGroup()
        for c in 0..<8 {
            DispatchQueue.global().async(group: group) {
                for i in 0..<40 {
                    let n = 1_000 + c * 40 + i
                    let outcome: String
                    if let answer = try? client.post("/v1/leads", token: ServeProcess.token, body: lead(n), headers: ["Prefer": "wait=20"]),
                       let entry = ((try? answer.json())?["leads"] as? [[String: Any]])?.first {
                        outcome = "\(answer.status) \(entry["decided"] as? Bool == true ? "decided" : "undecided") \(entry["state"] as? String ?? "no state")"
                    } else {
                        outcome = "no answer"
                    }
                    outcomes.list.withLock { $0.append(outcome) }
                }
            }
        }
        group.wait()
        let all = outcomes.list.withLock { $0 }
        #expect(all.count == 320)
        // Assigned, or flagged once the pool's owners are full: decided either way, none left waiting.
        let missed = all.filter { $0 != "200 decided assigned" && $0 != "200 decided flagged" }
        #expect(missed.count == 0, "\(missed.count) of \(all.count) requests were not answered with their decision: \(Set(missed))")
        #expect(all.contains("200 decided assigned"))
        try serve.stop()
    }

    @Test func aChangedRulebookIsPutInForceAndOneWithErrorsIsRefused() throws {
        let serve = try ServeProcess()
        try serve.start()
        let rulebook = serve.directory.appendingPathComponent("rulebook.yaml")
        let text = try String(contentsOf: rulebook, encoding: .utf8)
        let pool = "na-smb:          {method: round_robin,   members: [dan, eve]}"
        #expect(text.contains(pool), "the example rulebook changed; update this test")

        // A rulebook with errors is refused; the one in force keeps routing.
        try (text + "\nroutes: [oops\n").write(to: rulebook, atomically: true, encoding: .utf8)
        try waitFor("has errors; the rulebook in force stays") { serve.stderr }
        let before = try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(1))
        #expect(before.status == 200, "\(before.text)")

        // Only eve in the pool now: every US lead goes to her.
        try text.replacingOccurrences(of: pool, with: "na-smb:          {method: round_robin,   members: [eve]}")
            .write(to: rulebook, atomically: true, encoding: .utf8)
        try waitFor("is in force") { serve.stderr }
        for n in 2...3 {
            let answer = try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(n))
            #expect((try answer.json()["leads"] as? [[String: Any]])?.first?["owner"] as? String == "eve", "\(answer.text)")
        }
        try serve.stop()
    }

    /// Polls `text` until it contains `expected`, for at most 20 s.
    private func waitFor(_ expected: String, _ text: () -> String) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if text().contains(expected) { return }
            usleep(50_000)
        }
        throw ServeProcess.Failure(description: "never saw '\(expected)' in: \(text())")
    }

    /// kill -9 while clients keep sending: every lead that got a 2xx is in the database afterwards, and
    /// sending everything again after a restart stores none twice.
    @Test func killNineUnderLoadLosesNoAcknowledgedLead() throws {
        let serve = try ServeProcess()
        try serve.start()
        let acknowledged = Acknowledged()
        let clients = 8
        let perClient = 400
        let group = DispatchGroup()
        let client = serve.client
        for c in 0..<clients {
            DispatchQueue.global().async(group: group) {
                for i in 0..<perClient {
                    let external = "load-\(c)-\(i)"
                    guard let answer = try? client.post("/v1/leads", token: ServeProcess.token, body: lead(c * perClient + i, externalId: external)) else { return }
                    guard answer.status == 202,
                          let id = ((try? answer.json())?["leads"] as? [[String: Any]])?.first?["id"] as? String else { return }
                    acknowledged.add(external: external, id: id)
                }
            }
        }
        // Kill once a good share has been acknowledged, while the rest are in flight.
        let deadline = Date().addingTimeInterval(120)
        while acknowledged.count < 300, Date() < deadline { usleep(5_000) }
        kill(serve.pid, SIGKILL)
        group.wait()
        _ = try? serve.stop(SIGKILL)
        let acked = acknowledged.all
        #expect(acked.count >= 300, "too few acknowledged before the kill for the test to mean anything")
        #expect(acked.count < clients * perClient, "every request finished before the kill; the test proves nothing")

        #expect(Set(acked.map(\.id)).count == acked.count, "two acknowledged leads were given one id")

        // Every acknowledged lead is stored exactly once, under the id its answer gave.
        let stored = try serve.storedLeads()
        #expect(Set(stored.map(\.id)).count == stored.count, "an id was stored twice")
        let byId = Dictionary(stored.map { ($0.id, $0.externalId) }, uniquingKeysWith: { a, _ in a })
        var copies: [String: Int] = [:]
        for lead in stored { if let external = lead.externalId { copies[external, default: 0] += 1 } }
        for (external, id) in acked {
            #expect(byId[id] == external, "acknowledged \(external) as \(id), stored: \(byId[id] ?? "nothing")")
            #expect(copies[external] == 1, "acknowledged \(external) is stored \(copies[external] ?? 0) times")
        }
        #expect(copies.values.allSatisfy { $0 == 1 }, "a lead was stored twice")

        // After a restart, everything sent again: each lead once, the acknowledged ones answered with their first id.
        try serve.start()
        let ackedIds = Dictionary(acked.map { ($0.external, $0.id) }, uniquingKeysWith: { a, _ in a })
        for c in 0..<clients {
            for i in stride(from: 0, to: perClient, by: 100) {
                let externals = (i..<(i + 100)).map { "load-\(c)-\($0)" }
                let batch = (i..<(i + 100)).map { lead(c * perClient + $0, externalId: "load-\(c)-\($0)") }
                let answer = try serve.client.post("/v1/leads", token: token, body: batch.joined(separator: "\n"), headers: ["Content-Type": "application/x-ndjson"])
                #expect(answer.status == 202)
                let ids = try #require(try answer.json()["leads"] as? [[String: Any]]).map { $0["id"] as? String }
                #expect(ids.count == externals.count)
                for (external, id) in zip(externals, ids) where ackedIds[external] != nil {
                    #expect(id == ackedIds[external], "\(external) was acknowledged as \(ackedIds[external]!), answered again as \(id ?? "nothing")")
                }
            }
        }
        try serve.stop()
        let after = try serve.storedLeads()
        #expect(after.count == clients * perClient)
        #expect(Set(after.compactMap(\.externalId)).count == clients * perClient, "a lead was stored twice")
        let afterById = Dictionary(after.map { ($0.id, $0.externalId) }, uniquingKeysWith: { a, _ in a })
        for (external, id) in acked { #expect(afterById[id] == external) }

        // Every lead decided exactly once: none twice by the server (in its intake transaction or by its
        // routing thread, before the kill or after), and each once when what is still queued is routed.
        #expect(try serve.run(["route"]).status == 0)
        let log = try serve.run(["log", "--json", "--limit", "1000000"])
        #expect(log.status == 0)
        var outcomes: [String: Int] = [:]
        for line in log.stdout.split(separator: "\n") {
            guard let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  entry["actor"] as? String == "router", ["assigned", "flagged"].contains(entry["kind"] as? String),
                  let lead = entry["lead"] as? String else { continue }
            outcomes[lead, default: 0] += 1
        }
        #expect(outcomes.count == clients * perClient)
        #expect(outcomes.values.allSatisfy { $0 == 1 }, "a lead was decided twice")
    }
}

/// Leads the server acknowledged, from several client threads.
private final class Acknowledged: Sendable {
    private let pairs = Mutex<[(external: String, id: String)]>([])

    func add(external: String, id: String) { pairs.withLock { $0.append((external, id)) } }
    var count: Int { pairs.withLock { $0.count } }
    var all: [(external: String, id: String)] { pairs.withLock { $0 } }
}

/// What each of several client threads was answered.
private final class Outcomes: Sendable {
    let list = Mutex<[String]>([])
}
