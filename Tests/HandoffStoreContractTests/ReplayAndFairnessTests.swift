import Foundation
import Testing
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore

/// Decisions replayed from their recorded inputs, and the fairness ledger kept in the store.
@Suite(.dropsItsDatabases) struct ReplayAndFairnessTests {
    /// The example rulebook with na-smb made a weighted pool with a catch-up policy, so replays have shares to read.
    static let source = ExampleRulebook.yaml.replacingOccurrences(
        of: "na-smb:          {method: round_robin,   members: [dan, eve]}",
        with: "na-smb:          {method: weighted, members: [dan, eve], catch_up: capped 2}")
    static let pooled = RulebookLoader.load(yaml: source, file: "rulebook.yaml").rulebook!

    /// 160 leads routed by `pooled` in two parts: the first while dan was paused, the second after his
    /// resume, with ben away and more leads in the duplicate window.
    static func routedThroughChanges(_ engine: Engine) throws -> any LeadStore {
        let store = try engine.store()
        let clock = TestClock(tuesday)
        try store.record(rulebook: pooled, source: source, author: "test", at: tuesday)
        let desk = try Desk(store: store, rulebook: pooled, clock: { clock.now })
        let leads = streamLeads(160, seed: 11)
        _ = try store.insert(incoming(Array(leads[..<100])), quarantine: [], at: tuesday, actor: "import")
        try desk.pause(owner: "dan", reason: "call", actor: "olga")
        try desk.drain()
        // Later changes: a resume, an absence, more leads. Replays use what was in force at the time.
        clock.set(tuesday.addingTimeInterval(600))
        try desk.resume(owner: "dan", actor: "olga")
        try desk.setAbsence(owner: "ben", from: "2026-11-24", until: "2026-11-30", actor: "olga")
        _ = try store.insert(incoming(Array(leads[100...])), quarantine: [], at: clock.now, actor: "import")
        try desk.drain()
        return store
    }

    @Test(arguments: Engine.available)
    func everyDecisionReplaysExactlyEvenAfterPausesAbsencesAndNewLeadsChangedTheState(_ engine: Engine) async throws {
        try await onThread {
            let rulebook = Self.pooled
            #expect(rulebook.pool("na-smb")?.catchUp == .capped(2))
            let store = try Self.routedThroughChanges(engine)

            let records = try store.leads(LeadFilter(limit: 1_000))
            #expect(records.count == 160)
            var pausedSeen = false, duplicateSeen = false, forgiven = false
            for record in records where record.decision != nil {
                let result = try Desk.replay(record.lead.id, in: store)
                #expect(result.reproduced, "\(record.lead.id): \(result.differences)")
                let text = DecisionText.lines(result.stored).joined(separator: "\n")
                pausedSeen = pausedSeen || text.contains("paused by olga: call")
                duplicateSeen = duplicateSeen || DecisionReplay.duplicateOf(result.stored) != nil
                forgiven = forgiven || result.stored.inputs?.pools.contains { $0.excused.contains { $0 > 0 } } == true
            }
            #expect(pausedSeen && duplicateSeen && forgiven)

            // The stored ledger is the routing state's: forgiven shares included, capped at two leads behind.
            let ledger = try store.ledger()
            let pool = try #require(Fairness.ledger(rulebook, ledger).first { $0.pool == "na-smb" })
            let dan = try #require(pool.members.first { $0.owner == "dan" })
            #expect(dan.forgiven > 0)
            #expect(try store.doctor().problems.isEmpty)
        }
    }
}
