import Dispatch
import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffSQLite
import HandoffStore
import Histogram
import Synchronization

// Time from a lead entering the desk (its insert begins) to its routing decision being committed,
// with leads offered at a steady rate by one thread while the desk drains on another.
// Usage: LatencyProfile [LEADS=10000] [RATE=1000]
let arguments = CommandLine.arguments.dropFirst().compactMap(Int.init)
let count = arguments.first ?? 10_000
let rate = arguments.dropFirst().first ?? 1_000
let path = NSTemporaryDirectory() + "latency-\(getpid()).db"
defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }

let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
let workday = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!
let accounts = DemoAccounts.generate(seed: 42, ownerIds: rulebook.owners.map(\.id), count: 2_000)
var stream = LeadStream(seed: 42, accounts: accounts, start: workday.addingTimeInterval(-3_600), spacing: 0.001)
let leads = (0..<count).map { _ in stream.next() }
let store = try SQLiteStore(path: path)
_ = try store.upsert(accounts: accounts)
let desk = try Desk(store: store, rulebook: rulebook, clock: { workday })

let clock = ContinuousClock()
let offered = Mutex([ContinuousClock.Instant?](repeating: nil, count: count))
let arrivals = DispatchSemaphore(value: 0)
let done = DispatchSemaphore(value: 0)

let producer = Thread {
    let interval = Duration.nanoseconds(1_000_000_000 / rate)
    let start = clock.now
    for (i, lead) in leads.enumerated() {
        let due = start + interval * i
        if clock.now < due { try? await_sleep(until: due) }
        offered.withLock { $0[i] = clock.now }
        _ = try! store.insert([IncomingLead(lead: lead, idempotencyKey: lead.externalId!)], quarantine: [], at: workday, actor: "intake")
        arrivals.signal()
    }
}

func await_sleep(until instant: ContinuousClock.Instant) throws {
    let remaining = instant - clock.now
    let nanos = remaining.components.seconds * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000
    if nanos > 0 { usleep(UInt32(nanos / 1_000)) }
}

let latencies = Mutex(Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three))
let consumer = Thread {
    var routed = 0
    while routed < count {
        let batch = try! desk.routeBatch(size: 1_000)
        let committed = clock.now
        if batch.routed == 0 {
            _ = arrivals.wait(timeout: .now() + .milliseconds(5))
            continue
        }
        let times = offered.withLock { $0 }
        latencies.withLock { histogram in
            for decision in batch.decisions {
                let serial = Int(decision.leadId.dropFirst(2))! - 1
                let waited = committed - times[serial]!
                _ = histogram.record(UInt64(waited.components.seconds * 1_000_000 + waited.components.attoseconds / 1_000_000_000_000))
            }
        }
        routed += batch.routed
    }
    done.signal()
}
producer.start()
consumer.start()
done.wait()
latencies.withLock { h in
    func ms(_ p: Double) -> String { String(format: "%.2f ms", Double(h.valueAtPercentile(p)) / 1_000) }
    print("\(count) leads offered at \(rate)/s; entry to committed decision:")
    print("  p50 \(ms(50))  p90 \(ms(90))  p99 \(ms(99))  p99.9 \(ms(99.9))  max \(String(format: "%.2f ms", Double(h.max) / 1_000))")
}
