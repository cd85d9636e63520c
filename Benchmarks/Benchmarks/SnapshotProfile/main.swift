import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffSQLite
import HandoffStore

// Console snapshots on a large database: opening, the first snapshot, steady refreshes, filtered ones,
// and refreshes after each routed batch of new leads.
//
// Usage: SnapshotProfile DB [--live LEADS] [--batches N]
//        SnapshotProfile --demo DB     the live demo's start on a new workspace, at its defaults
//   --live LEADS   when DB does not exist, build it first: LEADS leads from the live demo at 25 a
//                  minute (about four weeks), owners accepting as in the demo (one tick a minute) except
//                  that every lead is accepted in the end (the demo's never-accepted ones would fill
//                  every owner's capacity within days)
//   --batches N    refreshes measured after routing N batches of 1,000 new leads (default 30; they
//                  are added to DB)
var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> Int? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(i...(i + 1)) }
    return Int(arguments[i + 1])
}
let live = option("--live")
let batches = option("--batches") ?? 30
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: SnapshotProfile DB [--live LEADS] [--batches N] | SnapshotProfile --demo DB\n".utf8))
    exit(64)
}
let clock = ContinuousClock()
func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15 }
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let t0 = clock.now
    let value = try body()
    return (value, ms(clock.now - t0))
}
func summary(_ samples: [Double]) -> String {
    let s = samples.sorted()
    func at(_ q: Double) -> Double { s[min(Int(Double(s.count) * q), s.count - 1)] }
    return String(format: "p50 %.2f ms  p90 %.2f ms  max %.2f ms  (%d runs)", at(0.5), at(0.9), s.last ?? 0, s.count)
}

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--demo" {
    let path = CommandLine.arguments[2]
    try? FileManager.default.removeItem(atPath: path)
    let settings = LiveDemo.Settings(speed: 10)
    let (demo, prepare) = try timed { try LiveDemo(workspace: DemoWorkspace.prepare(path: path, seed: 1, start: settings.start), settings: settings) }
    let (warm, warmUp) = try timed { try demo.advance(to: settings.start) }
    let (snapshot, first) = try timed { try demo.desk.snapshot() }
    print(String(format: "new workspace %.0f ms; warm-up (an hour, %d leads, %d accepts) %.0f ms; first snapshot %.1f ms",
                 prepare, warm.arrived, warm.accepted, warmUp, first))
    var ticks: [Double] = []
    for second in 1...600 { ticks.append(try timed { try demo.advance(to: settings.start.addingTimeInterval(Double(second))) }.1) }
    print(String(format: "then a wall minute at speed 10 (600 one-second ticks): %.0f ms in all; ", ticks.reduce(0, +)) + "per tick " + summary(ticks))
    print("at the first frame: \(snapshot.slaBreaches) SLA breaches, \(snapshot.exceptionsTotal) exceptions, \(snapshot.counts.byState[.assigned] ?? 0) assigned")
    exit(0)
}
if let live, !FileManager.default.fileExists(atPath: path) {
    let rate = 25.0
    let end = LiveDemo.Settings.defaultStart
    let settings = LiveDemo.Settings(
        seed: 42, leadsPerMinute: rate, start: end, warmUp: Double(live) / rate * 60, tick: 60, warmUpTick: 60,
        response: OwnerResponse(never: 0), unreadable: 0.002)
    let workspace = try DemoWorkspace.prepare(path: path, seed: 42, start: end, warmUp: settings.warmUp)
    let demo = try LiveDemo(workspace: workspace, settings: settings)
    let t0 = clock.now
    var total = LiveDemo.Step(reached: demo.reached)
    while demo.reached < end {
        let step = try demo.advance(to: min(demo.reached.addingTimeInterval(86_400), end))
        total.inserted += step.inserted
        total.assigned += step.assigned
        total.accepted += step.accepted
        print("built to \(step.reached): \(total.inserted) leads, \(total.assigned) assigned, \(total.accepted) accepted, \(Int(ms(clock.now - t0) / 1000)) s")
    }
}

let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
let (store, openTime) = try timed { try SQLiteStore(path: path) }
let latest = try store.latestEvent()
let now = try store.events(lead: nil, after: latest - 1, limit: 1).first?.at ?? Date()
let (desk, deskTime) = try timed { try Desk(store: store, rulebook: rulebook, clock: { now }) }
let (first, firstTime) = try timed { try desk.snapshot() }
print(String(format: "open store %.1f ms, desk %.1f ms, first snapshot %.1f ms: start to first snapshot %.1f ms", openTime, deskTime, firstTime, openTime + deskTime + firstTime))
let counts = first.counts
print("database: \(counts.byState.values.reduce(0, +)) leads (\(counts.byState.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", "))), \(counts.events) log entries, \(first.slaBreaches) SLA breaches, at \(now)")

// The first snapshot's parts: the baseline of running figures, then one ordinary refresh.
let baselineTime = try timed {
    try store.consoleBaseline(handoffsSince: now.addingTimeInterval(-86_400), minutesFrom: now.addingTimeInterval(-1_740), minutes: 30, recentEvents: 500)
}.1
print(String(format: "of which the baseline (warm): %.1f ms", baselineTime))

var steady: [Double] = []
for _ in 0..<30 { steady.append(timed { _ = try? desk.snapshot() }.1) }
print("refresh, nothing new:         \(summary(steady))")

let owner = rulebook.owners[0].id
let queries: [(String, SnapshotQuery)] = [
    ("state flagged", SnapshotQuery(state: .flagged)),
    ("state assigned", SnapshotQuery(state: .assigned)),
    ("owner \(owner)", SnapshotQuery(owner: owner)),
    ("reason no_route", SnapshotQuery(reason: .noRoute)),
    ("reason review_required", SnapshotQuery(reason: .reviewRequired)),
    ("country DE", SnapshotQuery(country: "DE")),
    ("country AT", SnapshotQuery(country: "AT")),
    ("route na-smb", SnapshotQuery(route: "na-smb")),
    ("text weber", SnapshotQuery(text: "weber")),
]
for (name, query) in queries {
    var samples: [Double] = []
    for _ in 0..<5 { samples.append(timed { _ = try? desk.snapshot(query) }.1) }
    print("refresh, \(name):".padding(toLength: 30, withPad: " ", startingAt: 0) + summary(samples))
}

if batches > 0 {
    let accounts = DemoAccounts.generate(seed: 7, ownerIds: rulebook.owners.map(\.id))
    var stream = LeadStream(seed: UInt64(getpid()), accounts: accounts, start: now, spacing: 0.001)
    var routeTimes: [Double] = []
    var refreshTimes: [Double] = []
    for b in 0..<batches {
        let leads = (0..<1_000).map { i in
            let lead = stream.next()
            return IncomingLead(lead: lead, idempotencyKey: "bench-\(getpid())-\(b)-\(i)")
        }
        routeTimes.append(try timed {
            _ = try store.insert(leads, quarantine: [], at: now, actor: "bench")
            _ = try desk.routeBatch(size: 1_000)
        }.1)
        refreshTimes.append(timed { _ = try? desk.snapshot() }.1)
    }
    print("insert + route 1,000 leads:   \(summary(routeTimes))")
    print("refresh after each batch:     \(summary(refreshTimes))")
}
