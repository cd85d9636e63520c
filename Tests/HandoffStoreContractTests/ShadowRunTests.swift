import Foundation
import Testing
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore

/// Shadow runs over a live stream: the desk decides every routed lead with the draft too, records each
/// pair apart from the log, and the divergences it counts are exactly those a plain replay finds.
@Suite(.dropsItsDatabases) struct ShadowRunTests {
    static let draftText = ExampleRulebook.yaml.replacingOccurrences(of: "employees: \">= 1000\"", with: "employees: \">= 500\"")
    static let draft = RulebookLoader.load(yaml: draftText, file: "draft.yaml").rulebook!

    static func start(_ store: any LeadStore, livePath: String = "rulebook.yaml") throws -> StoredShadow {
        try ShadowControl.start(store: store, draftText: draftText, draftPath: "draft.yaml", liveText: ExampleRulebook.yaml,
                                livePath: livePath, live: exampleRulebook, actor: "ana", at: tuesday)
    }

    /// The same leads through two plain contexts, one per rulebook, in the desk's order and at its time.
    static func independentDivergences(_ leads: [Lead], stored: [LeadRecord]) -> Int {
        var live = RoutingContext(rulebook: exampleRulebook, now: tuesday)
        var draft = RoutingContext(rulebook: draft, now: tuesday)
        var diverged = 0
        for record in stored {
            let a = ShadowOutcome(live.route(record.lead)), b = ShadowOutcome(draft.route(record.lead))
            if a.diverges(from: b) { diverged += 1 }
        }
        return diverged
    }

    @Test(arguments: Engine.available)
    func countsDivergencesExactlyOverALiveStream(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            let shadow = try Self.start(store)
            let leads = streamLeads(1_200, seed: 11)
            // Arriving in three parts, routed in small batches, as a live stream is.
            for part in stride(from: 0, to: leads.count, by: 400) {
                _ = try store.insert(incoming(Array(leads[part..<part + 400])), quarantine: [], at: tuesday, actor: "import")
                _ = try desk.drain(batchSize: 150)
            }
            let stored = try store.leads(LeadFilter(limit: .max)).sorted { $0.lead.id < $1.lead.id }
            let expected = Self.independentDivergences(leads, stored: stored)
            let standing = try #require(try store.shadowStanding(shadow.id, divergences: 5_000))
            #expect(standing.leads == 1_200)
            #expect(expected > 0 && expected < 1_200)
            #expect(standing.diverged == expected)
            #expect(standing.divergences.count == expected)
            // Each kept divergence is a real one, with the draft's reason worded.
            #expect(standing.divergences.allSatisfy { $0.pair.live.diverges(from: $0.pair.draft) && !($0.pair.why ?? "").isEmpty })
            // Loads per owner add up to the assignments each side made.
            #expect(standing.liveLoads.values.reduce(0, +) == stored.filter { $0.state == .assigned }.count)
            // Nothing the draft decided is in the log or on a lead: every assignment is the live rulebook's.
            for record in stored { #expect(record.decision?.rulebookVersion == exampleRulebook.version) }
            let events = try store.events(lead: nil, after: 0, limit: .max)
            #expect(events.allSatisfy { $0.rulebookVersion == nil || $0.rulebookVersion == exampleRulebook.version })
        }
    }

    @Test(arguments: Engine.available)
    func aRoutedImportIsShadowedAsRoutingIs(_ engine: Engine) async throws {
        try await onThread {
            // The same stream imported and routed as it is stored diverges on exactly the same leads.
            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            let shadow = try Self.start(store)
            let leads = streamLeads(900, seed: 11)
            _ = try desk.importRouting(actor: "import", batchSize: 100) { feed in
                for lead in incoming(leads) { try feed.add(lead) }
            }
            let stored = try store.leads(LeadFilter(limit: .max)).sorted { $0.lead.id < $1.lead.id }
            let standing = try #require(try store.shadowStanding(shadow.id, divergences: 0))
            #expect(standing.leads == 900)
            #expect(standing.diverged == Self.independentDivergences(leads, stored: stored))
            #expect(standing.diverged > 0)
        }
    }

    @Test(arguments: Engine.available)
    func stopEndsTheShadowAndRoutingGoesOnAlone(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            let shadow = try Self.start(store)
            let leads = streamLeads(200, seed: 5)
            _ = try store.insert(incoming(Array(leads[..<100])), quarantine: [], at: tuesday, actor: "import")
            _ = try desk.drain()
            let stopped = try ShadowControl.stop(store: store, actor: "ben", at: tuesday.addingTimeInterval(60))
            #expect(stopped.end == .stopped && stopped.endedBy == "ben" && !stopped.isActive)
            _ = try store.insert(incoming(Array(leads[100...])), quarantine: [], at: tuesday, actor: "import")
            _ = try desk.drain()
            #expect(try store.shadowStanding(shadow.id, divergences: 0)?.leads == 100)
            #expect(try store.activeShadowId() == nil)
            #expect(throws: NoShadowRunning.self) { try ShadowControl.stop(store: store, actor: "ben", at: tuesday) }
        }
    }

    @Test(arguments: Engine.available)
    func oneShadowAtATime(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            _ = try Self.start(store)
            #expect(throws: ShadowAlreadyRunning.self) { try Self.start(store) }
        }
    }

    @Test(arguments: Engine.available)
    func aBrokenDraftIsRefusedWithEveryError(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let broken = Self.draftText.replacingOccurrences(of: "method: round_robin", with: "method: lottery")
                .replacingOccurrences(of: "method: load_balanced", with: "method: guesswork")
            do {
                _ = try ShadowControl.start(store: store, draftText: broken, draftPath: "draft.yaml", liveText: ExampleRulebook.yaml,
                                            livePath: "rulebook.yaml", live: exampleRulebook, actor: "ana", at: tuesday)
                Issue.record("a broken draft started")
            } catch let refused as ShadowDraftRefused {
                let errors = refused.lines.filter { $0.hasPrefix("draft.yaml:") && $0.contains(": error:") }
                #expect(errors.count >= 2)
                #expect(refused.lines.last?.contains("invalid") == true)
            }
            #expect(try store.activeShadowId() == nil)
        }
    }

    @Test(arguments: Engine.available)
    func promoteRecordsTheDraftAndWritesTheLiveFile(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let live = try temporaryFolder().appendingPathComponent("rulebook.yaml").path
            try ExampleRulebook.yaml.write(toFile: live, atomically: true, encoding: .utf8)
            _ = try Self.start(store, livePath: live)
            let promoted = try ShadowControl.promote(store: store, actor: "ana", at: tuesday.addingTimeInterval(120))
            #expect(promoted.shadow.end == .promoted && promoted.rulebook.version == Self.draft.version)
            #expect(try String(contentsOfFile: live, encoding: .utf8) == Self.draftText)
            #expect(try store.rulebooks().contains { $0.version == Self.draft.version && $0.author == "ana" })
            #expect(try store.rulebookSource(Self.draft.version) == Self.draftText)
            #expect(try store.activeShadowId() == nil)
        }
    }

    @Test(arguments: Engine.available)
    func promoteRefusesWhenTheLiveFileWasEditedSince(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let live = try temporaryFolder().appendingPathComponent("rulebook.yaml").path
            try ExampleRulebook.yaml.write(toFile: live, atomically: true, encoding: .utf8)
            _ = try Self.start(store, livePath: live)
            let edited = ExampleRulebook.yaml + "\n# a colleague's edit\n"
            try edited.write(toFile: live, atomically: true, encoding: .utf8)
            #expect(throws: ShadowPromoteRefused.self) { try ShadowControl.promote(store: store, actor: "ana", at: tuesday) }
            #expect(try String(contentsOfFile: live, encoding: .utf8) == edited)
            #expect(try store.activeShadowId() != nil)
            #expect(!(try store.rulebooks().contains { $0.version == Self.draft.version }))
        }
    }

    @Test(arguments: Engine.available)
    func theDraftsLoadsFollowDivergedLeadsUntilTheyClose(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            let shadow = try Self.start(store)
            _ = try store.insert(incoming(streamLeads(300, seed: 7)), quarantine: [], at: tuesday, actor: "import")
            _ = try desk.drain()
            let moved = try #require(try store.shadowStanding(shadow.id, divergences: 1_000)?.divergences.first {
                $0.pair.live.isAssigned && $0.pair.draft.isAssigned && $0.pair.live.owner != $0.pair.draft.owner
            })
            let before = try store.shadowCorrections(shadow.id)
            #expect(before.contains(ShadowCorrection(liveOwner: moved.pair.live.owner, draftOwner: moved.pair.draft.owner)))
            // Accepted: the lead is closed, so neither side's load holds it any longer.
            _ = try desk.perform(.accept, on: moved.pair.leadId, actor: "owner:\(moved.pair.live.owner!)")
            let after = try store.shadowCorrections(shadow.id)
            #expect(after.count == before.count - 1)
        }
    }
}
