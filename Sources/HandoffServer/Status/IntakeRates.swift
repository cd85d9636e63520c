import Synchronization

/// Intake over the last minute, in one-second buckets: requests to the intake routes, leads stored,
/// and refusals (requests answered 4xx or 5xx, records quarantined). For the status file the console
/// reads; `/metrics` keeps the running totals.
final class IntakeRates: Sendable {
    struct Minute: Sendable, Equatable {
        var requests = 0
        var leads = 0
        var rejected = 0
    }

    private struct Bucket {
        var second: Int64 = -1
        var figures = Minute()
    }

    private let buckets = Mutex([Bucket](repeating: Bucket(), count: 60))
    /// Seconds on a steady clock (injected in tests).
    private let clock: @Sendable () -> Int64

    init(clock: @escaping @Sendable () -> Int64 = IntakeRates.steadySeconds) {
        self.clock = clock
    }

    /// Whether a request to `path` is intake: leads sent in, by a form or a CRM.
    static func isIntake(_ path: String) -> Bool { path == "/v1/leads" || path.hasPrefix("/hooks/") }

    func request(status: Int) {
        add { $0.requests += 1; if status >= 400 { $0.rejected += 1 } }
    }

    func leads(stored: Int, rejected: Int) {
        guard stored > 0 || rejected > 0 else { return }
        add { $0.leads += stored; $0.rejected += rejected }
    }

    /// The sums over the 60 seconds up to now.
    func lastMinute() -> Minute {
        let now = clock()
        return buckets.withLock { buckets in
            buckets.reduce(into: Minute()) { sum, bucket in
                guard bucket.second > now - 60, bucket.second <= now else { return }
                sum.requests += bucket.figures.requests
                sum.leads += bucket.figures.leads
                sum.rejected += bucket.figures.rejected
            }
        }
    }

    private func add(_ change: (inout Minute) -> Void) {
        let now = clock()
        buckets.withLock { buckets in
            let slot = Int(now % 60)
            if buckets[slot].second != now { buckets[slot] = Bucket(second: now) }
            change(&buckets[slot].figures)
        }
    }

    static let start = ContinuousClock.now
    @Sendable static func steadySeconds() -> Int64 { (ContinuousClock.now - start).components.seconds }
}
