import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffSQLite
import HandoffStore

// `handoff simulate` over a stored workspace, release build: the example rulebook in force against a
// draft (enterprise route from 500 employees instead of 1000, ben added to na-smb), every lead received
// in the window before NOW (default: every lead stored). Then the parts on their own, to say where the time goes:
// reading the leads (cursor, closing times, Lead values), normalizing them, and one replay alone.
// Usage: SimulateProfile DB.db [NOW WINDOW]    e.g. SimulateProfile bulk.db 2026-11-24T15:00:00Z 30d
let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
    print("usage: SimulateProfile DB.db [NOW WINDOW]")
    exit(64)
}
let now = arguments.count > 1 ? ISO8601DateFormatter().date(from: arguments[1]) : nil
let window = arguments.count > 2 ? DurationText.seconds(arguments[2]).map(Double.init) : nil
let current = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
let draftText = ExampleRulebook.yaml
    .replacingOccurrences(of: "employees: \">= 1000\"", with: "employees: \">= 500\"")
    .replacingOccurrences(of: "members: [dan, eve]", with: "members: [dan, eve, ben]")
let draft = RulebookLoader.load(yaml: draftText, file: "draft.yaml").rulebook!

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func peakMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let store = try SQLiteStore(path: path, readOnly: true)
let to = now ?? Date()
let selection = ReplaySelection(from: window.map { to.addingTimeInterval(-$0) }, to: to)
let request = SimulationRequest(current: current, draft: draft, selection: selection, keep: 20, coverageWeek: to)

/// CPU seconds this process has used (every thread, user and system).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

var report: SimulationReport?
let cpuBefore = cpuSeconds()
let whole = try seconds { report = try Simulator.run(store: store, request) }
let cpu = cpuSeconds() - cpuBefore
let r = report!
print(String(format: "simulate: %d leads in %.2f s (%.0f leads/s), %d changed; %.2f CPU-seconds (%.0f%% of one core); peak %.0f MB",
             r.leads, whole, Double(r.leads) / whole, r.changed, cpu, cpu / whole * 100, peakMegabytes()))
print("  before: \(r.before.assigned) assigned, \(r.before.flagged) flagged; after: \(r.after.assigned) assigned, \(r.after.flagged) flagged")

var count = 0
let reading = try seconds { try store.replayLeads(selection) { _, _ in count += 1 } }
print(String(format: "  read alone (cursor, closing times, Lead values): %.2f s", reading))
// The first 300,000 normalized leads are kept to time one replay alone (all of them would take gigabytes).
var normalized: [ReplayLead] = []
normalized.reserveCapacity(min(count, 300_000))
let normalizing = try seconds {
    try store.replayLeads(selection) { lead, closed in
        let item = ReplayLead(lead, closedAt: closed)
        if normalized.count < 300_000 { normalized.append(item) }
    }
}
print(String(format: "  read + normalize: %.2f s", normalizing))
var replay = Replay(rulebook: draft, accounts: AccountDirectory(try store.accounts()), expectedLeads: normalized.count)
let deciding = seconds { for lead in normalized { _ = replay.decide(lead) } }
print(String(format: "  one replay alone (decide + apply), one thread, %d leads: %.2f s (%.0f decisions/s)",
             normalized.count, deciding, Double(normalized.count) / deciding))
