import Prometheus

extension ServerMetrics {
    /// A delivery's outcome: `delivered`, `retried` (an attempt failed and another is due), `dead`
    /// (dead-lettered) or `skipped` (nothing to send, with the reason in the log).
    func deliveries(status: String, count: Int = 1) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "handoff", metricName: "deliveries", unitName: "total",
                                             helpText: "Webhook and CRM write-back outcomes by status."),
            labels: [("status", status)]).increment(by: Int64(count))
    }
}
