import HandoffStore

/// What the Deliveries view shows: the newest deliveries of webhooks and CRM write-backs. (Counting
/// them all by status would read the whole delivery log every refresh.)
public struct DeliveriesStanding: Sendable {
    public var rows: [StoredDelivery]

    public init(rows: [StoredDelivery]) {
        self.rows = rows
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
