import Foundation
import Testing
import HandoffCore
import HandoffDesk
import HandoffWorkspace
import HandoffStore

/// A lead taken in and decided at once is one `routed` log entry; every reader expands it, so it reads
/// as the three entries a lead routed through the queue still writes.
@Suite(.dropsItsDatabases) struct RoutedEntryTests {
    let leads = incoming(streamLeads(400, seed: 17))

    /// The same leads imported then routed from the queue (three entries a lead), and imported routed.
    func pair(_ engine: Engine) throws -> (queued: any LeadStore, routed: any LeadStore) {
        let queued = try engine.store()
        _ = try queued.insert(leads, quarantine: [], at: tuesday, actor: "import")
        _ = try Desk(store: queued, rulebook: exampleRulebook, clock: { tuesday }).drain(batchSize: 50)
        let routed = try engine.store()
        _ = try Desk(store: routed, rulebook: exampleRulebook, clock: { tuesday }).importRouting(actor: "import", batchSize: 64) { feed in
            for lead in leads { try feed.add(lead) }
        }
        return (queued, routed)
    }

    /// A lead's history without the entries' numbers (the queue numbers arrivals before decisions).
    func history(_ store: any LeadStore, _ id: String) throws -> [String] {
        try store.events(lead: id, after: 0, limit: .max).map(Self.line)
    }

    static func line(_ e: LeadEvent) -> String {
        "\(e.leadId) \(e.kind.rawValue) \(e.actor) v\(e.leadVersion) \(e.rulebookVersion ?? "-") \(e.reason ?? "-") \(e.detail.owner ?? "-") "
            + "\(e.detail.previousOwner ?? "-") \(e.detail.text ?? "-") \(e.detail.from?.rawValue ?? "-")>\(e.detail.to?.rawValue ?? "-") \(e.at)"
    }


    @Test(arguments: Engine.available)
    func storesOneEntryALeadAndReadsAsTheThreeOfTheQueue(_ engine: Engine) async throws {
        try await onThread {
            let (queued, routed) = try pair(engine)
            // Numbered as the three entries would have been: the log reads 1...N without a gap.
            let all = try routed.events(lead: nil, after: 0, limit: .max)
            #expect(all.map(\.seq) == Array(1...Int64(all.count)))
            let queuedCount = try queued.counts().events, routedCount = try routed.counts().events, latest = try routed.latestEvent()
            #expect(all.count == queuedCount && routedCount == all.count && latest == Int64(all.count))
            for serial in [1, 2, 57, 200, 399, 400] {
                let id = LeadId.make(serial)
                #expect(try history(routed, id) == history(queued, id))
            }
            // Both kinds of outcome, and a lead that failed its readiness checks (never `ready`), are there.
            let kinds = Set(all.map(\.kind))
            #expect(kinds == [.received, .checked, .assigned, .flagged])
            #expect(all.contains { $0.kind == .flagged && $0.detail.from == .received })
        }
    }

    @Test(arguments: Engine.available)
    func theChainHoldsAndDoctorReplaysIt(_ engine: Engine) async throws {
        try await onThread {
            let (_, routed) = try pair(engine)
            let audit = try routed.auditLog(anchor: nil, progress: nil)
            let latest = try routed.latestEvent()
            #expect(audit.intact && audit.entries == Int(latest))
            #expect(try routed.logAnchor()?.seq == latest)
            let report = try routed.doctor()
            #expect(report.healthy && report.events == Int(latest))
        }
    }

    @Test(arguments: Engine.available)
    func reviewSLAAndOwnersReadTheSame(_ engine: Engine) async throws {
        try await onThread {
            let (queued, routed) = try pair(engine)
            var reader = ReviewReader()
            let days = tuesday.addingTimeInterval(2 * 86_400)
            let reviewQueued = try Desk(store: queued, rulebook: exampleRulebook, clock: { days }).review(last: 7 * 86_400, reader: &reader)
            var other = ReviewReader()
            let reviewRouted = try Desk(store: routed, rulebook: exampleRulebook, clock: { days }).review(last: 7 * 86_400, reader: &other)
            #expect(reviewRouted == reviewQueued)
            #expect(reviewRouted.all.leads == 400)

            let assigned = try routed.leads(LeadFilter(state: .assigned, limit: 1_000))
            #expect(!assigned.isEmpty)
            for record in assigned.prefix(5) {
                #expect(try routed.owners(of: record.lead.id) == queued.owners(of: record.lead.id))
                #expect(try routed.owners(of: record.lead.id) == [record.owner!])
            }
            // The SLA timer acts on both alike, and the reroute's earlier owners come from the routed entry.
            let sweptQueued = try Desk(store: queued, rulebook: exampleRulebook, clock: { days }).sweep()
            let sweptRouted = try Desk(store: routed, rulebook: exampleRulebook, clock: { days }).sweep()
            var a = sweptQueued, b = sweptRouted
            a.elapsed = .zero
            b.elapsed = .zero
            #expect(a == b && a.acted > 0)
            for record in assigned.prefix(20) {
                #expect(try history(routed, record.lead.id) == history(queued, record.lead.id))
            }
            #expect(try routed.doctor().healthy)
        }
    }

    @Test(arguments: Engine.available)
    func theFeedPagesThroughExpandedEntriesWhereverItStops(_ engine: Engine) async throws {
        try await onThread {
            let (_, routed) = try pair(engine)
            let all = try routed.events(lead: nil, after: 0, limit: .max)
            // One entry at a time, from every position: the same entries, each once.
            var after: Int64 = 0, paged: [LeadEvent] = []
            while let next = try routed.events(lead: nil, after: after, limit: 1).first {
                paged.append(next)
                after = next.seq
            }
            #expect(paged == all)
            let seven = try routed.events(lead: nil, after: 4, limit: 7)
            #expect(seven == Array(all[4..<11]))
            // The last entry of a lead is its decision, as a refused command's "changed since" shows.
            let latest = try routed.events(lead: LeadId.make(3), after: 0, limit: .max).last
            #expect(latest?.kind == .assigned || latest?.kind == .flagged)
        }
    }

    /// A command based on the version before the decision is refused with the decision as what changed,
    /// as it is for a lead routed from the queue.
    @Test(arguments: Engine.available)
    func aRefusedCommandNamesTheDecisionAsWhatChanged(_ engine: Engine) async throws {
        try await onThread {
            let (queued, routed) = try pair(engine)
            func refusal(_ store: any LeadStore) throws -> StaleVersion? {
                do {
                    _ = try store.apply(.annotate("call back"), to: "L-0000007", basedOn: 1, actor: "olga", at: tuesday, rulebookVersion: nil)
                    return nil
                } catch let stale as StaleVersion {
                    return stale
                }
            }
            let a = try #require(try refusal(routed)), b = try #require(try refusal(queued))
            #expect(a.current == b.current && a.current >= 2)
            #expect(a.latest.map(Self.line) == b.latest.map(Self.line))
            #expect(a.latest?.kind == .assigned || a.latest?.kind == .flagged)
            #expect(a.latest?.seq == (try routed.events(lead: "L-0000007", after: 0, limit: .max).last?.seq))
        }
    }

    @Test(arguments: Engine.available)
    func theConsoleCountsAndListsTheExpandedLog(_ engine: Engine) async throws {
        try await onThread {
            let (queued, routed) = try pair(engine)
            func read(_ store: any LeadStore, _ window: EventWindow) throws -> ListPage<LeadEvent> {
                try store.consoleRead(ConsoleRequest(afterEvent: 0, factLimit: 0, recentEvents: 0, events: window)).events
            }
            for window in [EventWindow(offset: 0, limit: 50, fromEnd: false), EventWindow(offset: 31, limit: 20, fromEnd: false),
                           EventWindow(offset: 0, limit: 40, fromEnd: false, sort: ListSort("kind")),
                           EventWindow(offset: 100, limit: 40, fromEnd: false, sort: ListSort("owner", descending: true))] {
                let r = try read(routed, window), q = try read(queued, window)
                #expect(r.total == q.total && r.rows.count == q.rows.count)
                if window.sort == nil {
                    // In the log's order, a page is the entries numbered from its offset on.
                    #expect(r.rows.map(\.seq) == Array(Int64(window.offset + 1)...Int64(window.offset + window.limit)))
                } else {
                    // Sorted, the two logs hold the same entries, so a page shows the same kinds and owners.
                    #expect(r.rows.map(\.kind) == q.rows.map(\.kind) && r.rows.map(\.detail.owner) == q.rows.map(\.detail.owner))
                }
            }
            let baseline = try routed.consoleBaseline(handoffsSince: tuesday.addingTimeInterval(-60), minutesFrom: tuesday.addingTimeInterval(-300),
                                                      minutes: 10, recentEvents: 30)
            let queuedBaseline = try queued.consoleBaseline(handoffsSince: tuesday.addingTimeInterval(-60), minutesFrom: tuesday.addingTimeInterval(-300),
                                                            minutes: 10, recentEvents: 30)
            #expect(baseline.handoffs.count == queuedBaseline.handoffs.count && baseline.handoffs.allSatisfy { $0.kind == .assigned })
            #expect(baseline.recent.count == 30 && baseline.recent.map(\.seq) == Array((baseline.latestEvent - 29)...baseline.latestEvent))
            #expect(baseline.receivedPerMinute == queuedBaseline.receivedPerMinute)
            let facts = try routed.consoleRead(ConsoleRequest(afterEvent: 5, factLimit: 10_000, recentEvents: 0, lists: [], countLimit: 0, events: nil))
            #expect(facts.facts.map(\.seq) == Array(6...facts.latestEvent))
            let all = try routed.events(lead: nil, after: 5, limit: .max)
            #expect(facts.facts.map(\.kind) == all.map(\.kind) && facts.facts.map(\.leadId) == all.map(\.leadId))
        }
    }

    @Test(arguments: Engine.available)
    func handbackDeliversEachDecisionUnderItsOwnNumber(_ engine: Engine) async throws {
        try await onThread {
            // Registered before the entries are written: a fresh store of each kind.
            let a = try engine.store(), b = try engine.store()
            try a.registerDeliveryTargets(["webhook:a"])
            try b.registerDeliveryTargets(["webhook:a"])
            _ = try a.insert(leads, quarantine: [], at: tuesday, actor: "import")
            _ = try Desk(store: a, rulebook: exampleRulebook, clock: { tuesday }).drain(batchSize: 50)
            _ = try Desk(store: b, rulebook: exampleRulebook, clock: { tuesday }).importRouting(actor: "import", batchSize: 64) { feed in
                for lead in leads { try feed.add(lead) }
            }
            let plan: (String, HandbackEntry) -> DeliveryPlan? = { _, entry in
                DeliveryPlan(body: "\(entry.handback.type) \(entry.event.leadId)", owner: entry.event.detail.owner)
            }
            // In small takes, so a take stops inside the log.
            var made = (0, 0)
            while case let n = try a.takeDeliveries(targets: ["webhook:a"], limit: 7, at: tuesday, plan: plan), n > 0 { made.0 += n }
            while case let n = try b.takeDeliveries(targets: ["webhook:a"], limit: 7, at: tuesday, plan: plan), n > 0 { made.1 += n }
            #expect(made.0 == 400 && made.1 == 400)
            let bodiesA = try a.deliveries(failedOnly: false, limit: 1_000).map(\.body).sorted()
            let routedDeliveries = try b.deliveries(failedOnly: false, limit: 1_000)
            #expect(routedDeliveries.map(\.body).sorted() == bodiesA)
            // Each under the number of the decision it reports.
            let decisions = try b.events(lead: nil, after: 0, limit: .max).filter { $0.kind == .assigned || $0.kind == .flagged }
            #expect(Set(routedDeliveries.map(\.eventSeq)) == Set(decisions.map(\.seq)))
        }
    }

    /// A workspace written before routed entries (three entries a lead), then imported into routed:
    /// one log, numbered throughout, read and checked as one.
    @Test(arguments: Engine.available)
    func oldAndNewEntriesReadAsOneLog(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let old = Array(leads.prefix(150)), new = Array(leads.suffix(250))
            _ = try store.insert(old, quarantine: [], at: tuesday, actor: "import")
            _ = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }).drain(batchSize: 50)
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday.addingTimeInterval(60) })
            _ = try desk.importRouting(actor: "import", batchSize: 64) { feed in
                for lead in new { try feed.add(lead) }
            }
            let all = try store.events(lead: nil, after: 0, limit: .max)
            #expect(all.map(\.seq) == Array(1...Int64(all.count)))
            #expect(all.filter { $0.kind == .received }.count == 400)
            #expect(try store.auditLog(anchor: nil, progress: nil).intact)
            #expect(try store.doctor().healthy)
            var reader = ReviewReader()
            let review = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday.addingTimeInterval(120) }).review(last: 86_400, reader: &reader)
            #expect(review.all.leads == 400)
        }
    }

    /// The routing core of one process catches up on leads another routed in an import.
    @Test(arguments: Engine.available)
    func theRoutingCoreCatchesUpOnRoutedImports(_ engine: Engine) async throws {
        try await onThread {
            let (store, location) = try engine.fresh()
            let router = try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday })
            try router.prepare()
            let importer = try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday })
            _ = try importer.importRouting(actor: "import", batchSize: 10) { feed in try feed.add(incoming([lead("first", email: "sam@globex.de")])[0]) }
            _ = try store.insert(incoming([lead("second", email: "SAM@globex.de")]), quarantine: [], at: tuesday, actor: "import")
            #expect(try router.drain().routed == 1)
            let second = try #require(try store.lead("L-0000002"))
            #expect(second.reason == .duplicateSuspect && second.decision?.duplicateOf == "L-0000001")
        }
    }

}
