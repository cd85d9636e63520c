import Foundation
import HandoffCore
import HandoffPostgres
import HandoffSQLite
import HandoffStore
import Testing

@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct PostgresShadowTests {
    static let t = Date(timeIntervalSince1970: 1_800_002_000)

    static let leads: [String] = [
        EngineTwin.lead(1, state: "assigned", owner: "ana", version: 3),
        EngineTwin.lead(2, state: "assigned", owner: "bo", version: 3),
        EngineTwin.lead(3, state: "flagged", reason: "no_route", version: 2),
        EngineTwin.lead(4, state: "accepted", owner: "ana", version: 4),
        EngineTwin.lead(5, state: "assigned", owner: "cy", version: 3),
    ]

    static func to(_ owner: String) -> ShadowOutcome { ShadowOutcome(route: "emea", pool: "emea", owner: owner, reason: nil) }
    static let flagged = ShadowOutcome(route: nil, pool: nil, owner: nil, reason: .noRoute)

    static let draft = StoredShadow(
        draftPath: "rules/draft.yaml", draftSource: "version: v2\n# ünïcode ✓", draftVersion: "v2", draftName: "Spring 'quote' test",
        livePath: "rules/live.yaml", liveSource: "version: v1\n", liveVersion: "v1", startedBy: "ops:kim", startedAt: t)

    /// Starts, records, reads and ends shadow runs on `store`, writing down every answer.
    @available(*, noasync)
    static func script(_ store: any ShadowRecords) throws -> [String] {
        var out: [String] = []
        func note(_ label: String, _ value: Any) { out.append("\(label): \(value)") }
        // Loads in owner order: a dictionary's order is its own.
        func show(_ standing: ShadowStanding?) -> String {
            guard let standing else { return "none" }
            return "\(standing.shadow) leads \(standing.leads) diverged \(standing.diverged) agreement \(standing.agreement as Any) "
                + "live \(standing.liveLoads.sorted { $0.key < $1.key }) draft \(standing.draftLoads.sorted { $0.key < $1.key }) \(standing.divergences)"
        }
        note("before", "\(try store.activeShadowId() as Any) \(try store.latestShadow() as Any)")
        let started = try store.startShadow(draft)
        note("started", started)
        do {
            _ = try store.startShadow(draft)
            note("second start", "accepted")
        } catch {
            note("second start refused", error)
        }
        note("active", try store.activeShadowId() as Any)
        try store.recordShadow(started.id, pairs: [
            ShadowPair(leadId: "L-0000001", live: to("ana"), draft: to("ana"), why: nil),
            ShadowPair(leadId: "L-0000002", live: to("bo"), draft: to("ana"), why: "territory: DE goes to ana"),
            ShadowPair(leadId: "L-0000003", live: flagged, draft: to("bo"), why: "a route for DE"),
            // Diverging twice in one batch: the later one stays.
            ShadowPair(leadId: "L-0000002", live: to("bo"), draft: to("cy"), why: "round robin moved on"),
        ], at: t)
        try store.recordShadow(started.id, pairs: [
            ShadowPair(leadId: "L-0000004", live: to("ana"), draft: flagged, why: "no route in the draft"),
            ShadowPair(leadId: "L-0000005", live: to("cy"), draft: to("cy"), why: nil),
            // Diverging again in a later batch replaces its row.
            ShadowPair(leadId: "L-0000003", live: flagged, draft: to("ana"), why: "a second route"),
        ], at: t.addingTimeInterval(5))
        try store.recordShadow(started.id, pairs: [], at: t)
        note("standing", show(try store.shadowStanding(started.id, divergences: 10)))
        note("standing limited", try store.shadowStanding(started.id, divergences: 1)?.divergences as Any)
        note("corrections", try store.shadowCorrections(started.id).map { "\($0)" }.sorted())
        note("unknown standing", show(try store.shadowStanding(999, divergences: 5)))
        note("ended", try store.endShadow(started.id, as: .promoted, by: "ops:lee", at: t.addingTimeInterval(60)))
        note("ended again", try store.endShadow(started.id, as: .stopped, by: "ops:lee", at: t.addingTimeInterval(61)))
        // A batch decided before the end was seen: the figures of an ended shadow stay as they were.
        try store.recordShadow(started.id, pairs: [ShadowPair(leadId: "L-0000005", live: to("cy"), draft: to("ana"), why: "late")], at: t)
        note("after end", show(try store.shadowStanding(started.id, divergences: 10)))
        note("latest ended", try store.latestShadow() as Any)
        note("active none", try store.activeShadowId() as Any)
        var next = draft
        next.draftVersion = "v3"
        let second = try store.startShadow(next)
        note("second", second)
        note("latest running", try store.latestShadow() as Any)
        note("first again", try store.shadow(started.id) as Any)
        note("unknown", try store.shadow(999) as Any)
        // A lead id the store never gave: refused, and the batch leaves no figure behind.
        let bad = [ShadowPair(leadId: "L-0000005", live: to("cy"), draft: to("cy"), why: nil), ShadowPair(leadId: "lead 7", live: to("a"), draft: to("b"), why: "x")]
        do {
            try store.recordShadow(second.id, pairs: bad, at: t)
            note("bad lead id", "recorded")
        } catch {
            note("bad lead id refused", error)
        }
        note("after bad", show(try store.shadowStanding(second.id, divergences: 10)))
        note("stopped", try store.endShadow(second.id, as: .stopped, by: "ops:kim", at: t.addingTimeInterval(90)))
        note("latest of two ended", try store.latestShadow() as Any)
        // Ended: nothing is read from the batch, not even its lead ids.
        do {
            try store.recordShadow(second.id, pairs: bad, at: t)
            note("bad lead id after the end", "passed over")
        } catch {
            note("bad lead id after the end refused", error)
        }
        return out
    }

    @Test func shadowRunsRoundTripAsOnSQLite() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let twin = try EngineTwin(location: location)
            defer { twin.close() }
            try twin.execute(Self.leads)
            let onSQLite = try Self.script(twin.sqlite)
            let onPostgres = try Self.script(twin.postgres)
            #expect(onSQLite.contains { $0.hasPrefix("second start refused: a shadow of rules/draft.yaml (v2) is running already") })
            #expect(onSQLite.contains { $0.hasPrefix("standing: ") && $0.contains("leads 7 diverged 5") })
            for (sqlite, postgres) in zip(onSQLite, onPostgres) { #expect(postgres == sqlite) }
            #expect(onPostgres.count == onSQLite.count)
        }
        try await TestServer.drop(location)
    }

    @Test func twoStartsAtOnceLeaveOneRunningAndRefuseTheOtherByName() async throws {
        let location = try await TestServer.freshDatabase()
        let store = try await onThread { try PostgresStore(location: location, creating: true) }
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for n in 0..<4 {
                group.addTask {
                    try await onThread {
                        var shadow = Self.draft
                        shadow.startedBy = "ops:\(n)"
                        do {
                            _ = try store.startShadow(shadow)
                            return "started"
                        } catch let refusal as ShadowAlreadyRunning {
                            return "refused: \(refusal.shadow.startedBy)"
                        }
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == "started" }.count == 1)
        #expect(outcomes.filter { $0.hasPrefix("refused: ops:") }.count == 3)
        try await onThread { store.close() }
        try await TestServer.drop(location)
    }
}
