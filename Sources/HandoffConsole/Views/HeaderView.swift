import Foundation
import HandoffCore
import HandoffDesk

/// The header pulse: where you are and who you are, then how the flow is doing right now.
enum HeaderView {
    static func draw(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        screen.fill(row: rect.row, column: rect.column, width: rect.width, role: .header)
        screen.fill(row: rect.row + 1, column: rect.column, width: rect.width, role: .header)
        let settings = state.settings
        let snapshot = state.snapshot

        // Row 1, left: product, workspace, rulebook, operator. Right: core health, pause badge, clock.
        // Who acts comes before where, so a narrow terminal still shows whose name goes into the log.
        // "operator" is the name the command line falls back to when neither --operator nor the
        // environment ($HANDOFF_OPERATOR, $USER, $LOGNAME) gives one: say so rather than show it as a name.
        let name = settings.operatorName == "operator" ? "no name (--operator NAME)" : settings.operatorName
        var left = " Handoff · \(name) (\(settings.role.rawValue)\(settings.readOnly && settings.role != .viewer ? ", read-only" : ""))"
        left += " · \(settings.workspace)"
        if let snapshot { left += " · \(snapshot.rulebookName) @\(snapshot.rulebookVersion.prefix(7))" }
        var right: [(String, StyleRole)] = []
        if state.livePaused { right.append(("⏸ paused, \(state.pending) pending", .headerAlert)) }
        right.append((coreText(state.core), coreRole(state.core)))
        right.append((ClockText.dayAndTime(state.deskNow, settings.zone) + " " + ClockText.zoneName(state.deskNow, settings.zone) + " ", .header))
        let rightWidth = right.reduce(0) { $0 + TextWidth.columns($1.0) + 2 }
        screen.put(left, row: rect.row, column: rect.column, width: max(rect.width - rightWidth - 1, 0), role: .header)
        var column = rect.right - rightWidth + 2
        for (text, role) in right where column > rect.column {
            column += screen.put(text, row: rect.row, column: column, role: role) + 2
        }

        // Row 2: rates with sparklines, queue, exceptions by reason, SLA breaches.
        guard let snapshot else {
            screen.put(" loading the workspace…", row: rect.row + 1, column: rect.column, role: .header)
            return
        }
        let minutes = snapshot.minutes
        let received = minutes.map(\.received)
        let assigned = minutes.map(\.assigned)
        // The current minute is still filling up, so the rate is the last complete one.
        let rateIn = received.dropLast().last ?? received.last ?? 0
        let rateOut = assigned.dropLast().last ?? assigned.last ?? 0
        // Sparklines shrink on narrow terminals so the counts after them stay visible (below 150 columns,
        // also to leave room for the last day's figures).
        let review = state.insights.flatMap { $0.isEmpty ? nil : $0 }
        let minutesShown = rect.width >= 150 || (rect.width >= 120 && review == nil) ? 15 : rect.width >= 120 ? 10 : 6
        var parts: [(String, StyleRole)] = [
            (" in \(rateIn)/min ", .header), (Sparkline.line(Array(received.suffix(minutesShown))), .headerPulse),
            ("  assigned \(rateOut)/min ", .header), (Sparkline.line(Array(assigned.suffix(minutesShown))), .headerPulse),
            ("  queue \(snapshot.queueDepth)", snapshot.queueDepth > 500 ? .headerAlert : .header),
        ]
        let flagged = snapshot.counts.flaggedByReason.filter { $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.code < $1.key.code }
        let totalFlagged = flagged.reduce(0) { $0 + $1.value }
        parts.append(("  exceptions \(totalFlagged)", .header))
        // Reasons as glyph and count ("=12 ?5"); the words are in the Exceptions view and in `?` help.
        let reasons = flagged.isEmpty ? "" : " (" + flagged.prefix(5).map { "\($0.key.glyph)\($0.value)" }.joined(separator: " ") + ")"
        // The breached leads the Exceptions view lists (reason !), then assigned leads already past their
        // accept-by time that the SLA timer has not flagged yet.
        let breached = snapshot.counts.flaggedByReason[.slaBreached] ?? 0
        let sla = ("  SLA ! \(breached)" + (snapshot.slaBreaches > 0 ? " +\(snapshot.slaBreaches)" : ""),
                   breached + snapshot.slaBreaches > 0 ? StyleRole.headerAlert : .header)
        // A server's intake (requests, leads and refusals over the last minute) goes beside the queue, ahead of
        // the reasons and the review, which other views show too. Where it does not fit in full, the sparklines
        // give way first (the rates stay), then it shortens, so the row never wraps.
        if let intake = state.intake {
            let forms = intakeFigures(intake)
            func width(_ parts: [(String, StyleRole)]) -> Int { parts.reduce(0) { $0 + TextWidth.columns($1.0) } + TextWidth.columns(sla.0) }
            func sparklines(_ minutes: Int) -> [(String, StyleRole)] {
                var shorter = parts
                shorter[0].0 = minutes > 0 ? " in \(rateIn)/min " : " in \(rateIn)/min"
                shorter[1].0 = minutes > 0 ? Sparkline.line(Array(received.suffix(minutes))) : ""
                shorter[2].0 = minutes > 0 ? "  assigned \(rateOut)/min " : "  assigned \(rateOut)/min"
                shorter[3].0 = minutes > 0 ? Sparkline.line(Array(assigned.suffix(minutes))) : ""
                return shorter
            }
            let tries: [([(String, StyleRole)], ArraySlice<String>)] = [
                (parts, forms.prefix(2)), (sparklines(6), forms.prefix(2)), (sparklines(0), forms[...]),
            ]
            for (candidate, texts) in tries {
                guard let text = texts.first(where: { width(candidate) + TextWidth.columns($0) <= rect.width - 1 }) else { continue }
                parts = candidate
                parts.insert((text, intake.rejectedPerMinute > 0 ? .headerAlert : .header), at: 5)
                break
            }
        }
        // The last day's review (Insights), in as many words as fit. Where it does not fit beside the reasons,
        // it takes their place (they are in the Exceptions and Insights views); where it does not fit at
        // all, the header stays as it was, so narrow terminals are never crowded.
        let used = parts.reduce(0) { $0 + TextWidth.columns($1.0) } + TextWidth.columns(sla.0)
        let room = rect.width - 1
        let figures = review.map(insightFigures) ?? []
        if let fits = figures.first(where: { used + TextWidth.columns(reasons) + TextWidth.columns($0) <= room }) {
            parts += [(reasons, .header), sla, (fits, .headerPulse)]
        } else if let fits = figures.first(where: { used + TextWidth.columns($0) <= room }) {
            parts += [sla, (fits, .headerPulse)]
        } else if used + TextWidth.columns(reasons) <= room {
            parts += [(reasons, .header), sla]
        } else {
            // The SLA figure before the reasons by glyph, which the Exceptions view lists anyway.
            parts += [sla]
        }
        var c = rect.column
        for (text, role) in parts where c < rect.right {
            c += screen.put(text, row: rect.row + 1, column: c, width: rect.right - c, role: role)
        }
    }

    /// A server's intake over the last minute, longest first.
    static func intakeFigures(_ intake: IntakeStatus) -> [String] {
        let (requests, leads, rejected) = (intake.requestsPerMinute, intake.leadsPerMinute, intake.rejectedPerMinute)
        return ["  intake \(requests) req/min · \(leads) leads/min · \(rejected) rejected", "  intake/min \(requests) req · \(leads) leads · \(rejected) rejected",
                "  intake/min \(requests) req \(leads) leads \(rejected) rej", "  intake \(leads) leads/min · \(rejected) rej", "  intake \(leads)/min · \(rejected) rej",
                "  intake \(leads)/min"]
    }

    /// The Insights view's headline figures, longest first: time to owner (p50) and SLA breach rate.
    static func insightFigures(_ review: Review) -> [String] {
        let span = DurationWords.short(review.end.timeIntervalSince(review.start))
        let p50 = review.all.intakeToOwner.p50.map(DurationWords.short) ?? "-"
        let breached = String(format: "%.1f%%", review.all.slaBreachRate * 100)
        return ["  last \(span): intake→owner p50 \(p50) · SLA breached \(breached)", "  \(span): owner p50 \(p50) · SLA breached \(breached)",
                "  owner p50 \(p50) · SLA late \(breached)"]
    }

    static func coreText(_ health: CoreHealth) -> String {
        switch health {
        case .starting: "◌ starting"
        case .running: "● routing"
        case .paused: "‖ core paused"
        case .behind(let queue): "▲ behind (\(queue) queued)"
        case .failed(let message): "✖ stopped: \(message)"
        case .standingBy: "◌ standing by"
        }
    }

    static func coreRole(_ health: CoreHealth) -> StyleRole {
        switch health {
        case .running, .starting, .standingBy: .headerPulse
        case .paused, .behind, .failed: .headerAlert
        }
    }
}
