import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffSQLite
import HandoffStore
import Synchronization

// The SLA sweep over a desk with OPEN assigned leads (default 100,000), release build:
//   1. none due: the sweep reads the candidates (none) and stops;
//   2. 1% overdue (given to owners 40 minutes earlier): those are rerouted, the rest untouched.
// The synthetic 500-owner rulebook with capacities lifted, so every lead is assigned; SLA 30m with a
// reminder 10m before and reroute on breach.
// Usage: SweepProfile [OPEN=100000]
let open = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
let path = NSTemporaryDirectory() + "sweep-\(getpid()).db"
defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }

let workspace = SyntheticWorkspace.generate(seed: 42, accounts: 2_000)
var rulebook = workspace.rulebook
rulebook.owners = rulebook.owners.map { var owner = $0; owner.capacity = nil; owner.hours = .always; return owner }
rulebook.sla = SLAPolicy(acceptWithin: 1_800, onBreach: .reroute, remindBefore: 600)
let routedAt = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!
let store = try SQLiteStore(path: path)
_ = try store.upsert(accounts: workspace.accounts)
let instant = Mutex(routedAt.addingTimeInterval(-2_400))
let desk = try Desk(store: store, rulebook: rulebook, clock: { instant.withLock { $0 } })
var stream = LeadStream(seed: 42, accounts: workspace.accounts, start: routedAt.addingTimeInterval(-3_600), spacing: 0.01)
@MainActor func route(_ n: Int, at time: Date) throws {
    instant.withLock { $0 = time }
    var left = n
    while left > 0 {
        let batch = min(left, 10_000)
        var leads: [IncomingLead] = []
        for _ in 0..<batch { let lead = stream.next(); leads.append(IncomingLead(lead: lead, idempotencyKey: lead.externalId!)) }
        _ = try store.insert(leads, quarantine: [], at: time, actor: "bench")
        try desk.drain(batchSize: 5_000)
        left -= batch
    }
}
let early = open / 100
try route(early, at: routedAt.addingTimeInterval(-2_400))
try route(open - early, at: routedAt)
let assigned = try store.counts().byState[.assigned] ?? 0
print("open assigned leads: \(assigned) (\(early) given 40 minutes before the rest)")

@MainActor func timed(_ label: String, at time: Date) throws {
    instant.withLock { $0 = time }
    let sweep = try desk.sweep()
    let ms = Double(sweep.elapsed.components.attoseconds) / 1e15 + Double(sweep.elapsed.components.seconds) * 1_000
    print(String(format: "%@: %.1f ms (looked at %d, reminded %d, rerouted %d, flagged %d)", label, ms, sweep.looked, sweep.reminded, sweep.rerouted, sweep.breached))
}
try timed("sweep, nothing due for the 99%", at: routedAt.addingTimeInterval(300))
try timed("sweep again, nothing left to do", at: routedAt.addingTimeInterval(310))
