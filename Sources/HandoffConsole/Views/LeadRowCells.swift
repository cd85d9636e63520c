import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// Lead rows as table cells, for Incoming and Exceptions. Reasons show a glyph and words, never color alone.
enum LeadRowCells {
    static func incoming(_ row: LeadRow, now: Date) -> [TableCell] {
        [
            TableCell(row.id),
            TableCell(ClockText.age(now.timeIntervalSince(row.receivedAt)), .muted),
            TableCell(shown(row.company)),
            TableCell(shown(row.country)),
            TableCell(row.employees.map(size) ?? "—"),
            TableCell(row.route ?? "—", row.route == nil ? .muted : .plain),
            owner(row),
            TableCell(row.state.rawValue, .state(row.state.rawValue)),
            reason(row),
        ]
    }

    static func exceptions(_ row: LeadRow, now: Date) -> [TableCell] {
        let left: TableCell = if let due = row.slaDue {
            TableCell(ClockText.left(due.timeIntervalSince(now)), due < now ? .reason(ExceptionReason.slaBreached.code) : .plain)
        } else {
            TableCell("—", .muted)
        }
        return [
            left,
            TableCell(ClockText.age(now.timeIntervalSince(row.receivedAt)), .muted),
            TableCell(row.id),
            reason(row),
            TableCell(shown(row.company)),
            TableCell(shown(row.country)),
            TableCell(row.route ?? "—", row.route == nil ? .muted : .plain),
            owner(row),
            TableCell(row.claim?.by ?? ""),
        ]
    }

    /// A text field, or a dash when the CRM sent nothing or only spaces (one way to say "missing").
    static func shown(_ text: String?) -> String {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return "—" }
        return text
    }

    /// Company size read the same way whatever the CRM wrote ("1999", "1,999", "2k"): "1,999", "27,720",
    /// "120k", "1.2M". Text that holds no number is shown as given.
    static func size(_ raw: String) -> String {
        guard let n = NumberText.parse(raw), n >= 0 else { return raw }
        if n < 100_000 { return NumberText.grouped(n.rounded()) }
        if n < 1_000_000 { return "\(Int((n / 1_000).rounded()))k" }
        return String(format: "%.1fM", n / 1_000_000)
    }

    /// The owner, or for a flagged lead the proposal with a question mark.
    static func owner(_ row: LeadRow) -> TableCell {
        guard let owner = row.owner else { return TableCell("—", .muted) }
        return row.state == .flagged ? TableCell(owner + "?", .muted) : TableCell(owner)
    }

    static func reason(_ row: LeadRow) -> TableCell {
        guard let reason = row.reason, row.state == .flagged else { return TableCell("") }
        return TableCell("\(reason.glyph) \(reason.code)", .reason(reason.code))
    }
}

/// Owner rows: load as a bar against capacity, availability now on their own clock.
enum OwnerRowCells {
    /// "233/241": leads got (forgiven included) against the share due; amber when a whole lead behind.
    static func shareCell(_ share: OwnerShare?) -> TableCell {
        guard let share else { return TableCell("—", .muted) }
        let text = "\(Int(share.got.rounded()))/\(Int(share.due.rounded()))"
        return TableCell(text, share.behind >= 1 ? .state("flagged") : .plain)
    }

    static func cells(_ row: OwnerRow) -> [TableCell] {
        let load: TableCell = if let capacity = row.capacity {
            TableCell(Sparkline.bar(row.open, of: capacity, width: 10) + " \(row.open)/\(capacity)", Sparkline.loadRole(row.open, capacity))
        } else {
            TableCell("\(row.open) open", .loadLow)
        }
        let availability: TableCell = switch row.availability {
        case .available: TableCell("● available", .state("assigned"))
        case .offHours: TableCell("○ off hours", .muted)
        case .outOfOffice: TableCell("✈ out of office", .state("flagged"))
        case .holiday(let name, _): TableCell("✈ holiday: \(name)", .state("flagged"))
        case .paused: TableCell("‖ paused", .state("flagged"))
        case .inactive: TableCell("✖ inactive", .muted)
        }
        return [
            TableCell(row.id),
            TableCell(row.name),
            load,
            availability,
            TableCell(row.localTime, .muted),
            TableCell(row.outOfOffice.first.map { $0 + (row.outOfOffice.count > 1 ? " +\(row.outOfOffice.count - 1)" : "") } ?? "—",
                      row.outOfOffice.isEmpty ? .muted : .plain),
            TableCell(String(row.assignedToday)),
            TableCell(row.acceptMedian.map(ClockText.age) ?? "—", row.acceptMedian == nil ? .muted : .plain),
            shareCell(row.share),
        ]
    }
}

/// Log entries: when, which lead, what, who, and why.
enum EventRowCells {
    static func cells(_ event: LeadEvent, zone: ZoneClock) -> [TableCell] {
        var owner = event.detail.owner ?? ""
        if let previous = event.detail.previousOwner { owner = "\(previous)→\(owner)" }
        let why = [event.reason, event.detail.text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        return [
            TableCell(ClockText.time(event.at, zone), .muted),
            TableCell(event.leadId),
            TableCell(event.kind.rawValue, role(event.kind)),
            TableCell(event.actor, event.actor == "router" ? .muted : .plain),
            TableCell(owner),
            TableCell(why),
        ]
    }

    static func role(_ kind: EventKind) -> StyleRole {
        switch kind {
        case .flagged, .slaBreached: .state("flagged")
        case .assigned, .approved, .reassigned, .rerouted: .state("assigned")
        case .accepted: .state("accepted")
        case .disqualified, .merged: .state("disqualified")
        default: .plain
        }
    }
}
