import HandoffStore

/// What the Deliveries view shows: the newest deliveries of webhooks and CRM write-backs, and how many
/// there are in each status.
public struct DeliveriesStanding: Sendable {
    public var rows: [StoredDelivery]
    public var counts: [DeliveryStatus: Int]

    public init(rows: [StoredDelivery], counts: [DeliveryStatus: Int]) {
        self.rows = rows
        self.counts = counts
    }
}

extension Columns {
    public static let deliveries: [Column<StoredDelivery>] = [
        Column("ID", width: 6, alignRight: true, priority: 10) { .number(Double($0.id)) },
        Column("AGE", width: 5, alignRight: true, priority: 4) { .number(-$0.createdAt.timeIntervalSince1970) },
        Column("LEAD", width: 9, priority: 9) { .of($0.leadId) },
        Column("EVENT", width: 15, priority: 7) { .of($0.event) },
        Column("TARGET", width: 17, priority: 8) { .of($0.target) },
        Column("STATUS", width: 9, priority: 10) { .of($0.status.rawValue) },
        Column("TRIES", width: 5, alignRight: true, priority: 5) { .number(Double($0.attempts)) },
        Column("NEXT", width: 6, alignRight: true, priority: 3) { row in row.status == .pending ? row.nextAt.map { .number($0.timeIntervalSince1970) } ?? .missing : .missing },
        Column("LAST ERROR", width: 16, flexible: true, priority: 6) { .of($0.lastError) },
    ]
}
