import Foundation
import HandoffCore
import HandoffDesk
import HandoffText

/// The Insights view (5): the review `handoff report` prints, for the last day as of the desk's clock,
/// in blocks that flow into one column on a narrow terminal and two or three on wider ones.
enum InsightsView {
    typealias Segment = (text: String, role: StyleRole)
    typealias Line = [Segment]

    struct Block {
        var lines: [Line]
        /// Lines that may be dropped from the end when space runs out (the title and the first rows stay).
        var keep: Int
    }

    static func draw(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        screen.fill(rect, role: .plain)
        guard let review = state.insights else {
            screen.put(" working out the last day's figures…", row: rect.row + 1, column: rect.column, width: rect.width, role: .muted)
            return
        }
        let span = DurationWords.short(review.end.timeIntervalSince(review.start))
        guard !review.isEmpty else {
            screen.put(" No leads received in the last \(span): nothing to review yet (all figures zero).", row: rect.row + 1,
                       column: rect.column, width: rect.width, role: .muted)
            return
        }
        let columns = rect.width >= 200 ? 3 : rect.width >= 120 ? 2 : 1
        let gap = 3
        let width = (rect.width - gap * (columns - 1)) / columns
        // Short terminals show fewer rows of each list and no blank line between blocks, so every block shows.
        let items = rect.height < 30 ? 3 : rect.height < 45 ? 6 : 12
        let spacing = rect.height < 30 ? 0 : 1
        let blocks = Self.blocks(review, span: span, width: width, items: items)
        if columns == 1 {
            drawScrolled(blocks, spacing: spacing, top: state.tops[.insights] ?? 0, width: width, into: &screen, rect)
            return
        }
        // Columns of about equal height: a block that would pass the share starts the next column.
        let total = blocks.reduce(0) { $0 + $1.lines.count + spacing }
        let share = max((total + columns - 1) / columns, 1)
        var column = 0, row = rect.row
        for block in blocks {
            let used = row - rect.row
            if used > 0, column + 1 < columns, used + block.lines.count > share || rect.bottom - row < block.lines.count {
                column += 1
                row = rect.row
            }
            let left = rect.column + column * (width + gap)
            for line in block.lines.prefix(max(rect.bottom - row, 0)) {
                var c = left
                for segment in line where c < left + width {
                    c += screen.put(segment.text, row: row, column: c, width: left + width - c, role: segment.role)
                }
                row += 1
            }
            row += spacing
        }
    }

    /// The furthest the one-column view scrolls on this screen: its lines less those that fit (0 when
    /// everything fits or the view flows into several columns).
    static func scrollLimit(_ state: ConsoleState) -> Int {
        let rect = Layout(state).table
        guard let review = state.insights, !review.isEmpty, rect.width < 120 else { return 0 }
        let spacing = rect.height < 30 ? 0 : 1
        let blocks = Self.blocks(review, span: DurationWords.short(review.end.timeIntervalSince(review.start)), width: rect.width,
                                 items: rect.height < 30 ? 3 : rect.height < 45 ? 6 : 12)
        let lines = blocks.reduce(0) { $0 + $1.lines.count + spacing }
        return max(lines - rect.height, 0)
    }

    /// One column, as many lines as fit from `top` (kept within the lines), with "↓ more" when some are below.
    private static func drawScrolled(_ blocks: [Block], spacing: Int, top: Int, width: Int, into screen: inout ScreenBuffer, _ rect: Rect) {
        var lines: [Line] = []
        for block in blocks {
            lines += block.lines
            if spacing > 0 { lines.append([]) }
        }
        let first = min(max(top, 0), max(lines.count - rect.height, 0))
        for (i, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
            var c = rect.column
            for segment in line where c < rect.column + width {
                c += screen.put(segment.text, row: rect.row + i, column: c, width: rect.column + width - c, role: segment.role)
            }
        }
        if first + rect.height < lines.count {
            screen.put(" ↓ more (j, PgDn) ", row: rect.bottom - 1, column: rect.right - 18, role: .muted)
        }
        if first > 0 { screen.put(" ↑ ", row: rect.row, column: rect.right - 4, role: .muted) }
    }

    static func blocks(_ review: Review, span: String, width: Int, items: Int) -> [Block] {
        let f = review.all
        let bar = max(min(width - 46, 24), 4)
        var out: [Block] = []
        let spark = f.arrivals.counts
        out.append(Block(lines: [
            [(" Last \(span)", .title), (" · \(grouped(f.leads)) leads · per \(DurationWords.short(Double(f.arrivals.bucketSeconds))) ", .muted),
             (InlineChart.sparkline(Array(spark.suffix(max(width - 40, 8)))), .sparkline)],
            [(" Intake → owner   ", .muted), (triple(f.intakeToOwner), .plain)],
            [(" Owner → accepted ", .muted), (triple(f.ownerToAcceptance), .plain)],
        ], keep: 3))

        var exceptions: [Line] = [[(" Exceptions ", .title), ("\(rate(f.exceptionRate)) of \(grouped(f.decided)) decided", .plain)]]
        let top = Double(f.exceptionsByReason.first?.count ?? 1)
        for r in f.exceptionsByReason.prefix(items) {
            exceptions.append([("   " + pad(r.reason, 18), .reason(r.reason)), (pad(grouped(r.count), 7, right: true) + " " + pad(rate(r.rate), 6, right: true) + " ", .plain),
                               (InlineChart.bar(Double(r.count) / top, width: bar), .reason(r.reason))])
        }
        out.append(Block(lines: exceptions, keep: min(exceptions.count, 4)))

        var routes: [Line] = [[(" Exception rate by route", .title)]]
        for r in f.exceptionsByRoute.prefix(items) {
            routes.append([("   " + pad(r.route ?? "(no route)", 18), .plain), (pad(grouped(r.decided), 7, right: true) + " " + pad(rate(r.rate), 6, right: true) + " ", .plain),
                           (InlineChart.bar(r.rate, width: bar), .loadMedium)])
        }
        out.append(Block(lines: routes, keep: min(routes.count, 3)))

        let corrections = f.overrides.reduce(0) { $0 + $1.reassignments }
        var overrides: [Line] = [[(" Operator overrides ", .title), ("\(grouped(corrections)) reassignments by people", .plain)]]
        for o in f.overrides.prefix(items) {
            guard let c = o.mostCommon else { continue }
            overrides.append([("   \(o.route ?? "(no route)") -> \(c.from ?? "nobody") reassigned to \(c.to) \(c.count == 1 ? "once" : "\(grouped(c.count)) times")", .plain),
                              (" (\(grouped(o.reassignments)) in all)", .muted)])
        }
        out.append(Block(lines: overrides, keep: min(overrides.count, 2)))

        var sla: [Line] = [[(" SLA breaches ", .title), ("\(rate(f.slaBreachRate)) of \(grouped(f.slaAssigned)) assigned", f.slaBreached > 0 ? .loadHigh : .plain)]]
        let worst = max(f.slaByPool.map(\.rate).max() ?? 0, 0.05)
        for p in f.slaByPool.prefix(items) {
            sla.append([("   " + pad(p.pool, 18), .plain), (pad(grouped(p.breached), 7, right: true) + " " + pad(rate(p.rate), 6, right: true) + " ", .plain),
                        (InlineChart.bar(p.rate / worst, width: bar), p.breached > 0 ? .loadOver : .loadLow)])
        }
        out.append(Block(lines: sla, keep: min(sla.count, 3)))

        var load: [Line] = [[(" Load ", .title), ("share of pool / weight share · open / capacity", .muted)]]
        let gini = Dictionary(f.fairness.map { ($0.pool, $0.gini) }, uniquingKeysWith: { a, _ in a })
        var pool: String?
        for o in f.owners {
            if o.pool != pool {
                pool = o.pool
                load.append([("   \(o.pool)", .plain), ("  Gini \(String(format: "%.2f", gini[o.pool] ?? 0))", .muted)])
            }
            let weight = o.weightShare.map(rate) ?? "-"
            load.append([("     " + pad(o.owner, 8), .plain), (pad(rate(o.share), 6, right: true) + " / " + pad(weight, 6, right: true) + " ", .plain),
                         (pad(InlineChart.bar(o.share, width: max(bar / 2, 3)), max(bar / 2, 3)), .sparkline),
                         (" " + pad("\(o.open)/\(o.capacity.map(String.init) ?? "-")", 7, right: true), Sparkline.loadRole(o.open, o.capacity))])
        }
        out.append(Block(lines: load, keep: min(load.count, 3)))

        if review.byRulebook.count > 1 {
            var versions: [Line] = [[(" By rulebook version", .title)]]
            for v in review.byRulebook.suffix(items) {
                versions.append([("   \(v.shortVersion) ", .plain), ("\(grouped(v.figures.leads)) leads · owner p50 \(time(v.figures.intakeToOwner.p50)) · exceptions \(rate(v.figures.exceptionRate)) · SLA \(rate(v.figures.slaBreachRate))", .muted)])
            }
            out.append(Block(lines: versions, keep: 2))
        }
        return out
    }

    static func triple(_ d: Durations) -> String {
        "p50 \(pad(time(d.p50), 5)) p90 \(pad(time(d.p90), 5)) p99 \(pad(time(d.p99), 5)) (\(grouped(d.count)))"
    }

    static func time(_ seconds: Double?) -> String { seconds.map(DurationWords.short) ?? "-" }
    static func rate(_ r: Double) -> String { String(format: "%.1f%%", r * 100) }
    static func grouped(_ n: Int) -> String { NumberText.grouped(Double(n)) }
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(width - TextWidth.columns(text), 0))
        return right ? fill + text : text + fill
    }
}
