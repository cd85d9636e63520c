import Benchmark
import Foundation
import HandoffCore
import HandoffDemo
import Synchronization

/// Decisions per second on one core: a generated rulebook of 50 routes, 500 owners in 20 pools,
/// 100,000 known accounts and a lead stream with 10% duplicates (seed 42). Each measured iteration
/// routes the next 1,000 leads of 300,000 (one pass: a lead seen twice would not count as a duplicate) (normalize, readiness, duplicates, account match, route, owner, trace)
/// and applies them to one long-lived routing context, so duplicate checks and pool state are in a
/// steady state; owners accept a lead 10,000 assignments after getting it, so open load stays level
/// instead of filling every owner's capacity.
let benchmarks: @Sendable () -> Void = {
    let workspace = SyntheticWorkspace.generate(seed: 42)
    let start = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!
    var stream = LeadStream(seed: 42, accounts: workspace.accounts, start: start.addingTimeInterval(-86_400), spacing: 0.05)
    let leads = (0..<300_000).map { _ in stream.next() }
    let directory = AccountDirectory(workspace.accounts)
    let run = RouterRun(RoutingContext(rulebook: workspace.rulebook, now: start, accounts: directory))
    let countingRun = RouterRun(RoutingContext(rulebook: workspace.rulebook, now: start, accounts: directory))

    // Throughput alone: counting mallocs interposes on every allocation and slows the run it measures.
    Benchmark(
        "Router decisions",
        configuration: .init(metrics: [.throughput, .wallClock, .cpuTotal], scalingFactor: .kilo, maxDuration: .seconds(10), maxIterations: 300)
    ) { benchmark in
        run.route(leads, count: benchmark.scaledIterations.count)
    }

    Benchmark(
        "Router allocations",
        configuration: .init(metrics: [.mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 50)
    ) { benchmark in
        countingRun.route(leads, count: benchmark.scaledIterations.count)
    }
}

/// The routing context shared by every iteration (benchmarks run one at a time; the mutex is
/// uncontended and taken once per 1,000 decisions).
final class RouterRun: Sendable {
    struct State {
        var context: RoutingContext
        var pending: [String] = []
        var cursor = 0
        var next = 0
    }

    let state: Mutex<State>

    init(_ context: RoutingContext) { state = Mutex(State(context: context)) }

    func route(_ leads: [Lead], count: Int) {
        state.withLock { s in
            for _ in 0..<count {
                let decision = s.context.route(leads[s.next])
                s.next = s.next + 1 == leads.count ? 0 : s.next + 1
                if decision.isAssigned, let owner = decision.owner {
                    if s.pending.count < 10_000 { s.pending.append(owner) } else {
                        s.context.release(owner: s.pending[s.cursor])
                        s.pending[s.cursor] = owner
                        s.cursor = (s.cursor + 1) % 10_000
                    }
                }
                blackHole(decision)
            }
        }
    }
}
