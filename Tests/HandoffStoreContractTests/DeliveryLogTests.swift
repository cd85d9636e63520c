import Foundation
import Testing
import HandoffCore
import HandoffDesk
import HandoffStore

/// The delivery log: the handoff log as the outbox, with a cursor per target.
@Suite(.dropsItsDatabases) struct DeliveryLogTests {
    struct Crash: Error {}

    /// A body naming the entry, so tests can tell which entry a delivery reports.
    static func planAll(_ target: String, _ entry: HandbackEntry) -> DeliveryPlan? {
        DeliveryPlan(body: "\(entry.handback.type) \(entry.event.seq)", owner: entry.event.detail.owner)
    }

    /// Three leads routed (two assigned, one flagged) through a desk on a fresh store.
    func routedStore(_ engine: Engine) throws -> (any LeadStore, Desk) {
        let store = try engine.store()
        try store.registerDeliveryTargets(["webhook:a", "hubspot"])
        _ = try store.insert(incoming([lead("a"), lead("b", company: nil), lead("c", email: "kim@initech.us", country: "US", employees: "50")]),
                             quarantine: [], at: tuesday, actor: "import")
        let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
        _ = try desk.drain()
        return (store, desk)
    }

    @Test(arguments: Engine.available)
    func everyHandbackEntryBecomesOneDeliveryPerTargetAndNothingTwice(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try routedStore(engine)
            let made = try store.takeDeliveries(targets: ["webhook:a", "hubspot"], limit: 100, at: tuesday, plan: Self.planAll)
            // Two assignments and one flag, for each of two targets; received and checked entries report nothing.
            #expect(made == 6)
            #expect(try store.takeDeliveries(targets: ["webhook:a", "hubspot"], limit: 100, at: tuesday, plan: Self.planAll) == 0)
            let all = try store.deliveries(failedOnly: false, limit: 100)
            #expect(all.count == 6)
            #expect(Set(all.map(\.event)) == ["lead.assigned", "lead.flagged"])
            #expect(all.allSatisfy { $0.status == .pending && $0.attempts == 0 })
            #expect(Set(all.filter { $0.target == "hubspot" }.map(\.eventSeq)) == Set(all.filter { $0.target == "webhook:a" }.map(\.eventSeq)))
        }
    }

    @Test(arguments: Engine.available)
    func aCrashWhileTakingLosesNothingAndInventsNothing(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try routedStore(engine)
            var planned = 0
            // The process dies after planning two deliveries: the transaction never commits.
            #expect(throws: Crash.self) {
                try store.takeDeliveries(targets: ["webhook:a", "hubspot"], limit: 100, at: tuesday) { target, entry in
                    planned += 1
                    if planned == 3 { throw Crash() }
                    return Self.planAll(target, entry)
                }
            }
            #expect(try store.deliveries(failedOnly: false, limit: 100).isEmpty)
            // Taken again after the "restart": every entry once, for each target.
            #expect(try store.takeDeliveries(targets: ["webhook:a", "hubspot"], limit: 100, at: tuesday, plan: Self.planAll) == 6)
            let bodies = try store.deliveries(failedOnly: false, limit: 100).map { "\($0.target) \($0.body)" }
            #expect(bodies.count == Set(bodies).count)
        }
    }

    @Test(arguments: Engine.available)
    func aTargetAddedLaterHearsOnlyOfWhatHappensAfterIt(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try routedStore(engine)
            try store.registerDeliveryTargets(["webhook:late"])
            #expect(try store.takeDeliveries(targets: ["webhook:late"], limit: 100, at: tuesday, plan: Self.planAll) == 0)
            let assigned = try #require(try store.lead("L-0000001"))
            _ = try desk.perform(.accept, on: assigned.lead.id, basedOn: assigned.version, actor: "owner:ana")
            let late = try store.takeDeliveries(targets: ["webhook:late"], limit: 100, at: tuesday, plan: Self.planAll)
            #expect(late == 1)
            #expect(try store.deliveries(failedOnly: false, limit: 10).first?.event == "lead.accepted")
            // Registering again keeps the place.
            try store.registerDeliveryTargets(["webhook:late"])
            #expect(try store.takeDeliveries(targets: ["webhook:late"], limit: 100, at: tuesday, plan: Self.planAll) == 0)
        }
    }

    @Test(arguments: Engine.available)
    func aSmallLimitTakesTheLogInPartsWithoutSkipping(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try routedStore(engine)
            var total = 0
            for _ in 0..<5 { total += try store.takeDeliveries(targets: ["webhook:a"], limit: 1, at: tuesday, plan: Self.planAll) }
            #expect(total == 3)
        }
    }

    @Test(arguments: Engine.available)
    func aLeadsDeliveriesGoOutInOrderAndOtherLeadsAreNotHeldUp(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try routedStore(engine)
            // Lead 1 is assigned, then accepted: two deliveries in order. Leads 2 and 3 have one each.
            let one = try #require(try store.lead("L-0000001"))
            _ = try desk.perform(.accept, on: one.lead.id, basedOn: one.version, actor: "owner:ana")
            _ = try store.takeDeliveries(targets: ["webhook:a"], limit: 100, at: tuesday, plan: Self.planAll)
            let later = tuesday.addingTimeInterval(1)

            var due = try store.dueDeliveries(targets: ["webhook:a"], at: later, excluding: [], limit: 10)
            #expect(due.map(\.leadId).sorted() == ["L-0000001", "L-0000002", "L-0000003"])
            let first = try #require(due.first { $0.leadId == "L-0000001" })
            #expect(first.event == "lead.assigned")

            // The first fails and waits a minute: the lead's acceptance waits with it; the others do not.
            try store.recordDeliveryAttempts([
                DeliveryAttempt(delivery: first.id, at: later, code: 503, error: "503", seconds: 0.01, next: .retry(at: later.addingTimeInterval(60))),
            ])
            due = try store.dueDeliveries(targets: ["webhook:a"], at: later, excluding: [], limit: 10)
            #expect(due.map(\.leadId).sorted() == ["L-0000002", "L-0000003"])
            // In flight: not handed out twice.
            #expect(try store.dueDeliveries(targets: ["webhook:a"], at: later, excluding: Set(due.map(\.id)), limit: 10).isEmpty)

            // Dead-lettered: the acceptance goes next.
            try store.recordDeliveryAttempts([
                DeliveryAttempt(delivery: first.id, at: later, code: 401, error: "refused", seconds: 0.01, next: .dead),
            ])
            due = try store.dueDeliveries(targets: ["webhook:a"], at: later, excluding: [], limit: 10)
            #expect(due.first { $0.leadId == "L-0000001" }?.event == "lead.accepted")

            let dead = try #require(try store.delivery(first.id))
            #expect(dead.status == .dead && dead.attempts == 2 && dead.roundAttempts == 2 && dead.lastCode == 401 && dead.lastError == "refused")
            #expect(try store.deliveryAttempts(first.id).map(\.code) == [503, 401])
            #expect(try store.deliveries(failedOnly: true, limit: 10).map(\.id) == [first.id])
            #expect(try store.deliveryCounts()[.dead] == 1)
        }
    }

    @Test(arguments: Engine.available)
    func retryPutsOnlyDeadLetteredDeliveriesBackWithAFreshRound(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try routedStore(engine)
            _ = try store.takeDeliveries(targets: ["webhook:a"], limit: 100, at: tuesday, plan: Self.planAll)
            let due = try store.dueDeliveries(targets: ["webhook:a"], at: tuesday, excluding: [], limit: 10)
            try store.recordDeliveryAttempts([
                DeliveryAttempt(delivery: due[0].id, at: tuesday, code: nil, error: "no answer", seconds: 1, next: .dead),
                DeliveryAttempt(delivery: due[1].id, at: tuesday, code: 200, error: nil, seconds: 0.1, next: .delivered),
            ])
            let later = tuesday.addingTimeInterval(30)
            #expect(try store.retryDeliveries([due[1].id, 999], at: later) == [])
            #expect(try store.retryDeliveries([due[0].id], at: later) == [due[0].id])
            let again = try #require(try store.delivery(due[0].id))
            #expect(again.status == .pending && again.roundAttempts == 0 && again.attempts == 1 && again.nextAt == later)
            #expect(try store.retryDeliveries(nil, at: later) == [])
        }
    }

    @Test(arguments: Engine.available)
    func skippedDeliveriesAreRecordedWithTheirReasonAndNeverDue(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try routedStore(engine)
            _ = try store.takeDeliveries(targets: ["hubspot"], limit: 100, at: tuesday) { _, entry in
                DeliveryPlan(body: "", owner: entry.event.detail.owner, skipped: "owner has no hubspot id")
            }
            let all = try store.deliveries(failedOnly: false, limit: 10)
            #expect(all.count == 3 && all.allSatisfy { $0.status == .skipped && $0.lastError == "owner has no hubspot id" })
            #expect(try store.dueDeliveries(targets: ["hubspot"], at: tuesday.addingTimeInterval(60), excluding: [], limit: 10).isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func takingForATargetWithoutAPlaceIsRefused(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try routedStore(engine)
            #expect(throws: DeliveryTargetUnknown.self) {
                try store.takeDeliveries(targets: ["webhook:never"], limit: 10, at: tuesday, plan: Self.planAll)
            }
        }
    }
}
