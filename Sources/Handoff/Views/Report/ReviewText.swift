import Foundation
import HandoffDesk
import HandoffText

/// `handoff report` on a terminal: aligned tables with bars and a sparkline of arrivals.
enum ReviewText {
    static let barWidth = 20

    static func lines(_ review: Review, since: String, style: TextStyle) -> [String] {
        let all = review.all
        let window = "\(InstantText.format(review.start)) .. \(InstantText.format(review.end)) (\(since))"
        guard !review.isEmpty else {
            return ["No leads were received in \(window): nothing to review (all figures are zero).",
                    "Try a longer window with --since, or --now for another moment."]
        }
        let queued = all.leads - all.decided
        var out = ["Review of \(grouped(all.leads)) \(all.leads == 1 ? "lead" : "leads") received \(window)"
            + (queued > 0 ? "; \(grouped(queued)) not routed yet" : "")]
        out.append("Arrivals per \(DurationWords.short(Double(all.arrivals.bucketSeconds)))  "
            + InlineChart.sparkline(all.arrivals.counts) + "  peak \(grouped(all.arrivals.counts.max() ?? 0))")
        out += [""] + timing(all, style: style)
        out += [""] + exceptions(all, style: style)
        out += [""] + overrides(all, style: style)
        out += [""] + sla(all, style: style)
        out += [""] + load(all, style: style)
        if !review.byRulebook.isEmpty { out += [""] + versions(review, style: style) }
        return out
    }

    static func timing(_ f: ReviewFigures, style: TextStyle) -> [String] {
        let table = TextTable([.init("TIME"), .init("LEADS", .right), .init("P50", .right), .init("P90", .right),
                               .init("P99", .right), .init("MAX", .right), .init("SPREAD")])
        let rows: [[TextTable.Cell]] = [("intake -> owner", f.intakeToOwner), ("owner -> accepted", f.ownerToAcceptance)].map { name, d in
            [.init(name), .init(grouped(d.count)), .init(time(d.p50)), .init(time(d.p90)), .init(time(d.p99)), .init(time(d.max)),
             .init(d.count > 0 ? InlineChart.sparkline(d.histogram) : "")]
        }
        return table.render(rows, style: style) + ["  (SPREAD: leads per bucket, " + DurationBuckets.labels.first! + " to " + DurationBuckets.labels.last! + ")"]
    }

    static func exceptions(_ f: ReviewFigures, style: TextStyle) -> [String] {
        var out = [style.paint("Exceptions", .bold) + ": \(grouped(f.exceptions)) of \(grouped(f.decided)) decided \(f.decided == 1 ? "lead" : "leads") (\(rate(f.exceptionRate)))"]
        guard f.exceptions > 0 else { return out }
        let top = Double(f.exceptionsByReason.first?.count ?? 1)
        out += indent(TextTable([.init("REASON"), .init("LEADS", .right), .init("RATE", .right), .init("")]).render(
            f.exceptionsByReason.map { [.init($0.reason), .init(grouped($0.count)), .init(rate($0.rate)),
                                        .init(InlineChart.bar(Double($0.count) / top, width: barWidth), .yellow)] }, style: style))
        out += indent(TextTable([.init("ROUTE"), .init("DECIDED", .right), .init("EXCEPTIONS", .right), .init("RATE", .right), .init("")]).render(
            f.exceptionsByRoute.map { [.init(route($0.route)), .init(grouped($0.decided)), .init(grouped($0.exceptions)), .init(rate($0.rate)),
                                       .init(InlineChart.bar($0.rate, width: barWidth), .yellow)] }, style: style))
        return out
    }

    static func overrides(_ f: ReviewFigures, style: TextStyle) -> [String] {
        let total = f.overrides.reduce(0) { $0 + $1.reassignments }
        var out = [style.paint("Operator overrides", .bold) + ": \(counted(total, "reassignment")) by people"]
        guard total > 0 else { return out }
        out += indent(TextTable([.init("ROUTE"), .init("REASSIGNED", .right), .init("RATE", .right), .init("MOST COMMON CORRECTION")]).render(
            f.overrides.map { [.init(route($0.route)), .init(grouped($0.reassignments)), .init(rate($0.rate)), .init(correction($0))] }, style: style))
        return out
    }

    /// "enterprise-emea -> ben reassigned to chloe 14 times".
    static func correction(_ o: RouteOverrides) -> String {
        guard let c = o.mostCommon else { return "" }
        return "\(route(o.route)) -> \(c.from ?? "nobody") reassigned to \(c.to) \(c.count == 1 ? "once" : "\(grouped(c.count)) times")"
    }

    static func sla(_ f: ReviewFigures, style: TextStyle) -> [String] {
        var out = [style.paint("SLA breaches", .bold) + ": \(grouped(f.slaBreached)) of \(grouped(f.slaAssigned)) assigned \(f.slaAssigned == 1 ? "lead" : "leads") (\(rate(f.slaBreachRate)))"]
        guard !f.slaByPool.isEmpty else { return out }
        out += indent(TextTable([.init("POOL"), .init("ASSIGNED", .right), .init("BREACHED", .right), .init("FLAGGED", .right),
                                 .init("REROUTED", .right), .init("RATE", .right), .init("")]).render(
            f.slaByPool.map { [.init($0.pool), .init(grouped($0.assigned)), .init(grouped($0.breached)), .init(grouped($0.flagged)),
                               .init(grouped($0.rerouted)), .init(rate($0.rate)), .init(InlineChart.bar($0.rate, width: barWidth), .red)] }, style: style))
        return out
    }

    static func load(_ f: ReviewFigures, style: TextStyle) -> [String] {
        var out = [style.paint("Load and fairness", .bold) + " (hand-offs in the window; open load now)"]
        guard !f.owners.isEmpty else { return out + ["  No lead was given an owner."] }
        let gini = Dictionary(f.fairness.map { ($0.pool, $0.gini) }, uniquingKeysWith: { a, _ in a })
        out += indent(TextTable([.init("POOL"), .init("OWNER"), .init("HAND-OFFS", .right), .init("SHARE", .right), .init("WEIGHT", .right),
                                 .init(""), .init("OPEN", .right), .init("CAP", .right), .init("")]).render(
            f.owners.map { o in
                let drift = o.weightShare.map { abs(o.share - $0) > 0.1 } ?? false
                return [.init(o.pool), .init(o.owner), .init(grouped(o.assignments)), .init(rate(o.share), drift ? .yellow : nil),
                        .init(o.weightShare.map(rate) ?? "-"), .init(InlineChart.bar(o.share, width: barWidth / 2), .green),
                        .init(grouped(o.open)), .init(o.capacity.map(grouped) ?? "-"),
                        .init(o.capacity.map { InlineChart.bar(Double(o.open) / Double(max($0, 1)), width: barWidth / 2) } ?? "",
                              o.capacity.map { o.open > $0 ? .red : nil } ?? nil)]
            }, style: style))
        out += f.fairness.map { "  \($0.pool): Gini \(String(format: "%.2f", gini[$0.pool] ?? 0)) over \(counted($0.members, "owner"))" }
        return out
    }

    static func versions(_ review: Review, style: TextStyle) -> [String] {
        let table = TextTable([.init("RULEBOOK"), .init("NAME"), .init("LEADS", .right), .init("TO OWNER P50/P90/P99", .right),
                               .init("TO ACCEPT P50/P90/P99", .right), .init("EXCEPTIONS", .right), .init("OVERRIDES", .right),
                               .init("SLA BREACH", .right), .init("GINI MAX", .right)])
        let rows: [[TextTable.Cell]] = review.byRulebook.map { v in
            let f = v.figures
            return [.init(v.shortVersion), .init(v.name ?? "-"), .init(grouped(f.leads)), .init(triple(f.intakeToOwner)),
                    .init(triple(f.ownerToAcceptance)), .init(rate(f.exceptionRate)),
                    .init(grouped(f.overrides.reduce(0) { $0 + $1.reassignments })), .init(rate(f.slaBreachRate)),
                    .init(String(format: "%.2f", f.fairness.map(\.gini).max() ?? 0))]
        }
        return [style.paint("By rulebook version", .bold) + " (each lead under the version that decided it)"] + indent(table.render(rows, style: style))
    }

    static func triple(_ d: Durations) -> String { "\(time(d.p50)) / \(time(d.p90)) / \(time(d.p99))" }
    static func time(_ seconds: Double?) -> String { seconds.map(DurationWords.short) ?? "-" }
    static func rate(_ r: Double) -> String { String(format: "%.1f%%", r * 100) }
    static func route(_ name: String?) -> String { name ?? "(no route)" }
    static func grouped(_ n: Int) -> String { Progress.grouped(n) }
    static func indent(_ lines: [String]) -> [String] { lines.map { "  " + $0 } }
}
