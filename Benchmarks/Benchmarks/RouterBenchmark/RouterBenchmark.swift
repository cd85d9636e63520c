import Benchmark
import Foundation
import HandoffCore
import HandoffDemo

/// Decisions per second on one core: a generated rulebook of 50 routes, 500 owners in 20 pools,
/// 100,000 known accounts and a lead stream with 10% duplicates (seed 42). Each measured iteration
/// routes 1,000 leads (normalize, readiness, duplicates, account match, route, owner, trace) and
/// applies them to the pool state; owners accept leads 10,000 assignments later, so open load stays
/// at a steady level instead of filling every owner's capacity.
let benchmarks: @Sendable () -> Void = {
    let workspace = SyntheticWorkspace.generate(seed: 42)
    let start = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!
    var stream = LeadStream(seed: 42, accounts: workspace.accounts, start: start.addingTimeInterval(-86_400), spacing: 0.05)
    let leads = (0..<200_000).map { _ in stream.next() }

    Benchmark(
        "Router decisions",
        configuration: .init(metrics: [.throughput, .wallClock, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(10), maxIterations: 1_000)
    ) { benchmark in
        var context = RoutingContext(rulebook: workspace.rulebook, now: start, accounts: AccountDirectory(workspace.accounts))
        var pending: [String] = []
        pending.reserveCapacity(10_000)
        var cursor = 0
        var next = 0
        benchmark.startMeasurement()
        for _ in 0..<benchmark.scaledIterations.count {
            let decision = context.route(leads[next])
            next = next + 1 == leads.count ? 0 : next + 1
            if decision.isAssigned, let owner = decision.owner {
                if pending.count < 10_000 { pending.append(owner) } else {
                    context.release(owner: pending[cursor])
                    pending[cursor] = owner
                    cursor = (cursor + 1) % 10_000
                }
            }
            blackHole(decision)
        }
    }
}
