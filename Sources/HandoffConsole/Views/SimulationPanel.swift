import Foundation
import HandoffCore

/// The Simulation view: a band of figures (changed leads, exceptions, fairness per pool) above the
/// changed leads; the detail pane shows a lead's decision before and after the draft.
enum SimulationPanel {
    static func drawBand(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        for r in 0..<rect.height { screen.fill(row: rect.row + r, column: rect.column, width: rect.width, role: .plain) }
        guard let run = state.simulation else {
            screen.put(" No simulation yet.", row: rect.row, column: rect.column, width: rect.width, role: .title)
            screen.put(" :simulate DRAFT.yaml replays the last 30 days of leads through a draft rulebook and the one in force.",
                       row: rect.row + 1, column: rect.column, width: rect.width, role: .muted)
            return
        }
        guard let report = run.report else {
            let verb = run.running ? "Simulating" : "Could not simulate"
            screen.put(" \(verb) \(run.path)…", row: rect.row, column: rect.column, width: rect.width, role: .title)
            if run.running {
                screen.put(" replaying the last 30 days of stored leads through the draft and the rulebook in force; nothing is written",
                           row: rect.row + 1, column: rect.column, width: rect.width, role: .muted)
            }
            return
        }
        let lines = bandLines(run.path, report)
        for (i, parts) in lines.enumerated() where i < rect.height {
            var column = rect.column
            for (text, role) in parts where column < rect.right {
                column += screen.put(text, row: rect.row + i, column: column, width: rect.right - column, role: role)
            }
        }
    }

    /// Three lines: what was compared and how many leads changed; assignments and exceptions before ->
    /// after; fairness per pool and coverage.
    static func bandLines(_ path: String, _ r: SimulationReport) -> [[(String, StyleRole)]] {
        let share = r.leads > 0 ? String(format: " (%.1f%%)", Double(r.changed) * 100 / Double(r.leads)) : ""
        let first: [(String, StyleRole)] = [
            (" \(path) @\(r.after.version.prefix(7)) vs in force @\(r.before.version.prefix(7))", .title),
            (" · \(NumberText.grouped(Double(r.leads))) leads · ", .plain),
            ("changed \(NumberText.grouped(Double(r.changed)))\(share)", r.changed > 0 ? .headerAlert : .plain),
        ]
        var second: [(String, StyleRole)] = [
            (" assigned \(r.before.assigned) -> \(r.after.assigned)", .plain),
            ("  exceptions \(r.before.flagged) -> \(r.after.flagged)", r.after.flagged > r.before.flagged ? .headerAlert : .plain),
        ]
        let moved = r.reasons.filter { $0.before != $0.after }
        if !moved.isEmpty {
            second.append(("  (" + moved.map { "\($0.reason.glyph)\($0.reason.code) \($0.before)->\($0.after)" }.joined(separator: ", ") + ")", .muted))
        }
        var third: [(String, StyleRole)] = [(" Gini", .plain)]
        for pool in r.pools {
            third.append(("  \(pool.pool) \(gini(pool.before)) -> \(gini(pool.after))", .plain))
        }
        if !r.idleOwners.isEmpty { third.append(("  no leads: " + r.idleOwners.joined(separator: ", "), .headerAlert)) }
        if !r.uncovered.isEmpty { third.append(("  uncovered hours: " + r.uncovered.map(\.pool).joined(separator: ", "), .muted)) }
        return [first, second, third]
    }

    static func gini(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }

    static func emptyText(_ state: ConsoleState) -> String {
        guard let run = state.simulation else { return "no simulation yet: :simulate DRAFT.yaml" }
        if run.running { return "simulating…" }
        guard let report = run.report else { return "nothing simulated: see the status line" }
        if report.leads == 0 { return "no leads received in the last 30 days; nothing to simulate" }
        if !run.filter.isEmpty { return "no changed lead matches the filter \(run.filter)" }
        return "the draft decides every lead as the rulebook in force does"
    }

    static func cells(_ change: LeadChange) -> [TableCell] {
        [
            TableCell(change.leadId),
            outcome(change.before),
            outcome(change.after),
            TableCell(change.why),
            TableCell(change.company ?? "—", change.company == nil ? .muted : .plain),
        ]
    }

    /// An exception with its glyph and reason role, so it never depends on color alone.
    static func outcome(_ o: SimulatedOutcome) -> TableCell {
        guard let reason = o.reason else { return TableCell(o.text) }
        return TableCell("\(reason.glyph) \(o.text)", .reason(reason.code))
    }

    static func detailLines(_ change: LeadChange) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = [
            ("\(change.before.text)  ->  \(change.after.text)", .title),
            ("why: \(change.why)", .plain),
            ("", .plain),
            ("Before (rulebook in force)", .title),
        ]
        for line in DecisionText.lines(change.beforeDecision) { lines.append(("  " + line, .plain)) }
        lines += [("", .plain), ("After (draft)", .title)]
        for line in DecisionText.lines(change.afterDecision) { lines.append(("  " + line, .plain)) }
        return lines
    }
}
