import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffSQLite
import HandoffStore

// Store + desk throughput without the CSV parser: insert N leads, then route them all.
// Usage: PipelineProfile [LEADS] [DB] [--synthetic]
//   --synthetic  route with the generated 500-owner rulebook, capacities lifted, so most leads are
//                assigned, instead of the example one (whose five owners are full after 220 leads, so
//                almost all leads are flagged)
let synthetic = CommandLine.arguments.contains("--synthetic")
let positional = CommandLine.arguments.dropFirst().filter { $0 != "--synthetic" }
let count = positional.first.flatMap(Int.init) ?? 200_000
let path = positional.count > 1 ? positional[positional.startIndex + 1] : NSTemporaryDirectory() + "pipeline-\(getpid()).db"
try? FileManager.default.removeItem(atPath: path)
let workspace = synthetic ? SyntheticWorkspace.generate(seed: 42, accounts: 2_000) : nil
let rulebook = workspace.map { workspace in
    var rulebook = workspace.rulebook
    rulebook.owners = rulebook.owners.map { var owner = $0; owner.capacity = nil; return owner }
    return rulebook
} ?? RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
let now = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!
let accounts = workspace?.accounts ?? DemoAccounts.generate(seed: 42, ownerIds: rulebook.owners.map(\.id), count: 2_000)
var stream = LeadStream(seed: 42, accounts: accounts, start: now.addingTimeInterval(-86_400), spacing: 0.05)
let leads = (0..<count).map { _ in stream.next() }
let store = try SQLiteStore(path: path)
_ = try store.upsert(accounts: accounts)

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
let clock = ContinuousClock()
var t0 = clock.now
for chunk in stride(from: 0, to: leads.count, by: 10_000) {
    let part = leads[chunk..<min(chunk + 10_000, leads.count)].map { IncomingLead(lead: $0, idempotencyKey: $0.externalId!) }
    _ = try store.insert(part, quarantine: [], at: now, actor: "import")
}
let insertTime = seconds(clock.now - t0)
print("insert: \(count) leads in \(String(format: "%.2f", insertTime)) s = \(Int(Double(count) / insertTime)) leads/s")
t0 = clock.now
let desk = try Desk(store: store, rulebook: rulebook, clock: { now })
let summary = try desk.drain(batchSize: 5_000)
let routeTime = seconds(clock.now - t0)
print("route: \(summary.routed) leads in \(String(format: "%.2f", routeTime)) s = \(Int(Double(summary.routed) / routeTime)) leads/s (\(summary.assigned) assigned)")
print("end to end: \(Int(Double(count) / (insertTime + routeTime))) leads/s")
