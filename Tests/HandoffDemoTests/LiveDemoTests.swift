import Foundation
import Synchronization
import Testing
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore

/// A database path in a fresh temporary folder.
func demoPath() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-live-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("live.db").path
}

/// A wall clock tests move by hand.
final class WallClock: Sendable {
    private let instant = Mutex(Date(timeIntervalSince1970: 1_000_000))
    var now: Date { instant.withLock { $0 } }
    func pass(_ seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite struct LiveDemoTests {
    let start = LiveDemo.Settings.defaultStart
    /// Small enough to run quickly: 30 leads a simulated minute, 40 minutes of warm-up.
    var small: LiveDemo.Settings { LiveDemo.Settings(seed: 3, leadsPerMinute: 30, start: start, warmUp: 2_400) }

    func open(_ settings: LiveDemo.Settings, path: String? = nil) throws -> LiveDemo {
        let workspace = try DemoWorkspace.prepare(path: path ?? demoPath(), seed: settings.seed, start: settings.start, warmUp: settings.warmUp)
        return try LiveDemo(workspace: workspace, settings: settings)
    }

    /// Everything the store holds, in order.
    func contents(_ demo: LiveDemo) throws -> (leads: [LeadRecord], events: [LeadEvent], quarantined: [QuarantinedRecord]) {
        let store = demo.desk.store
        return (try store.leads(LeadFilter(limit: 1_000_000)), try store.events(lead: nil, after: 0, limit: 1_000_000), try store.quarantined(limit: 1_000_000))
    }

    @Test func smallStepsMakeTheSameStoreAsOneBigOne() throws {
        let end = start.addingTimeInterval(240)
        let once = try open(small)
        let whole = try once.advance(to: end)
        #expect(whole.reached == end && whole.inserted > 0 && whole.accepted > 0)

        let stepped = try open(small)
        var now = start.addingTimeInterval(-small.warmUp)
        var total = LiveDemo.Step(reached: now)
        var i = 0
        while now < end {
            // Uneven steps, most not on a tick's end.
            i += 1
            now = min(now.addingTimeInterval([0.4, 7.3, 61, 13.9, 0][i % 5] + Double(i % 3)), end)
            let step = try stepped.advance(to: now)
            #expect(step.reached <= now && step.reached > now.addingTimeInterval(-61))
            total.arrived += step.arrived
            total.inserted += step.inserted
            total.accepted += step.accepted
            total.routed += step.routed
        }
        #expect(total.arrived == whole.arrived && total.inserted == whole.inserted && total.accepted == whole.accepted && total.routed == whole.routed)
        let a = try contents(once), b = try contents(stepped)
        #expect(a.leads.count == b.leads.count && a.events.count == b.events.count)
        #expect(a.leads == b.leads)
        #expect(a.events == b.events)
        #expect(a.quarantined == b.quarantined)
    }

    @Test func ownersAcceptSomeLateAndSomeNever() throws {
        let demo = try open(small)
        let step = try demo.advance(to: start)
        #expect(step.arrived > 1_000 && step.routed == step.inserted && step.quarantined == step.arrived - step.inserted)
        #expect(step.assigned > 100 && step.accepted > 50)
        let events = try demo.desk.store.events(lead: nil, after: 0, limit: 1_000_000)
        let accepts = events.filter { $0.kind == .accepted }
        #expect(accepts.count == step.accepted)
        #expect(accepts.allSatisfy { $0.actor == "owner:\($0.detail.owner ?? "")" })
        // Every event carries simulated time, never past the moment reached.
        #expect(events.allSatisfy { $0.at >= start.addingTimeInterval(-small.warmUp) && $0.at <= start })
        let snapshot = try demo.desk.snapshot()
        #expect(snapshot.takenAt == start)
        // The warm-up ran the SLA timer: late leads were rerouted or flagged, by `sla`.
        #expect(events.contains { $0.actor == "sla" && $0.kind == .rerouted } && events.contains { $0.actor == "sla" && $0.kind == .slaBreached })
        #expect(snapshot.owners.contains { $0.acceptMedian != nil })
        // Accept delays: mostly quick, about one in seven after the SLA, a few never.
        let response = OwnerResponse()
        let delays = (0..<2_000).map { response.delay(lead: LeadId.make($0), owner: "ana", seed: 3, acceptWithin: 1_800) }
        let late = delays.count { ($0 ?? 0) > 1_800 }, never = delays.count { $0 == nil }
        #expect((240...360).contains(late) && (5...40).contains(never))
        #expect(delays == (0..<2_000).map { response.delay(lead: LeadId.make($0), owner: "ana", seed: 3, acceptWithin: 1_800) })
    }

    @Test func aReusedWorkspaceContinuesTime() throws {
        let path = try demoPath()
        let first = try open(small, path: path)
        let firstStep = try first.advance(to: start.addingTimeInterval(120))
        let before = try contents(first)
        let newest = try #require(before.events.last?.at)

        // Asked to start earlier than the stored history ends: time carries on from the newest entry.
        var again = small
        again.start = start.addingTimeInterval(-86_400)
        let workspace = try DemoWorkspace.prepare(path: path, seed: again.seed, start: again.start, warmUp: again.warmUp)
        #expect(!workspace.isNew && workspace.resumesAt == newest)
        let second = try LiveDemo(workspace: workspace, settings: again)
        #expect(second.reached == newest)
        let step = try second.advance(to: newest.addingTimeInterval(600))
        #expect(step.inserted > 200 && step.inserted == step.arrived - step.quarantined) // no idempotency key reused
        let after = try contents(second)
        let added = after.events.dropFirst(before.events.count)
        #expect(added.allSatisfy { $0.at >= newest })
        #expect(after.leads.count == before.leads.count + step.inserted)
        // Leads left assigned by the first run are accepted by the second.
        let leftOpen = Set(before.leads.filter { $0.state == .assigned }.map(\.lead.id))
        #expect(!leftOpen.isEmpty && added.contains { $0.kind == .accepted && leftOpen.contains($0.leadId) })
        // The new stream is not the old one again: few of its people were seen before.
        let oldEmails = Set(before.leads.compactMap(\.lead.email))
        let newLeads = after.leads.prefix(step.inserted)
        #expect(newLeads.count { oldEmails.contains($0.lead.email ?? "") } < newLeads.count / 5)
        #expect(firstStep.inserted > 0)
    }

    @Test func theClockRunsAtTheChosenSpeed() {
        let wall = WallClock()
        let clock = DemoClock(start: start, speed: 10, wall: { wall.now })
        #expect(clock.now() == start)
        wall.pass(6)
        #expect(clock.now() == start.addingTimeInterval(60))
        let time = DemoTime(start)
        time.advance(to: start.addingTimeInterval(5))
        time.advance(to: start) // never backwards
        #expect(time.now == start.addingTimeInterval(5))
    }

    /// The defaults as `handoff demo --speed 10` would run them: an hour of history at once, then a
    /// wall minute, and every view has something to show, SLA breaches included. (The console's own SLA
    /// timer is not running here, so leads that breach in that minute stay assigned and countable.)
    @Test func atSpeedTenEveryViewIsAliveWithinAWallMinute() throws {
        let settings = LiveDemo.Settings(seed: 1, speed: 10)
        let demo = try open(settings)
        try demo.advance(to: settings.start)
        let wall = WallClock()
        let clock = demo.clock(wall: { wall.now })
        func breached() throws -> Set<String> {
            let cutoff = demo.time.now.addingTimeInterval(-1_800)
            return Set(try demo.desk.store.leads(LeadFilter(state: .assigned, limit: 100_000)).filter { $0.updatedAt < cutoff }.map(\.lead.id))
        }
        // The warm-up's SLA timer acted on what was late; nothing is past its accept-by time yet.
        let atStart = try breached()
        #expect(try demo.desk.snapshot().slaBreaches == atStart.count && atStart.isEmpty)
        for _ in 0..<12 {
            wall.pass(5)
            try demo.advance(to: clock.now())
        }
        #expect(demo.reached == settings.start.addingTimeInterval(600))
        let snapshot = try demo.desk.snapshot()
        #expect(snapshot.slaBreaches > 0 && snapshot.incoming.count == 500 && snapshot.exceptions.count > 100)
        for reason in [ExceptionReason.duplicateSuspect, .reviewRequired, .freeEmail, .missingField] {
            #expect(snapshot.counts.flaggedByReason[reason, default: 0] > 0, "\(reason)")
        }
        #expect(snapshot.counts.quarantined > 0)
        // Owners at work have leads and accept them; the view also shows some who are not (off hours, away).
        let working = snapshot.owners.filter { $0.assignedToday > 0 }
        #expect(working.count >= snapshot.owners.count - 3 && working.allSatisfy { $0.acceptMedian != nil })
        #expect(working.count < snapshot.owners.count)
        #expect(snapshot.minutes.allSatisfy { $0.received > 0 })
        #expect(snapshot.activity.count == 500)
        // Leads that breached during that minute, not only before it.
        #expect(try !breached().subtracting(atStart).isEmpty)
    }
}

@Suite struct LiveDemoChartTests {
    /// The header's per-minute chart counts each arrival once: as the log has it, by the minute of the
    /// `received` entry, on the first snapshot and on every one after it.
    @Test func arrivalsPerMinuteMatchTheLog() throws {
        let start = LiveDemo.Settings.defaultStart
        let settings = LiveDemo.Settings(seed: 5, leadsPerMinute: 30, start: start, warmUp: 1_200)
        let workspace = try DemoWorkspace.prepare(path: demoPath(), seed: 5, start: start, warmUp: settings.warmUp)
        let demo = try LiveDemo(workspace: workspace, settings: settings)
        _ = try demo.advance(to: start)

        func logged() throws -> [Int64: Int] {
            var perMinute: [Int64: Int] = [:]
            for event in try demo.desk.store.events(lead: nil, after: 0, limit: 1_000_000) where event.kind == .received {
                perMinute[Int64((event.at.timeIntervalSince1970 / 60).rounded(.down)), default: 0] += 1
            }
            return perMinute
        }
        func check(_ snapshot: DeskSnapshot, _ log: [Int64: Int]) {
            for minute in snapshot.minutes {
                let m = Int64((minute.minute.timeIntervalSince1970 / 60).rounded(.down))
                #expect(minute.received == log[m, default: 0], "minute \(minute.minute): chart \(minute.received), log \(log[m, default: 0])")
            }
        }
        check(try demo.desk.snapshot(), try logged())
        _ = try demo.advance(to: start.addingTimeInterval(150))
        check(try demo.desk.snapshot(), try logged())
    }
}
