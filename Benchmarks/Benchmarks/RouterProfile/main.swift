import Foundation
import HandoffCore
import HandoffDemo

// The router benchmark's workload as a plain program, for profilers (perf record, callgrind).
// Usage: RouterProfile [LEADS] [--stages] [--decide-loop] [--normalize-loop] [--digest]
// Instructions per decision, independent of machine load (only `routeLeads` is counted):
//   valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*routeLeads*' RouterProfile 20000
// (valgrind may need a copy of the binary with `strip -g` when it cannot read the debug info).
let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 500_000
let workspace = SyntheticWorkspace.generate(seed: 42)
let start = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!
var stream = LeadStream(seed: 42, accounts: workspace.accounts, start: start.addingTimeInterval(-86_400), spacing: 0.05)
// The stage timings use all 200,000 leads; a shorter run generates only the leads it routes.
let stages = CommandLine.arguments.contains("--stages")
let leads = (0..<(stages ? 200_000 : min(max(count, 1), 200_000))).map { _ in stream.next() }
var context = RoutingContext(rulebook: workspace.rulebook, now: start, accounts: AccountDirectory(workspace.accounts))
var pending: [String] = []
var cursor = 0
var reasons: [String: Int] = [:]
// Stage timings, to see where a decision's time goes.
if stages {
    func time(_ label: String, _ body: () -> Void) {
        let t0 = ContinuousClock.now
        body()
        let d = ContinuousClock.now - t0
        let ns = (Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9) / Double(leads.count)
        print("\(label): \(String(format: "%.0f", ns)) ns/lead")
    }
    var normalized: [NormalizedLead] = []
    normalized.reserveCapacity(leads.count)
    time("copy lead") { for lead in leads { blackHole(lead) } }
    time("normalize") { for lead in leads { normalized.append(Normalizer.normalize(lead)) } }
    time("text x20") { for lead in leads { for _ in 0..<20 { blackHole(Normalizer.text(lead.firstName)) } } }
    time("email lower") { for lead in leads { blackHole(lead.email.map(Normalizer.lowerASCII)) } }
    time("email domain") { for lead in leads { blackHole(lead.email.flatMap(Normalizer.emailDomain)) } }
    time("website domain") { for lead in leads { blackHole(lead.website.flatMap(Normalizer.domain)) } }
    time("country") { for lead in leads { blackHole(lead.country.flatMap(CountryCodes.code(for:))) } }
    time("employees") { for lead in leads { blackHole(lead.employees.flatMap(NumberText.parse)) } }
    time("revenue") { for lead in leads { blackHole(lead.annualRevenue.flatMap(NumberText.parse)) } }
    time("email valid") { for lead in leads { blackHole(lead.email.map(EmailCheck.isValid)) } }
    let ctx = context
    time("decide (normalized)") { for lead in normalized { blackHole(Router.decide(normalized: lead, in: ctx)) } }
    if CommandLine.arguments.contains("--normalize-loop") {
        time("normalize x10") { for _ in 0..<10 { for lead in leads { blackHole(Normalizer.normalize(lead)) } } }
    }
    if CommandLine.arguments.contains("--decide-loop") {
        time("decide x10") { for _ in 0..<10 { for lead in normalized { blackHole(Router.decide(normalized: lead, in: ctx)) } } }
    }
    // Reading a decision to store it works out every candidate's verdict from the pool's standing.
    let decided = normalized.map { Router.decide(normalized: $0, in: ctx) }
    time("encode JSON") { for decision in decided { blackHole(DecisionJSON.encode(decision)) } }
    time("encode code") { for decision in decided { blackHole(DecisionCode.encode(decision)) } }
    time("route index") { for lead in normalized { blackHole(ctx.rulebook.routeIndex.firstMatch(lead, LeadFacts(), routes: ctx.rulebook.routes)) } }
}

@inline(never) func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }

/// The measured loop, a function of its own so a profiler can count it alone. The leads come in as a
/// parameter, as in the benchmark, so reading one does not copy it.
@MainActor @inline(never) func routeLeads(_ leads: [Lead], _ count: Int) {
    for i in 0..<count {
        let decision = context.route(leads[i % leads.count])
        reasons[decision.reason?.code ?? "assigned", default: 0] += 1
        if decision.isAssigned, let owner = decision.owner {
            if pending.count < 10_000 { pending.append(owner) } else {
                context.release(owner: pending[cursor])
                pending[cursor] = owner
                cursor = (cursor + 1) % 10_000
            }
        }
    }
}

// A fingerprint of every decision's JSON and text, to show a change to the router decides the same.
if CommandLine.arguments.contains("--digest") {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for i in 0..<count {
        let decision = context.route(leads[i % leads.count])
        let text = DecisionJSON.encode(decision) + DecisionText.summary(decision) + DecisionText.lines(decision).joined(separator: "\n")
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    }
    print("digest of \(count) decisions: \(String(hash, radix: 16))")
    exit(0)
}

let began = ContinuousClock.now
routeLeads(leads, count)
let elapsed = ContinuousClock.now - began
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("\(count) decisions in \(String(format: "%.3f", seconds)) s: \(Int(Double(count) / seconds)) decisions/s")
for (reason, n) in reasons.sorted(by: { $0.value > $1.value }) {
    print("  \(reason): \(String(format: "%.1f", 100 * Double(n) / Double(count)))%")
}
