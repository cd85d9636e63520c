import Foundation
import HandoffDesk
import HandoffSQLite
import HandoffStore

// The review behind `handoff report` and the console's Insights view, on a stored workspace:
// the window's facts read from the log (one pass), then the figures built from them; RUNS times each.
// Usage: ReportProfile DB [SINCE_SECONDS=604800] [RUNS=5]
// The window ends at the newest log entry, so a copy of any workspace works as it is.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
    print("usage: ReportProfile DB [SINCE_SECONDS] [RUNS]")
    exit(64)
}
let since = arguments.dropFirst().first.flatMap(Double.init) ?? 604_800
let runs = arguments.dropFirst(2).first.flatMap(Int.init) ?? 5

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

let clock = ContinuousClock()
let opened = clock.now
let store = try SQLiteStore(path: path)
let newest = try store.events(lead: nil, after: max(try store.latestEvent() - 1, 0), limit: 1).first?.at ?? Date()
print(String(format: "open: %.1f ms; window ends %@, %.0f s long", seconds(clock.now - opened) * 1_000, newest.description, since))

var reader = ReviewReader()
for run in 1...runs {
    let t0 = clock.now
    let facts = try store.reviewFacts(from: newest.addingTimeInterval(-since), through: newest)
    let t1 = clock.now
    let whole = try reader.review(store, last: since, endingAt: newest)
    let t2 = clock.now
    print(String(format: "run %d: facts %.3f s (%d leads, %d names, %d reassignments); whole review %.3f s (build %.3f s); %d decided, %d exceptions, intake->owner p50 %@",
                 run, seconds(t1 - t0), facts.leads.count, facts.names.count, facts.reassignments.count,
                 seconds(t2 - t1), seconds(t2 - t1) - seconds(t1 - t0), whole.all.decided, whole.all.exceptions,
                 whole.all.intakeToOwner.p50.map { String($0) } ?? "-"))
}
