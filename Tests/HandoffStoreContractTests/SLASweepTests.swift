import Foundation
import Testing
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffDemo

@Suite(.dropsItsDatabases) struct SLASweepTests {
    /// The example rulebook with a reminder ten minutes before the 30-minute accept-by time.
    static func rulebook(onBreach: BreachAction) -> Rulebook {
        var rulebook = exampleRulebook
        rulebook.sla = SLAPolicy(acceptWithin: 1_800, onBreach: onBreach, remindBefore: 600)
        return rulebook
    }

    /// One enterprise lead from Germany, routed at Tuesday 14:30 UTC to an EMEA owner.
    func routedLead(_ engine: Engine, _ rulebook: Rulebook) throws -> (Desk, TestClock, any LeadStore, LeadRecord) {
        let store = try engine.store()
        let clock = TestClock(tuesday)
        _ = try store.insert(incoming([lead("sla-1")]), quarantine: [], at: tuesday, actor: "import")
        let desk = try Desk(store: store, rulebook: rulebook, clock: { clock.now })
        try desk.drain()
        let record = try #require(try store.leads(LeadFilter(limit: 1)).first)
        #expect(record.state == .assigned)
        return (desk, clock, store, record)
    }

    func events(_ store: any LeadStore, _ id: String) throws -> [LeadEvent] { try store.events(lead: id, after: 0, limit: 100) }

    @Test(arguments: Engine.available)
    func remindsOnceBeforeTheDeadlineThenReroutesToSomeoneNew(_ engine: Engine) async throws {
        try await onThread {
            let (desk, clock, store, first) = try routedLead(engine, Self.rulebook(onBreach: .reroute))
            clock.set(tuesday.addingTimeInterval(10 * 60))
            #expect(try desk.sweep().acted == 0)
            clock.set(tuesday.addingTimeInterval(21 * 60))
            #expect(try desk.sweep().reminded == 1)
            #expect(try desk.sweep().acted == 0) // never twice
            clock.set(tuesday.addingTimeInterval(31 * 60))
            let sweep = try desk.sweep()
            #expect(sweep.rerouted == 1)
            let after = try #require(try store.lead(first.lead.id))
            #expect(after.state == .assigned)
            #expect(after.owner != first.owner)
            let rerouted = try #require(try events(store, first.lead.id).last)
            #expect(rerouted.kind == .rerouted && rerouted.actor == "sla" && rerouted.detail.previousOwner == first.owner)
            #expect(rerouted.detail.text == "\(first.owner!) did not accept within 30m")
            #expect(try desk.sweep().rerouted == 0) // the new owner's clock starts now
            #expect(try store.doctor().healthy)
        }
    }

    @Test(arguments: Engine.available)
    func flagsWhenThePolicySaysSo(_ engine: Engine) async throws {
        try await onThread {
            let (desk, clock, store, first) = try routedLead(engine, Self.rulebook(onBreach: .flag))
            clock.set(tuesday.addingTimeInterval(45 * 60))
            let sweep = try desk.sweep()
            #expect(sweep.breached == 1 && sweep.reminded == 0)
            let after = try #require(try store.lead(first.lead.id))
            #expect(after.state == .flagged && after.reason == .slaBreached && after.owner == first.owner)
            // A restart, or a jump of the clock, never breaches it again.
            let again = try Desk(store: store, rulebook: Self.rulebook(onBreach: .flag), clock: { clock.now })
            clock.set(tuesday.addingTimeInterval(5 * 3_600))
            #expect(try again.sweep().acted == 0)
            #expect(try store.doctor().healthy)
        }
    }

    @Test(arguments: Engine.available)
    func theDeadlineIsCountedInTheOwnersHours(_ engine: Engine) async throws {
        try await onThread {
            // Routed Tuesday 15:50 UTC, near the end of the Berlin day: the sweep acts on the deadline the owner's
            // hours give (Rulebook.acceptBy, tested hour by hour in the core), not a second before it.
            let store = try engine.store()
            let late = tuesday.addingTimeInterval(80 * 60)
            let clock = TestClock(late)
            var rulebook = Self.rulebook(onBreach: .flag)
            rulebook.sla?.remindBefore = nil
            _ = try store.insert(incoming([lead("sla-2")]), quarantine: [], at: late, actor: "import")
            let desk = try Desk(store: store, rulebook: rulebook, clock: { clock.now })
            try desk.drain()
            let record = try #require(try store.leads(LeadFilter(limit: 1)).first)
            let due = try #require(rulebook.acceptBy(owner: record.owner, route: record.route, since: record.updatedAt))
            clock.set(due.addingTimeInterval(-1))
            #expect(try desk.sweep().acted == 0)
            clock.set(due)
            let sweep = try desk.sweep()
            #expect(sweep.breached == 1, "\(record.state) \(record.owner ?? "-") since \(record.updatedAt) due \(due): \(sweep)")
        }
    }

    @Test(arguments: Engine.available)
    func aNoteDoesNotRestartTheClock(_ engine: Engine) async throws {
        try await onThread {
            let (desk, clock, store, first) = try routedLead(engine, Self.rulebook(onBreach: .flag))
            clock.set(tuesday.addingTimeInterval(20 * 60))
            let noted = try desk.perform(.annotate("called, no answer"), on: first.lead.id, actor: "olga")
            #expect(noted.updatedAt == first.updatedAt)
            clock.set(tuesday.addingTimeInterval(31 * 60))
            #expect(try desk.sweep().breached == 1)
            _ = store
        }
    }
}
