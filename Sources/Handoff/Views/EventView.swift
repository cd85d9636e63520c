import Foundation
import HandoffStore
import HandoffText

/// Events as table rows for people.
enum EventText {
    /// What an event says beyond its kind and reason. An assignment's full sentence is left to `explain`,
    /// so the log stays one short line per event.
    static func detail(_ e: LeadEvent) -> String {
        let d = e.detail
        switch e.kind {
        case .received: return e.reason.map { "from \($0)" } ?? ""
        case .checked: return "ready for routing"
        case .assigned, .approved: return d.owner.map { "to \($0)" } ?? ""
        case .rerouted: return "from \(d.previousOwner ?? "nobody") to \(d.owner ?? "nobody")" + (d.text.map { "; \($0)" } ?? "")
        case .slaBreached: return [d.owner.map { "proposed \($0)" }, d.text].compactMap { $0 }.joined(separator: "; ")
        case .flagged: return [d.owner.map { "proposed \($0)" }, d.text].compactMap { $0 }.joined(separator: "; ")
        case .reassigned: return "from \(d.previousOwner ?? "nobody") to \(d.owner ?? "nobody")"
        case .accepted: return d.owner.map { "owner \($0)" } ?? ""
        case .retried: return "back in the queue"
        case .disqualified: return d.from.map { "was \($0.rawValue)" } ?? ""
        case .claimed: return d.text ?? "took the exception on"
        case .unclaimed: return d.text.map { "ended \($0)" } ?? "let the exception go"
        default: return d.text ?? ""
        }
    }

    /// The reason column: a routing outcome's route or code, an operator's own words.
    static func reason(_ e: LeadEvent) -> String {
        switch e.kind {
        case .received: ""
        default: e.reason ?? ""
        }
    }

    /// TIME, (LEAD,) KIND, ACTOR, REASON, DETAIL; the detail is last so long notes never push columns.
    /// `fixed` pads columns to typical widths, for a table printed in parts.
    static func table(_ events: [LeadEvent], showLead: Bool, style: TextStyle, header: Bool = true, fixed: Bool = false) -> [String] {
        func width(_ n: Int) -> Int { fixed ? n : 0 }
        var columns: [TextTable.Column] = [.init("TIME", minWidth: width(20))]
        if showLead { columns.append(.init("LEAD", minWidth: width(9))) }
        columns += [
            .init("KIND", minWidth: width(12)), .init("ACTOR", maxWidth: 20, minWidth: width(10)),
            .init("REASON", minWidth: width(22)), .init("DETAIL"),
        ]
        let rows: [[TextTable.Cell]] = events.map { e in
            var row: [TextTable.Cell] = [.init(InstantText.format(e.at))]
            if showLead { row.append(.init(e.leadId)) }
            row += [.init(e.kind.rawValue, e.detail.to?.colour), .init(e.actor), .init(reason(e)), .init(detail(e))]
            return row
        }
        let lines = TextTable(columns).render(rows, style: style)
        return header ? lines : Array(lines.dropFirst())
    }
}
