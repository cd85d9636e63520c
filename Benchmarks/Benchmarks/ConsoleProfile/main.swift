import Foundation
import HandoffConsole
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffSQLite
import HandoffStore
import HandoffTerminal
import Histogram
import Synchronization

// The console's figures on a stored workspace, release build, headless ncurses (output to /dev/null):
//   start to first frame: open the store, start a desk, take a snapshot, render, draw;
//   frame render at 200x50: reduce a key, render the state, copy changed rows, doupdate;
//   key press to updated screen while a second thread imports and routes ROUTE_RATE leads/s;
//   snapshots of the pages the console asks for: its own, the end of a list, a list sorted by a column;
//   peak resident memory.
// Snapshots follow the console's queries (the page around its cursor), as its snapshot feed does.
// Usage: ConsoleProfile DATABASE [FRAMES=10000] [ROUTE_RATE=10000]
let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: ConsoleProfile DATABASE [FRAMES] [ROUTE_RATE]\n".utf8))
    exit(64)
}
let frames = arguments.dropFirst().first.flatMap(Int.init) ?? 10_000
let routeRate = arguments.dropFirst(2).first.flatMap(Int.init) ?? 10_000
let workday = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!
let clock = ContinuousClock()

@Sendable func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1_000 + Double(d.components.attoseconds) / 1e15 }
@Sendable func microseconds(_ d: Duration) -> UInt64 { UInt64(max(milliseconds(d) * 1_000, 0)) }
func report(_ name: String, _ h: Histogram<UInt64>) {
    print(String(format: "%@: p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms  (%d samples)", name,
                 Double(h.valueAtPercentile(50)) / 1_000, Double(h.valueAtPercentile(90)) / 1_000,
                 Double(h.valueAtPercentile(99)) / 1_000, Double(h.max) / 1_000, h.totalCount))
}

// Start to first frame.
let started = clock.now
let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
let store = try SQLiteStore(path: path)
let desk = try Desk(store: store, rulebook: rulebook, clock: { workday })
let opened = clock.now
let snapshot = try desk.snapshot()
let snapped = clock.now
let settings = ConsoleSettings(operatorName: "bench", workspace: path, ownerIds: rulebook.owners.map(\.id))
var state = ConsoleState(settings: settings, rows: 50, columns: 200, now: workday, deskNow: workday)
/// The query the console asked for last; snapshots read its pages.
let asked = Mutex(SnapshotQuery())
@MainActor func reduce(_ action: ConsoleAction) {
    for effect in Reducer.reduce(&state, action) { if case .query(let query) = effect { asked.withLock { $0 = query } } }
}
reduce(.snapshot(snapshot))
let terminal = try Terminal.headless(rows: 50, columns: 200)
var screen = ConsoleRenderer.render(state)
let style: @Sendable (StyleRole) -> CellStyle = { role in
    role == .selection ? CellStyle(foreground: .indexed(231), background: .indexed(24), attributes: [.bold]) : CellStyle(foreground: .indexed(250))
}
terminal.draw(screen, style: style)
let firstFrame = clock.now
print(String(format: "start to first frame: %.1f ms (open store and desk %.1f ms, first snapshot %.1f ms, render and draw %.1f ms)",
             milliseconds(firstFrame - started), milliseconds(opened - started), milliseconds(snapped - opened), milliseconds(firstFrame - snapped)))
print("store: \(snapshot.counts.byState.values.reduce(0, +)) leads, \(snapshot.incoming.count) incoming rows, \(snapshot.exceptions.count) exception rows loaded")

// Frames: each one moves the cursor (so rows change) and renders and draws the whole console.
var render = Histogram<UInt64>(highestTrackableValue: 10_000_000, numberOfSignificantValueDigits: .three)
let keys: [Key] = [.down, .down, .down, .up, .pageDown, .pageUp, .tab, .tab, .tab, .tab]
for i in 0..<frames {
    let begin = clock.now
    reduce(.key(keys[i % keys.count]))
    ConsoleRenderer.render(state, into: &screen)
    terminal.draw(screen, style: style)
    render.record(microseconds(clock.now - begin))
}
report("frame at 200x50 (reduce + render + draw)", render)

// Snapshots: how long the desk takes to read what a frame shows.
var snapshots = Histogram<UInt64>(highestTrackableValue: 10_000_000, numberOfSignificantValueDigits: .three)
for _ in 0..<200 {
    let begin = clock.now
    _ = try desk.snapshot(asked.withLock { $0 })
    snapshots.record(microseconds(clock.now - begin))
}
report("snapshot of the console's pages", snapshots)

// Pages far from the top: the end of each list (G), the middle by anchor, and Incoming sorted by company.
func timeSnapshots(_ name: String, _ query: SnapshotQuery, times: Int = 20) throws {
    var h = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    var loaded = 0, total = 0
    for _ in 0..<times {
        let begin = clock.now
        let s = try desk.snapshot(query)
        h.record(microseconds(clock.now - begin))
        loaded = s.incoming.count + s.exceptions.count
        total = s.incomingTotal
    }
    report("snapshot, \(name) (\(loaded) rows loaded of \(total))", h)
}
var paged = asked.withLock { $0 }
paged.incoming = ListWindow(limit: 150, fromEnd: true)
paged.exceptions = ListWindow(limit: 150, fromEnd: true)
try timeSnapshots("both lead lists at their end", paged)
let all = try desk.snapshot(SnapshotQuery(incoming: ListWindow(offset: 500_000, limit: 1)))
if let middle = all.incoming.first?.id {
    paged = asked.withLock { $0 }
    paged.incoming = ListWindow(offset: 50, limit: 150, anchor: middle)
    try timeSnapshots("Incoming around its middle lead by anchor", paged)
}
paged = asked.withLock { $0 }
paged.incoming = ListWindow(limit: 150, sort: ListSort("company"))
try timeSnapshots("Incoming sorted by company", paged, times: 5)

// The SLA sweep over every assigned lead, none of them due (the desk's clock is when they were routed).
var sweeps = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
let assignedCount = snapshot.counts.byState[.assigned] ?? 0
for _ in 0..<20 {
    let begin = clock.now
    _ = try desk.sweep()
    sweeps.record(microseconds(clock.now - begin))
}
report("SLA sweep over \(assignedCount) assigned leads", sweeps)

// Key press to updated screen while another thread imports and routes at `routeRate` leads/s, with
// snapshots applied as they come, as the console's loop does.
let accounts = DemoAccounts.generate(seed: 42, ownerIds: rulebook.owners.map(\.id), count: 2_000)
let stop = Mutex(false)
let routed = Mutex(0)
let latest = Mutex<DeskSnapshot?>(nil)
try desk.prepare() // the duplicate window is read once, before the clock starts
let router = Thread {
    var stream = LeadStream(seed: UInt64(getpid()), accounts: accounts, start: workday, spacing: 0.0001)
    let began = clock.now
    var offered = 0
    while !stop.withLock({ $0 }) {
        // Offer what the rate asks for by now (in batches of at most 2,000), then route it.
        let due = Int(milliseconds(clock.now - began) / 1_000 * Double(routeRate))
        let batch = min(max(due - offered, 0), 2_000)
        if batch == 0 { Thread.sleep(forTimeInterval: 0.005); continue }
        let leads = (0..<batch).map { _ in stream.next() }
        _ = try! store.insert(leads.map { IncomingLead(lead: $0, idempotencyKey: "bench-\(getpid())-" + $0.id + $0.externalId!) }, quarantine: [], at: workday, actor: "bench")
        offered += batch
        let summary = try! desk.drain(batchSize: 2_000)
        routed.withLock { $0 += summary.routed }
    }
}
let snapshotter = Thread {
    while !stop.withLock({ $0 }) {
        let s = try! desk.snapshot(asked.withLock { $0 })
        latest.withLock { $0 = s }
        Thread.sleep(forTimeInterval: 0.05)
    }
}
router.start()
snapshotter.start()
var keyLatency = Histogram<UInt64>(highestTrackableValue: 10_000_000, numberOfSignificantValueDigits: .three)
let keyStart = clock.now
for i in 0..<1_000 {
    Thread.sleep(forTimeInterval: 0.01)
    let begin = clock.now
    if let s = latest.withLock({ value -> DeskSnapshot? in defer { value = nil }; return value }) { reduce(.snapshot(s)) }
    reduce(.key(keys[i % keys.count]))
    ConsoleRenderer.render(state, into: &screen)
    terminal.draw(screen, style: style)
    keyLatency.record(microseconds(clock.now - begin))
}
let keySeconds = milliseconds(clock.now - keyStart) / 1_000
stop.withLock { $0 = true }
Thread.sleep(forTimeInterval: 0.2)
report(String(format: "key to screen while routing %.0f leads/s", Double(routed.withLock { $0 }) / keySeconds), keyLatency)
terminal.restore()

let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM") }) { print("peak resident memory: " + line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ")) }
