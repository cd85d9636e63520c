import Foundation
import HandoffCore
import HandoffText

/// The demo run as text: what was run, a row per lead (with its trace when asked), then the tally.
///
/// Everything here depends only on the run's decisions, so it reads the same on every run; the timing
/// is a separate line because it never does.
public enum DemoReport {
    public static func lines(_ run: DemoRun, explain: Bool = false, style: TextStyle = .plain) -> [String] {
        var out = [heading(run), ""]
        let table = TextTable([
            .init("LEAD"), .init("COMPANY", maxWidth: 22), .init("COUNTRY", maxWidth: 14), .init("EMPLOYEES", .right, maxWidth: 9),
            .init("ROUTE", maxWidth: 18), .init("OWNER", maxWidth: 14), .init("STATE"), .init("REASON"),
        ])
        let rendered = table.render(run.rows.map { cells($0) }, style: style)
        out.append(rendered[0])
        for (row, line) in zip(run.rows, rendered.dropFirst()) {
            out.append(line)
            if explain { out += DecisionText.lines(row.decision).map { "    " + $0 } }
        }
        out.append("")
        out += summary(run, style: style)
        return out
    }

    /// `Routing 40 leads from seed 1 at 2026-11-24T14:30:00Z with rulebook 'Acme inbound' (3f9a1c2e7d10)`
    public static func heading(_ run: DemoRun) -> String {
        "Routing \(counted(run.rows.count, "lead")) from seed \(run.settings.seed) at \(InstantText.format(run.settings.start))"
            + " with rulebook '\(run.rulebook.name)' (\(run.rulebook.version))"
    }

    static func cells(_ row: DemoRun.Row) -> [TextTable.Cell] {
        let d = row.decision
        let state: TextTable.Cell = d.isAssigned ? .init("assigned", .green) : .init("flagged", .yellow)
        // A flagged lead's owner is only a proposal; the parentheses say so without colour.
        let owner = d.owner.map { d.isAssigned ? $0 : "(\($0))" } ?? "-"
        // Normalized values, as the router saw them: ISO country codes, grouped numbers.
        let lead = Normalizer.normalize(row.lead)
        let employees = lead.employees.map(NumberText.grouped) ?? shown(row.lead.employees)
        return [
            .init(row.lead.id), .init(shown(lead.company)), .init(shown(lead.country)), .init(employees),
            .init(d.route ?? "-"), .init(owner), state, .init(d.reason?.code ?? "", .yellow),
        ]
    }

    /// Blank and missing values both show as "-", so a column never looks misaligned.
    static func shown(_ text: String?) -> String {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return "-" }
        return text
    }

    static func summary(_ run: DemoRun, style: TextStyle) -> [String] {
        let total = run.rows.count
        let flagged = run.flaggedByReason
        let table = TextTable([.init(""), .init("", .right), .init("", .right)])
        var rows: [[TextTable.Cell]] = [
            [.init("assigned", .green), .init("\(run.assignedCount)"), .init(percent(run.assignedCount, of: total))],
            [.init("flagged", .yellow), .init("\(total - run.assignedCount)"), .init(percent(total - run.assignedCount, of: total))],
        ]
        rows += flagged.map { [.init("  " + $0.reason.code, .yellow), .init("\($0.count)"), .init(percent($0.count, of: total))] }
        // Drop the empty header line the table always renders.
        var out = ["Routed \(counted(total, "lead")):"] + table.render(rows, style: style).dropFirst().map { "  " + $0 }
        if run.rows.contains(where: { !$0.decision.isAssigned && $0.decision.owner != nil }) {
            out.append("(owner) in parentheses: proposed for a flagged lead, waiting for a person to approve")
        }
        return out
    }

    /// The live demo's first hour: how many leads found an owner with no person involved, and why the
    /// others wait for one.
    ///
    ///     First simulated hour of the live demo (2026-11-24T14:30:00Z to 15:30, 40 leads a minute):
    ///       assigned with no person  2,152  89.9%
    ///       exceptions                 241  10.1%
    ///         duplicate_suspect         85   3.6%
    public static func hour(_ hour: DemoHour, leadsPerMinute: Double, style: TextStyle = .plain) -> [String] {
        let until = InstantText.format(hour.until)
        let rate = NumberText.grouped(leadsPerMinute)
        let minutes = Int((hour.until.timeIntervalSince(hour.from) / 60).rounded())
        let span = minutes == 60 ? "hour" : "\(minutes) minutes"
        var out = ["First simulated \(span) of the live demo (\(InstantText.format(hour.from)) to \(until.dropFirst(11).prefix(5)), \(rate) leads a minute):"]
        let table = TextTable([.init(""), .init("", .right), .init("", .right)])
        var rows: [[TextTable.Cell]] = [
            [.init("assigned with no person", .green), .init(NumberText.grouped(Double(hour.unattended))), .init(percent(hour.unattended, of: hour.leads))],
            [.init("exceptions", .yellow), .init(NumberText.grouped(Double(hour.flagged))), .init(percent(hour.flagged, of: hour.leads))],
        ]
        rows += hour.exceptions.map { [.init("  " + $0.reason.code, .yellow), .init("\($0.count)"), .init(percent($0.count, of: hour.leads))] }
        out += table.render(rows, style: style).dropFirst().map { "  " + $0 }
        let leads = NumberText.grouped(Double(hour.leads))
        out.append("  of \(leads) leads; \(counted(hour.quarantined, "more record")) too broken to read went to quarantine")
        return out
    }

    /// `Routing took 1.2 ms: 33,000 decisions/s` — different on every run, so kept apart from `lines`.
    public static func timing(_ run: DemoRun) -> String {
        let c = run.routingTime.components
        let ms = (Double(c.seconds) * 1e3 + Double(c.attoseconds) / 1e15)
        let rate = run.decisionsPerSecond.map { NumberText.grouped($0.rounded()) } ?? "-"
        return "Routing took \(String(format: "%.1f", ms)) ms: \(rate) decisions/s"
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "-" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }
}
