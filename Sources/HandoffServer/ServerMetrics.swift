import HandoffCore
import Prometheus
import Synchronization

/// What `/metrics` shows, in Prometheus' text format. Every figure is counted where it happens:
/// requests by the middleware, leads by the intake endpoint, decisions and the queue by the routing loop.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let leadsReceived: Counter
    private let leadsRepeated: Counter
    private let leadsRejected: Counter
    private let queueDepth: Gauge
    private let commits: Counter
    private let toOwner: DurationHistogram
    /// The last minute's intake, for the status file a console reads.
    let intake = IntakeRates()
    /// Labelled counters once made: the registry checks and rebuilds a name and its labels on every
    /// make, too dear for every request and decision.
    private let requestCounters = Mutex<[Labels: Counter]>([:])
    private let decisionCounters = Mutex<[Labels: Counter]>([:])

    private struct Labels: Hashable {
        var first: String
        var second: String
    }

    init() {
        leadsReceived = registry.makeCounter(descriptor: Self.name("handoff", "leads_received", "total",
            "Leads stored by POST /v1/leads and the CRM hooks (repeats of a stored lead not counted)."))
        leadsRepeated = registry.makeCounter(descriptor: Self.name("handoff", "leads_repeated", "total",
            "Leads sent again whose idempotency key was already stored: answered with the first id."))
        leadsRejected = registry.makeCounter(descriptor: Self.name("handoff", "leads_rejected", "total",
            "Records POST /v1/leads could not accept (quarantined with their position and reason)."))
        commits = registry.makeCounter(descriptor: Self.name("handoff", "intake_commits", "total",
            "Transactions the intake writer committed; requests a commit is requests over this (group commit)."))
        queueDepth = registry.makeGauge(descriptor: Self.name("handoff", "queue", "depth",
            "Leads stored and not yet routed."))
        toOwner = registry.makeDurationHistogram(
            descriptor: Self.name("handoff", "intake_to_decision", "seconds",
                                  "From a lead's durable intake to its routing decision committed, for leads taken in by this server."),
            buckets: [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)])
    }

    private static func name(_ namespace: String, _ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: namespace, metricName: metric, unitName: unit, helpText: help)
    }

    func request(route: String, status: Int) {
        let labels = Labels(first: route, second: String(status))
        let counter = requestCounters.withLock { made in
            if let counter = made[labels] { return counter }
            let counter = registry.makeCounter(descriptor: Self.name("handoff", "http_requests", "total", "HTTP requests by route and status."),
                                               labels: [("route", route), ("status", labels.second)])
            made[labels] = counter
            return counter
        }
        counter.increment()
    }

    func leads(received: Int, repeated: Int, rejected: Int) {
        if received > 0 { leadsReceived.increment(by: Int64(received)) }
        if repeated > 0 { leadsRepeated.increment(by: Int64(repeated)) }
        if rejected > 0 { leadsRejected.increment(by: Int64(rejected)) }
        intake.leads(stored: received, rejected: rejected)
    }

    /// One routing decision: assigned, or flagged with its reason code.
    func decided(_ decision: Decision, afterIntake elapsed: Duration?) {
        let outcome = decision.isAssigned ? "assigned" : "flagged"
        let reason = decision.reason?.code ?? "none"
        let labels = Labels(first: outcome, second: reason)
        let counter = decisionCounters.withLock { made in
            if let counter = made[labels] { return counter }
            let counter = registry.makeCounter(descriptor: Self.name("handoff", "decisions", "total", "Routing decisions by outcome and exception reason."),
                                               labels: [("outcome", outcome), ("reason", reason)])
            made[labels] = counter
            return counter
        }
        counter.increment()
        if let elapsed { toOwner.record(elapsed) }
    }

    func committed() { commits.increment() }

    /// A CRM hook request refused for its signature (HubSpot) or organization (Salesforce).
    func signatureRejected(reason: String) {
        registry.makeCounter(descriptor: Self.name("handoff", "signature_rejections", "total",
                                                   "CRM hook requests refused for their signature or sender, by reason."),
                             labels: [("reason", reason)]).increment()
    }

    /// CRM records a hook took: stored, repeated, rejected (quarantined), ignored (events not routed),
    /// missing (contacts the CRM no longer has).
    func hookRecords(crm: String, outcome: String, _ count: Int) {
        guard count > 0 else { return }
        registry.makeCounter(descriptor: Self.name("handoff", "hook_records", "total", "CRM hook records by CRM and outcome."),
                             labels: [("crm", crm), ("outcome", outcome)]).increment(by: Int64(count))
    }

    func queue(depth: Int) { queueDepth.set(Double(depth)) }

    /// The text format, as Prometheus scrapes it.
    func text() -> [UInt8] { registry.emitToBuffer() }
}
