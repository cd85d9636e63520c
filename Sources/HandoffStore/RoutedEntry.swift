import Foundation
import HandoffCore

/// A lead taken in and decided in one transaction (`handoff import --route`) is one log entry of kind
/// `routed` instead of three (`received`, `checked`, then `assigned` or `flagged`): the log was about
/// 40% of what storing a routed lead cost. Readers expand it back into the entries it stands for, so
/// a lead's history, the feed and every count read as they did.
///
/// Its columns: `actor` who brought the lead in (the decision's own entries are the router's),
/// `lead_version` the lead's version after the decision (3 when it passed the readiness checks, 2 when
/// it failed them and was never `ready`), `rulebook`, `reason`, `owner` and `text` the decision's entry's,
/// `from_state` empty and `to_state` the state it left the lead in. The arrival's reason, the lead's
/// source, is the lead's own column, which nothing changes.
///
/// It takes as many entry numbers as it stands for and is stored under the last: entry N, standing for
/// three, is read as N-2 (`received`), N-1 (`checked`) and N (`assigned`), the numbers the three entries
/// would have had. Every position, count and cursor over the log (the newest entry's number, `events
/// --after`, the feed's ids, the delivery cursors) is therefore the same whichever way a lead was stored.
/// The hash chain covers the entry as stored, chained to the entry numbered before its first number.
///
/// A lead routed from the queue that passed the readiness checks is likewise one `decided` entry
/// instead of the router's two (`checked`, then `assigned` or `flagged`): it takes two numbers, is read
/// as N-1 (`checked`, at version V-1) and N (the outcome, at V, the entry's `lead_version`), and its
/// `from_state` is `received`. Its other columns are the outcome's. (A lead that failed the checks gets
/// one `flagged` entry either way.) It halves the log a queue drain writes.
package enum RoutedEntry {
    package static let kind = "routed"
    package static let decidedKind = "decided"

    /// Whether a stored entry stands for more than one (`routed` or `decided`).
    package static func isCombined(_ kind: String) -> Bool { kind == Self.kind || kind == decidedKind }

    /// The two entries each stored `decided` entry stands for, as rows of the log's columns (without the
    /// hash), in SQL either engine runs: `steps` names a table of the numbers 1 and 2 as `s.step`, in
    /// the engine's own spelling. Each engine's log as read puts it beside its other entries.
    package static func decidedExpandedSQL(steps: String) -> String {
        """
        SELECT e.seq - 2 + s.step, e.lead,
            CASE WHEN s.step = 1 THEN 'checked' WHEN e.to_state = 'assigned' THEN 'assigned' ELSE 'flagged' END,
            e.at, e.actor, e.lead_version - 2 + s.step, e.rulebook,
            CASE WHEN s.step = 2 THEN e.reason END, CASE WHEN s.step = 2 THEN e.owner END, NULL, CASE WHEN s.step = 2 THEN e.text END,
            CASE WHEN s.step = 1 THEN 'received' ELSE 'ready' END,
            CASE WHEN s.step = 1 THEN 'ready' WHEN e.to_state = 'assigned' THEN 'assigned' ELSE 'flagged' END
        FROM events e CROSS JOIN \(steps)
        WHERE e.kind = '\(decidedKind)'
        """
    }

    /// How many entry numbers a stored entry takes: its version for a `routed` one, two for a `decided` one, else one.
    package static func span(kind: String, leadVersion: Int64) -> Int64 {
        if kind == decidedKind { return 2 }
        return kind == Self.kind && (2...3).contains(leadVersion) ? leadVersion : 1
    }

    /// The state a decision leaves a lead in and its version then, from `received` at version 1.
    package static func outcome(_ decision: Decision) -> (checked: Bool, state: LeadState, version: Int) {
        let checked = !RoutingRecord.failedReadiness(decision)
        return (checked, decision.isAssigned && decision.owner != nil ? .assigned : .flagged, checked ? 3 : 2)
    }

    /// The entries a stored `routed` or `decided` entry stands for, oldest first. `source` is the lead's.
    package static func expand(kind: String, seq: Int64, lead: String, at: Date, actor: String, leadVersion: Int, rulebook: String?, reason: String?,
                               owner: String?, text: String?, to: LeadState?, source: String?) -> [LeadEvent] {
        let outcome: LeadState = to == .assigned ? .assigned : .flagged
        if kind == decidedKind {
            return [
                LeadEvent(seq: seq - 1, leadId: lead, kind: .checked, at: at, actor: actor, leadVersion: leadVersion - 1,
                          rulebookVersion: rulebook, detail: EventDetail(from: .received, to: .ready)),
                LeadEvent(seq: seq, leadId: lead, kind: outcome == .assigned ? .assigned : .flagged, at: at, actor: actor,
                          leadVersion: leadVersion, rulebookVersion: rulebook, reason: reason,
                          detail: EventDetail(owner: owner, text: text, from: .ready, to: outcome)),
            ]
        }
        let version = Int(span(kind: kind, leadVersion: Int64(leadVersion)))
        let first = seq - Int64(version) + 1
        var events = [LeadEvent(seq: first, leadId: lead, kind: .received, at: at, actor: actor, leadVersion: 1, reason: source,
                                detail: EventDetail(to: .received))]
        if version == 3 {
            events.append(LeadEvent(seq: first + 1, leadId: lead, kind: .checked, at: at, actor: "router", leadVersion: 2,
                                    rulebookVersion: rulebook, detail: EventDetail(from: .received, to: .ready)))
        }
        events.append(LeadEvent(seq: seq, leadId: lead, kind: outcome == .assigned ? .assigned : .flagged, at: at, actor: "router",
                                leadVersion: version, rulebookVersion: rulebook, reason: reason,
                                detail: EventDetail(owner: owner, text: text, from: version == 3 ? .ready : .received, to: outcome)))
        return events
    }
}
