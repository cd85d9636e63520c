import Foundation
import HandoffCore
import HandoffStore
import HandoffText

/// `simulate` as text: what was compared over which leads, the changed leads, then load, exceptions,
/// fairness and coverage, each an aligned table.
enum SimulationView {
    /// What the command knows besides the report: file names and how the leads were chosen.
    struct Context {
        var draftFile: String
        var currentFile: String
        var selection: ReplaySelection
        /// The --since text, when a window bounds the leads.
        var since: String?
        var limit: Int
        var warnings: [Diagnostic]
    }

    static func lines(_ r: SimulationReport, _ c: Context, style: TextStyle) -> [String] {
        var out = [
            "Draft \(c.draftFile) ('\(r.after.name)', version \(r.after.version)) against \(c.currentFile) ('\(r.before.name)', version \(r.before.version))",
            "over \(leadsText(r, c)).",
        ]
        guard r.leads > 0 else {
            return out + ["", emptyText(c)]
        }
        out += [""]
        out += changes(r, c, style: style)
        out += ["", style.paint("Assignments per owner", .bold)]
        out += ownerTable(r, style: style)
        out += ["", style.paint("Outcomes", .bold) + " (assigned, and flagged by reason)"]
        out += reasonTable(r, style: style)
        out += ["", style.paint("Fairness", .bold) + " (Gini of leads per pool member: 0 even, 1 all to one)"]
        out += fairnessTable(r, style: style)
        out += ["", style.paint("Coverage under the draft", .bold)]
        out += coverage(r, style: style)
        return out
    }

    static func leadsText(_ r: SimulationReport, _ c: Context) -> String {
        var text = counted(r.leads, "lead")
        if let filter = c.selection.filter { text += " matching " + filterText(filter) }
        if let first = r.first, let last = r.last {
            text += " received \(InstantText.format(first)) .. \(InstantText.format(last))"
        }
        if let since = c.since { text += " (the \(since) before \(InstantText.format(c.selection.to)))" }
        return text
    }

    static func filterText(_ f: LeadFilter) -> String {
        var parts: [String] = []
        if let s = f.state { parts.append("state \(s.rawValue)") }
        if let o = f.owner { parts.append("owner \(o)") }
        if let r = f.reason { parts.append("reason \(r.code)") }
        if let s = f.search { parts.append("\"\(s)\"") }
        return parts.joined(separator: ", ")
    }

    static func emptyText(_ c: Context) -> String {
        if c.selection.filter != nil {
            return "No stored lead matches the filters" + (c.since.map { " in the last \($0)" } ?? "") + "; nothing to simulate. Try other filters"
                + (c.since == nil ? "." : " or a longer --since.")
        }
        return "No leads received in the last \(c.since ?? "30d") (since \(InstantText.format(c.selection.from ?? c.selection.to))); nothing to simulate. "
            + "Try a longer --since (e.g. --since 90d), or --now at a time the database has leads."
    }

    static func changes(_ r: SimulationReport, _ c: Context, style: TextStyle) -> [String] {
        let head = "Changed: \(r.changed) of \(counted(r.leads, "lead")) (\(percent(r.changed, of: r.leads)))"
        guard r.changed > 0 else { return [style.paint(head, .bold), "  The draft decides every lead as the rulebook in force does."] }
        var out = [style.paint(head, .bold)]
        guard !r.changes.isEmpty else { return out + ["  (--limit 0: none listed)"] }
        let rows: [[TextTable.Cell]] = r.changes.map { change in
            [.init(change.leadId), outcomeCell(change.before), outcomeCell(change.after), .init(change.why)]
        }
        out += TextTable([.init("LEAD"), .init("BEFORE", maxWidth: 34), .init("AFTER", maxWidth: 34), .init("WHY", maxWidth: 70)])
            .render(rows, style: style)
        if r.changed > r.changes.count {
            out.append("(first \(r.changes.count) of \(r.changed) shown; --limit N shows more, --json lists them as data)")
        }
        return out
    }

    static func outcomeCell(_ o: SimulatedOutcome) -> TextTable.Cell {
        .init(o.text, o.isAssigned ? nil : .yellow)
    }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : n == 0 ? "0" : "\(n)" }

    static func deltaCell(_ n: Int) -> TextTable.Cell { .init(signed(n), n == 0 ? .dim : nil) }

    static func ownerTable(_ r: SimulationReport, style: TextStyle) -> [String] {
        let rows: [[TextTable.Cell]] = r.owners.map { o in
            [.init(o.owner), .init(o.before.map(String.init) ?? "-"), .init(o.after.map(String.init) ?? "-"), deltaCell(o.delta),
             .init(o.before == nil ? "new in the draft" : o.after == nil ? "not in the draft" : o.after == 0 ? "no leads" : "", .yellow)]
        }
        return TextTable([.init("OWNER"), .init("BEFORE", .right), .init("AFTER", .right), .init("DELTA", .right), .init("")])
            .render(rows, style: style)
    }

    static func reasonTable(_ r: SimulationReport, style: TextStyle) -> [String] {
        var rows: [[TextTable.Cell]] = [
            [.init("assigned", .green), .init("\(r.before.assigned)"), .init("\(r.after.assigned)"), deltaCell(r.after.assigned - r.before.assigned), ""],
            [.init("flagged", .yellow), .init("\(r.before.flagged)"), .init("\(r.after.flagged)"), deltaCell(r.after.flagged - r.before.flagged), ""],
        ]
        for reason in r.reasons {
            let note = reason.before == 0 ? "new in the draft" : reason.after == 0 ? "gone in the draft" : ""
            rows.append([.init("  " + reason.reason.code), .init("\(reason.before)"), .init("\(reason.after)"),
                         deltaCell(reason.after - reason.before), .init(note, .yellow)])
        }
        return TextTable([.init(""), .init("BEFORE", .right), .init("AFTER", .right), .init("DELTA", .right), .init("")])
            .render(rows, style: style)
    }

    static func gini(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }

    static func fairnessTable(_ r: SimulationReport, style: TextStyle) -> [String] {
        guard !r.pools.isEmpty else { return ["  (no pools with members)"] }
        let rows: [[TextTable.Cell]] = r.pools.map { p in
            [.init(p.pool), .init(p.method.rawValue), .init("\(p.members)"), .init("\(p.leadsBefore)"), .init("\(p.leadsAfter)"),
             .init(gini(p.before)), .init(gini(p.after))]
        }
        return TextTable([
            .init("POOL"), .init("METHOD"), .init("MEMBERS", .right), .init("LEADS BEFORE", .right), .init("AFTER", .right),
            .init("GINI BEFORE", .right), .init("AFTER", .right),
        ]).render(rows, style: style)
    }

    static func coverage(_ r: SimulationReport, style: TextStyle) -> [String] {
        var out: [String] = []
        if r.idleOwners.isEmpty {
            out.append("  Every active owner in the draft gets leads.")
        } else {
            out.append("  " + style.paint("No leads at all", .yellow) + ": " + r.idleOwners.joined(separator: ", "))
        }
        if r.uncovered.isEmpty {
            out.append("  Every pool has a member at work at every hour of the week.")
        }
        for gap in r.uncovered {
            out.append(gap.noActiveMember
                ? "  pool \(gap.pool): no active member"
                : "  pool \(gap.pool): nobody available \(gap.hours)")
        }
        return out
    }
}
