import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// The detail pane: every field, the state and owner, the decision trace as sentences, every owner
/// passed over and why, the lead's history and its notes.
enum DetailPane {
    static func lines(_ detail: LeadDetail, settings: ConsoleSettings, now: Date) -> [(String, StyleRole)] {
        let record = detail.record
        let lead = record.lead
        var lines: [(String, StyleRole)] = []
        var state = "\(record.state.rawValue)"
        if let reason = record.reason, record.state == .flagged { state += " \(reason.glyph) \(reason.label) (\(reason.code))" }
        lines.append((state, .state(record.state.rawValue)))
        if let claim = detail.claim { lines.append((ClaimActions.claimText(claim, now: now), .statusInfo)) }
        if let owner = record.owner {
            lines.append(((record.state == .flagged ? "proposed owner " : "owner ") + owner, .plain))
        }
        if let route = record.route { lines.append(("route \(route)" + (record.pool.map { " -> pool \($0)" } ?? ""), .plain)) }
        lines.append(("version \(record.version) · received \(ClockText.dayAndTime(lead.receivedAt, settings.zone)) (\(ClockText.age(now.timeIntervalSince(lead.receivedAt))) ago)", .muted))
        lines.append(("", .plain))
        lines.append(("Fields", .title))
        let fields: [(String, String?)] = [
            ("name", [lead.firstName, lead.lastName].compactMap { $0 }.joined(separator: " ").nilIfEmpty),
            ("company", lead.company), ("email", lead.email), ("title", lead.title), ("phone", lead.phone),
            ("country", lead.country), ("region", lead.region), ("postal code", lead.postalCode), ("employees", lead.employees),
            ("revenue", lead.annualRevenue), ("industry", lead.industry), ("website", lead.website), ("source", lead.source),
            ("score", lead.score), ("external id", lead.externalId), ("time zone", lead.timezone),
        ]
        for (name, value) in fields { if let value, !value.isEmpty { lines.append(("  " + TextWidth.padded(name, to: 12) + value, .plain)) } }
        for (name, value) in lead.attributes.sorted(by: { $0.key < $1.key }) { lines.append(("  " + TextWidth.padded(name, to: 12) + value, .muted)) }
        if let decision = record.decision {
            lines.append(("", .plain))
            lines.append(("Decision", .title))
            for line in DecisionText.lines(decision) { lines.append(("  " + line, .plain)) }
            let passed = passedOver(decision)
            if !passed.isEmpty {
                lines.append(("", .plain))
                lines.append(("Passed over", .title))
                for line in passed { lines.append(("  " + line, .plain)) }
            }
        }
        lines.append(("", .plain))
        lines.append(("History", .title))
        for event in detail.events {
            var text = "  \(ClockText.time(event.at, settings.zone)) \(event.kind.rawValue) by \(event.actor)"
            if let owner = event.detail.owner { text += " -> \(owner)" }
            if let reason = event.reason, !reason.isEmpty, event.kind != .annotated { text += " · \(reason)" }
            lines.append((text, EventRowCells.role(event.kind)))
        }
        let notes = detail.events.filter { $0.kind == .annotated }
        if !notes.isEmpty {
            lines.append(("", .plain))
            lines.append(("Notes", .title))
            for note in notes { lines.append(("  \(note.actor), \(ClockText.time(note.at, settings.zone)): \(note.detail.text ?? "")", .plain)) }
        }
        return lines
    }

    /// "ana off hours (05:10 in America/Sao_Paulo)" for every candidate the router did not choose.
    static func passedOver(_ decision: Decision) -> [String] {
        decision.candidates.compactMap { pool, candidate in
            candidate.passedOver.map { "\(candidate.owner) (\(pool)): \($0.text)" }
        }
    }

    static func draw(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        guard rect.width > 4, rect.height > 2 else { return }
        screen.fill(rect, role: .plain)
        Box.draw(into: &screen, rect, title: title(state), focused: !state.wideLayout || state.detailRequested)
        let inner = Rect(row: rect.row + 1, column: rect.column + 2, height: rect.height - 2, width: rect.width - 4)
        guard let content = content(state) else {
            screen.put("loading…", row: inner.row, column: inner.column, width: inner.width, role: .muted)
            return
        }
        let all = wrap(content, width: inner.width)
        let top = min(state.detailScroll, max(all.count - inner.height, 0))
        for (i, line) in all.dropFirst(top).prefix(inner.height).enumerated() {
            screen.put(line.0, row: inner.row + i, column: inner.column, width: inner.width, role: line.1)
        }
        // Say when there is more, on the frame, so a long history is never silently cut.
        let more = [top > 0 ? "↑ more" : nil, top + inner.height < all.count ? "↓ more ([ ])" : nil].compactMap { $0 }.joined(separator: " · ")
        if !more.isEmpty, rect.width > TextWidth.columns(more) + 6 {
            screen.put(" \(more) ", row: rect.bottom - 1, column: rect.right - TextWidth.columns(more) - 4, role: .muted)
        }
    }

    /// The furthest the pane can scroll for the lead it shows.
    static func maxScroll(_ state: ConsoleState) -> Int {
        guard let rect = Layout(state).detail, let content = content(state) else { return 0 }
        let inner = Rect(row: 0, column: 0, height: rect.height - 2, width: rect.width - 4)
        let count = wrap(content, width: inner.width).count
        return max(count - inner.height, 0)
    }

    /// What the pane shows for the row under the cursor: a simulated lead's two decisions, or a live
    /// lead's detail once it has loaded (nil until then).
    static func content(_ state: ConsoleState) -> [(String, StyleRole)]? {
        if state.tab == .simulation { return state.cursorChange.map(SimulationPanel.detailLines) }
        guard let detail = state.detail, detail.record.lead.id == state.detailLeadId else { return nil }
        return lines(detail, settings: state.settings, now: state.deskNow)
    }

    static func title(_ state: ConsoleState) -> String {
        if let change = state.cursorChange { return "\(change.leadId) · before and after" }
        if let pinned = state.pinned, let detail = state.detail, detail.record.lead.id == pinned {
            return "\(pinned) · \(detail.record.lead.company ?? detail.record.lead.email ?? "")"
        }
        guard let lead = state.cursorLead else { return "Lead" }
        return "\(lead.id) · \(lead.company ?? lead.email ?? "")"
    }

    /// Long lines wrap at spaces with a hanging indent, so traces stay readable in a narrow pane.
    static func wrap(_ lines: [(String, StyleRole)], width: Int) -> [(String, StyleRole)] {
        var out: [(String, StyleRole)] = []
        for (text, role) in lines {
            guard TextWidth.columns(text) > width, width > 8 else { out.append((text, role)); continue }
            var current = ""
            for word in text.split(separator: " ", omittingEmptySubsequences: false) {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if TextWidth.columns(candidate) > width, !current.isEmpty {
                    out.append((current, role))
                    current = "    " + word
                } else {
                    current = candidate
                }
            }
            if !current.isEmpty { out.append((current, role)) }
        }
        return out
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// A framed rectangle with a title, in the focus color when it holds the keyboard.
enum Box {
    static func draw(into screen: inout ScreenBuffer, _ rect: Rect, title: String, focused: Bool) {
        let role: StyleRole = focused ? .borderFocus : .border
        let horizontal = String(repeating: "─", count: max(rect.width - 2, 0))
        screen.put("┌" + horizontal + "┐", row: rect.row, column: rect.column, width: rect.width, role: role)
        for r in (rect.row + 1)..<(rect.bottom - 1) {
            screen.put("│", row: r, column: rect.column, role: role)
            screen.put("│", row: r, column: rect.right - 1, role: role)
        }
        screen.put("└" + horizontal + "┘", row: rect.bottom - 1, column: rect.column, width: rect.width, role: role)
        if !title.isEmpty, rect.width > 6 {
            screen.put(" \(title) ", row: rect.row, column: rect.column + 2, width: rect.width - 4, role: .title)
        }
    }
}
