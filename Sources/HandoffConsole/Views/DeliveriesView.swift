import Foundation
import HandoffStore

/// Delivery rows as table cells: status in words (and a role the theme colours), the next attempt as
/// time left, the last error as the receiver or the deliverer gave it.
enum DeliveriesView {
    static let emptyText = "no deliveries yet: handback.yaml names where serve delivers (docs/SERVE.md)"

    static func cells(_ row: StoredDelivery, now: Date) -> [TableCell] {
        let status: StyleRole = switch row.status {
        case .delivered: .statusOK
        case .dead: .statusError
        case .skipped: .muted
        case .pending: .plain
        }
        let next: TableCell = if row.status == .pending, let at = row.nextAt {
            TableCell(at <= now ? "due" : ClockText.left(at.timeIntervalSince(now)), .muted)
        } else {
            TableCell("—", .muted)
        }
        return [
            TableCell(String(row.id)),
            TableCell(ClockText.age(now.timeIntervalSince(row.createdAt)), .muted),
            TableCell(row.leadId),
            TableCell(row.event),
            TableCell(row.target),
            TableCell(row.status == .dead ? "dead ✗" : row.status.rawValue, status),
            TableCell(String(row.attempts)),
            next,
            TableCell(row.lastError ?? "—", row.lastError == nil ? .muted : .plain),
        ]
    }
}
