import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The handoff log for programs: `GET /v1/events` (long poll) and `GET /v1/events/stream` (Server-Sent
/// Events) against the real `handoff serve`, with entries its own desk writes and ones other processes do.
@Suite(.serialized)
struct FeedTests {
    let token = ServeProcess.token

    /// The seqs of a poll's entries, oldest first.
    func seqs(_ answer: HTTPClient.Answer) throws -> [Int] {
        try #require(try answer.json()["events"] as? [[String: Any]]).map { $0["seq"] as? Int ?? -1 }
    }

    func poll(_ serve: ServeProcess, _ query: String) throws -> (answer: HTTPClient.Answer, seconds: Double) {
        let started = Date()
        let answer = try serve.client.get("/v1/events?\(query)", token: token)
        return (answer, Date().timeIntervalSince(started))
    }

    @Test func theLongPollAnswersAtOnceHoldsUntilALeadArrivesAndEndsEmpty() throws {
        let serve = try ServeProcess()
        try serve.start()
        #expect(try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(1)).status == 200)

        // Entries are there: the answer comes at once, oldest first, whatever the wait.
        let first = try poll(serve, "after=0&wait=20")
        #expect(first.answer.status == 200, "\(first.answer.text)")
        #expect(first.seconds < 5)
        let seen = try seqs(first.answer)
        #expect(seen.count >= 3, "received, checked and a decision: \(first.answer.text)")
        #expect(seen == seen.sorted() && Set(seen).count == seen.count)
        let next = try #require(try first.answer.json()["next"] as? Int)
        #expect(next == seen.last)
        let kinds = try #require(try first.answer.json()["events"] as? [[String: Any]]).compactMap { $0["kind"] as? String }
        #expect(kinds.first == "received", "\(kinds)")

        // Nothing new: held for the wait, then an empty list and the same place to read on from.
        let empty = try poll(serve, "after=\(next)&wait=0.6")
        #expect(empty.answer.status == 200)
        #expect(try seqs(empty.answer).isEmpty)
        #expect(try empty.answer.json()["next"] as? Int == next)
        #expect(empty.seconds >= 0.5, "answered after \(empty.seconds) s")

        // Held, then answered as soon as a lead is written.
        let held = Mutex<(HTTPClient.Answer?, Date?)>((nil, nil))
        let client = serve.client
        let waiter = Thread { [token] in
            let answer = try? client.get("/v1/events?after=\(next)&wait=30", token: token)
            held.withLock { $0 = (answer, Date()) }
        }
        waiter.start()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(held.withLock { $0.0 == nil }, "the poll did not hold")
        let sent = Date()
        #expect(try serve.client.post("/v1/leads", token: token, body: lead(2)).status == 202)
        for _ in 0..<200 where held.withLock({ $0.0 == nil }) { Thread.sleep(forTimeInterval: 0.05) }
        let (answer, answeredAt) = held.withLock { $0 }
        let woken = try #require(answer)
        #expect(woken.status == 200)
        #expect(try seqs(woken).first == next + 1, "\(woken.text)")
        #expect(try #require(answeredAt).timeIntervalSince(sent) < 5)

        // A place that is not a seq is refused, naming the field.
        let bad = try serve.client.get("/v1/events?after=yesterday", token: token)
        #expect(bad.status == 400)
        #expect(bad.errorCode == "bad_after")
        #expect(((try bad.json()["error"] as? [String: Any])?["field"] as? String) == "after")
        #expect(((try bad.json()["error"] as? [String: Any])?["message"] as? String)?.contains("after") == true)
        let badLimit = try serve.client.get("/v1/events?limit=0", token: token)
        #expect(badLimit.status == 400 && badLimit.errorCode == "bad_limit", "\(badLimit.text)")
        #expect(try serve.client.get("/v1/events?wait=600", token: token).errorCode == "bad_wait")
        #expect(try serve.stop() == 0)
    }

    @Test func entriesAnotherProcessWritesReachAPollAndAreTheLinesLogJSONPrints() throws {
        let serve = try ServeProcess()
        try serve.start()
        let sent = try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(1))
        let id = try #require((try sent.json()["leads"] as? [[String: Any]])?.first?["id"] as? String)
        let before = try poll(serve, "after=0&wait=0")
        let next = try #require(try before.answer.json()["next"] as? Int)

        let held = Mutex<HTTPClient.Answer?>(nil)
        let client = serve.client
        let waiter = Thread { [token] in
            let answer = try? client.get("/v1/events?after=\(next)&wait=30", token: token)
            held.withLock { $0 = answer }
        }
        waiter.start()
        Thread.sleep(forTimeInterval: 0.3)
        // Another process (the command line) writes to the same database.
        let note = try serve.run(["annotate", id, "called back, wants a demo", "--operator", "ana"])
        #expect(note.status == 0, "\(note.stderr)")
        for _ in 0..<200 where held.withLock({ $0 == nil }) { Thread.sleep(forTimeInterval: 0.05) }
        let answer = try #require(held.withLock { $0 }, "the poll never answered")
        let entries = try #require(try answer.json()["events"] as? [[String: Any]])
        #expect(entries.first?["kind"] as? String == "annotated", "\(answer.text)")
        #expect(entries.first?["text"] as? String == "called back, wants a demo")
        #expect(entries.first?["actor"] as? String == "ana")

        // Byte for byte the lines `handoff log --json` prints: one encoder for both.
        let all = try poll(serve, "after=0&limit=1000&wait=0").answer.text
        let log = try serve.run(["log", "--json", "--limit", "1000"])
        #expect(log.status == 0, "\(log.stderr)")
        let lines = log.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count >= 4)
        #expect(all.hasPrefix("{\"events\":[" + lines.joined(separator: ",") + "]"), "\(all)\n---\n\(log.stdout)")
        #expect(try serve.stop() == 0)
    }

    @Test func theStreamSendsEntriesInOrderResumesWithoutLossOrRepeatAndEndsWhenServeStops() throws {
        let serve = try ServeProcess()
        try serve.start(["--heartbeat", "0.3"])
        for n in 1...3 { #expect(try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(n)).status == 200) }
        let written = try seqs(try poll(serve, "after=0&limit=1000&wait=0").answer)
        #expect(written.count >= 9)

        // From the start: every entry, in order, each with its seq as the id and its JSON as the data.
        let stream = try EventStreamReader(port: serve.port, path: "/v1/events/stream?after=0", headers: ["Authorization": "Bearer \(token)"])
        #expect(stream.status == 200)
        #expect(stream.headers["content-type"]?.hasPrefix("text/event-stream") == true)
        #expect(stream.read(for: 10) { $0.events.count >= written.count }, "\(stream.events.count) of \(written.count)")
        let ids = stream.events.compactMap { $0.id.flatMap(Int.init) }
        #expect(ids == written)
        for event in stream.events {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
            #expect(object["seq"] as? Int == Int(event.id ?? ""))
        }
        // Idle: heartbeats keep it open.
        #expect(stream.read(for: 5) { $0.comments.contains("heartbeat") }, "\(stream.comments)")

        // Broken after the fifth entry; more is written; the reconnect with Last-Event-ID picks up right there.
        let lastSeen = written[4]
        for n in 4...5 { #expect(try serve.client.post("/v1/leads?wait=owner", token: token, body: lead(n)).status == 200) }
        let everything = try seqs(try poll(serve, "after=0&limit=1000&wait=0").answer)
        let resumed = try EventStreamReader(port: serve.port, path: "/v1/events/stream?after=0",
                                            headers: ["Authorization": "Bearer \(token)", "Last-Event-ID": String(lastSeen)])
        let expected = everything.filter { $0 > lastSeen }
        #expect(resumed.read(for: 10) { $0.events.count >= expected.count })
        #expect(resumed.events.compactMap { $0.id.flatMap(Int.init) } == expected)
        #expect(Array(written.prefix(5)) + expected == everything, "lost or repeated entries")

        // Without a place: only what is written from now on.
        let fresh = try EventStreamReader(port: serve.port, path: "/v1/events/stream", headers: ["Authorization": "Bearer \(token)"])
        #expect(fresh.read(for: 5) { $0.comments.contains("heartbeat") })
        #expect(fresh.events.isEmpty)
        #expect(try serve.client.post("/v1/leads", token: token, body: lead(6)).status == 202)
        #expect(fresh.read(for: 10) { $0.events.contains { $0.data.contains("\"kind\":\"received\"") } }, "\(fresh.events)")
        #expect(Int(fresh.events.first?.id ?? "") ?? 0 > everything.last ?? 0)

        // A resume place that is not a seq is refused by name.
        let bad = try serve.client.send("GET", "/v1/events/stream", headers: ["Authorization": "Bearer \(token)", "Last-Event-ID": "x"], body: nil)
        #expect(bad.status == 400 && bad.errorCode == "bad_last_event_id", "\(bad.text)")

        // Stopping ends every open stream cleanly, at once.
        let stopping = Date()
        #expect(try serve.stop() == 0)
        #expect(Date().timeIntervalSince(stopping) < 10)
        for reader in [stream, resumed, fresh] {
            #expect(reader.read(for: 5) { $0.ended || $0.closed })
            #expect(reader.ended, "the stream was cut rather than ended")
        }
        #expect(serve.stdout.contains("handoff serve: stopped"))
    }

    @Test func theFeedNeedsTheReadScopeAndTheDocumentNone() throws {
        let serve = try ServeProcess()
        let intakeToken = "intake-only-0123456789abcdef"
        let readToken = "read-only-0123456789abcdef01"
        let file = serve.directory.appendingPathComponent("tokens")
        try "\(intakeToken) intake\n\(readToken) read\n".write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0o600)
        try serve.start(["--tokens", file.path], token: nil)
        for path in ["/v1/events?wait=0", "/v1/events/stream"] {
            let missing = try serve.client.get(path)
            #expect(missing.status == 401 && missing.errorCode == "token_missing", "\(path): \(missing.text)")
            let wrong = try serve.client.get(path, token: intakeToken)
            #expect(wrong.status == 403 && wrong.errorCode == "scope_missing", "\(path): \(wrong.text)")
        }
        #expect(try serve.client.get("/v1/events?wait=0", token: readToken).status == 200)
        let stream = try EventStreamReader(port: serve.port, path: "/v1/events/stream", headers: ["Authorization": "Bearer \(readToken)"])
        #expect(stream.status == 200)
        let document = try serve.client.get("/openapi.json")
        #expect(document.status == 200)
        #expect(try document.json()["openapi"] as? String == "3.1.0")
        #expect(try serve.stop() == 0)
    }
}
