import Foundation
import HandoffCore
import HandoffStore
import HandoffText

/// The Shadow view (`:shadow DRAFT`): which draft shadows which rulebook, the agreement rate, each
/// owner's leads live and under the draft, then the divergences, newest first, as they happen.
enum ShadowPanel {
    static func draw(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        screen.fill(rect, role: .plain)
        guard let s = state.shadow else {
            screen.put(" No shadow has run here. :shadow DRAFT.yaml has a draft decide every lead routed from now on beside the rulebook, "
                + "assigning nothing; `handoff shadow start` does the same from the command line.",
                row: rect.row + 1, column: rect.column, width: rect.width, role: .muted)
            return
        }
        var row = rect.row
        func line(_ segments: [(String, StyleRole)]) {
            guard row < rect.bottom else { return }
            var c = rect.column
            for (text, role) in segments where c < rect.column + rect.width {
                c += screen.put(text, row: row, column: c, width: rect.column + rect.width - c, role: role)
            }
            row += 1
        }
        let shadow = s.shadow
        line([(" ", .plain), stateText(shadow), ("  ·  ", .muted), (shadow.draftPath, .title), (" \(shadow.draftVersion)", .plain),
              (" shadowing ", .muted), (shadow.livePath, .plain), (" \(shadow.liveVersion)", .plain)])
        if s.leads == 0 {
            line([(" No lead routed since it started: the figures appear as leads are routed.", .muted)])
            return
        }
        line([(" Agreement ", .muted), (percent(s.leads - s.diverged, of: s.leads), .title),
              ("  ·  \(counted(s.leads, "lead")) decided by both  ·  ", .muted), ("\(s.diverged) diverged", s.diverged > 0 ? .statusError : .statusOK)])
        loadLines(s, width: rect.width).forEach { line($0) }
        row += 1
        divergences(s, into: &screen, Rect(row: row, column: rect.column, height: rect.bottom - row, width: rect.width))
    }

    private static func stateText(_ shadow: StoredShadow) -> (String, StyleRole) {
        guard let ended = shadow.endedAt else { return ("Running since \(InstantText.format(shadow.startedAt)) (\(shadow.startedBy))", .statusOK) }
        return ("\(shadow.end == .promoted ? "Promoted" : "Stopped") \(InstantText.format(ended)) (\(shadow.endedBy ?? "")); :shadow DRAFT starts another", .muted)
    }

    /// "Load per owner (live → draft): ana 12 → 14  ben 10 → 8 …", wrapped to the width; an owner
    /// whose count moves stands out.
    static func loadLines(_ s: ShadowStanding, width: Int) -> [[(String, StyleRole)]] {
        let owners = Set(s.liveLoads.keys).union(s.draftLoads.keys).sorted()
        var lines: [[(String, StyleRole)]] = []
        var current: [(String, StyleRole)] = [(" Load per owner, live → draft:", .muted)]
        var used = TextWidth.columns(current[0].0)
        for owner in owners {
            let live = s.liveLoads[owner] ?? 0, draft = s.draftLoads[owner] ?? 0
            let text = "  \(owner) \(live) → \(draft)"
            if used + TextWidth.columns(text) > width, current.count > 1 {
                lines.append(current)
                current = [(" ", .plain)]
                used = 1
            }
            current.append((text, live == draft ? .plain : .loadHigh))
            used += TextWidth.columns(text)
        }
        return lines + [current]
    }

    /// One line a divergence on a wide terminal; on a narrow one the reason goes on a second line, so
    /// both decisions show whole.
    private static func divergences(_ s: ShadowStanding, into screen: inout ScreenBuffer, _ rect: Rect) {
        guard rect.height > 0 else { return }
        guard !s.divergences.isEmpty else {
            screen.put(" No divergence: the draft decided every lead as the rulebook in force did.", row: rect.row, column: rect.column,
                       width: rect.width, role: .muted)
            return
        }
        let wide = rect.width >= 120
        let side = wide ? 30 : max((rect.width - 13) / 2, 12)
        var widths = [9, wide ? 20 : 0, side, side]
        widths.append(wide ? max(rect.width - widths.reduce(0) { $0 + $1 + ($1 > 0 ? 1 : 0) } - 1, 0) : 0)
        let shown = s.diverged > s.divergences.count ? " (newest \(s.divergences.count) of \(s.diverged))" : ""
        func put(_ cells: [String], row: Int, roles: [StyleRole]) {
            var c = rect.column + 1
            for (i, text) in cells.enumerated() where widths[i] > 0 {
                screen.put(text, row: row, column: c, width: widths[i], role: roles[i])
                c += widths[i] + 1
            }
        }
        put(["LEAD", "AT", "LIVE", "DRAFT" + (wide ? "" : shown), "WHY" + shown], row: rect.row, roles: Array(repeating: .tableHeading, count: 5))
        var row = rect.row + 1
        for d in s.divergences {
            guard row + (wide ? 0 : 1) < rect.bottom else { break }
            let live = d.pair.live, draft = d.pair.draft
            put([d.pair.leadId, InstantText.format(d.at), live.text, draft.text, d.pair.why ?? ""], row: row,
                roles: [.plain, .muted, role(live), role(draft), .plain])
            if !wide {
                row += 1
                screen.put(d.pair.why ?? "", row: row, column: rect.column + 11, width: rect.width - 11, role: .muted)
            }
            row += 1
        }
    }

    private static func role(_ outcome: ShadowOutcome) -> StyleRole {
        outcome.reason.map { StyleRole.reason($0.code) } ?? .plain
    }
}
