import Foundation
import HandoffDesk
import HandoffText

/// `handoff report --html FILE`: one self-contained page (inline CSS and SVG, no scripts or fonts to
/// fetch) with the report's tables and charts, for all leads and then per rulebook version.
enum ReviewHTML {
    static func page(_ review: Review, title: String) -> String {
        let window = "\(InstantText.format(review.start)) – \(InstantText.format(review.end))"
        var body = "<h1>Handoff review</h1><p class=\"meta\">\(e(title)) · leads received \(e(window)) · \(ReviewText.grouped(review.all.leads)) leads</p>"
        if review.isEmpty {
            body += "<p>No leads were received in this window: nothing to review (all figures are zero).</p>"
        } else {
            body += section(review.all, heading: nil, start: review.start)
            if !review.byRulebook.isEmpty {
                body += "<h2>By rulebook version</h2><p>Each lead is counted under the rulebook version that decided it.</p>"
                body += versionTable(review)
                for v in review.byRulebook {
                    let name = v.name.map { " “\($0)”" } ?? ""
                    let loaded = v.loadedAt.map { ", first loaded \(InstantText.format($0))" } ?? ""
                    body += "<details><summary>Rulebook \(e(v.shortVersion))\(e(name))\(e(loaded)): \(ReviewText.grouped(v.figures.leads)) leads</summary>"
                        + section(v.figures, heading: v.shortVersion, start: review.start) + "</details>"
                }
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Handoff review · \(e(window))</title>
            <style>\(css)</style></head>
            <body>\(body)</body></html>

            """
    }

    static let css = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;background:#fff;max-width:1000px;margin:2em auto;padding:0 1em}
        h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccd;padding-bottom:.2em}
        h3{font-size:1.05em;margin:1.2em 0 .4em}.meta{color:#556}.none{color:#778;font-style:italic}
        table{border-collapse:collapse;margin:.4em 0 1em}th,td{padding:.2em .7em;text-align:left;border-bottom:1px solid #e3e6ee}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto;display:block;margin:.3em 0 1em}
        svg text{fill:#1d2430;font-family:inherit}details{margin:.6em 0;border:1px solid #dde;border-radius:4px;padding:.3em .8em}
        summary{cursor:pointer;font-weight:600}.key span{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;vertical-align:-.1em}
        @media print{body{margin:0;max-width:none}details{border:none}details>summary{list-style:none}h2{break-after:avoid}svg,table{break-inside:avoid}}
        """

    static func section(_ f: ReviewFigures, heading: String?, start: Date) -> String {
        var s = ""
        let h = { (title: String) in "<h\(heading == nil ? 2 : 3)>\(e(title))</h\(heading == nil ? 2 : 3)>" }
        s += h("Arrivals per \(DurationWords.short(Double(f.arrivals.bucketSeconds)))")
        let labels = f.arrivals.counts.indices.map { i in
            InstantText.format(start.addingTimeInterval(Double(i * f.arrivals.bucketSeconds))).dropLast(4).description
        }
        s += SVGChart.columns(f.arrivals.counts, labels: labels.map { String($0.suffix(11)) }, colour: "#4a78c2",
                              title: "Leads received per bucket", labelEvery: max(f.arrivals.counts.count / 6, 1))
        s += h("Time to owner and to acceptance")
        s += table(["", "leads", "p50", "p90", "p99", "max"], numeric: [1, 2, 3, 4, 5],
                   rows: [("Intake → owner", f.intakeToOwner), ("Owner → accepted", f.ownerToAcceptance)].map { name, d in
                       [name, ReviewText.grouped(d.count), ReviewText.time(d.p50), ReviewText.time(d.p90), ReviewText.time(d.p99), ReviewText.time(d.max)]
                   })
        s += SVGChart.columns(f.intakeToOwner.histogram, labels: DurationBuckets.labels, colour: "#4a78c2", title: "Intake to owner: leads per time bucket")
        s += SVGChart.columns(f.ownerToAcceptance.histogram, labels: DurationBuckets.labels, colour: "#3a9a6a", title: "Owner to acceptance: leads per time bucket")
        s += h("Exceptions: \(ReviewText.grouped(f.exceptions)) of \(ReviewText.grouped(f.decided)) decided (\(ReviewText.rate(f.exceptionRate)))")
        s += SVGChart.bars(f.exceptionsByReason.map { .init(label: $0.reason, value: Double($0.count), note: "\(ReviewText.grouped($0.count)) (\(ReviewText.rate($0.rate)))") },
                           colour: "#d08a1e", title: "Exceptions by reason")
        s += SVGChart.bars(f.exceptionsByRoute.map { .init(label: ReviewText.route($0.route), value: $0.rate, note: "\(ReviewText.rate($0.rate)) of \(ReviewText.grouped($0.decided))") },
                           top: 1, colour: "#d08a1e", title: "Exception rate by route")
        s += h("Operator overrides by route")
        s += f.overrides.isEmpty ? "<p class=\"none\">No reassignments by people.</p>" : table(
            ["route", "reassigned", "rate", "most common correction"], numeric: [1, 2],
            rows: f.overrides.map { [ReviewText.route($0.route), ReviewText.grouped($0.reassignments), ReviewText.rate($0.rate), ReviewText.correction($0)] })
        s += h("SLA breaches by pool: \(ReviewText.grouped(f.slaBreached)) of \(ReviewText.grouped(f.slaAssigned)) assigned (\(ReviewText.rate(f.slaBreachRate)))")
        s += SVGChart.bars(f.slaByPool.map { .init(label: $0.pool, value: $0.rate, note: "\(ReviewText.rate($0.rate)): \(ReviewText.grouped($0.flagged)) flagged, \(ReviewText.grouped($0.rerouted)) rerouted of \(ReviewText.grouped($0.assigned))") },
                           top: max(f.slaByPool.map(\.rate).max() ?? 0, 0.05), colour: "#c2413b", title: "SLA breach rate by pool")
        s += h("Load and fairness")
        s += "<p class=\"key\"><span style=\"background:#3a9a6a\"></span>share of the pool's hand-offs<span style=\"background:#9aa3b5\"></span>share of the pool's weight</p>"
        let widest = max(f.owners.map { max($0.share, $0.weightShare ?? 0) }.max() ?? 0, 0.05)
        s += SVGChart.pairs(f.owners.map { o in
            let weight = o.weightShare.map { " vs \(ReviewText.rate($0)) by weight" } ?? ""
            return (label: "\(o.pool) · \(o.owner)", first: o.share, second: o.weightShare,
                    note: "\(ReviewText.rate(o.share))\(weight) · open \(o.open)/\(o.capacity.map(String.init) ?? "-")")
        }, top: widest, colours: ("#3a9a6a", "#9aa3b5"), title: "Share of hand-offs against weight share, per owner")
        s += table(["pool", "owner", "hand-offs", "share", "weight share", "open", "capacity"], numeric: [2, 3, 4, 5, 6],
                   rows: f.owners.map { [$0.pool, $0.owner, ReviewText.grouped($0.assignments), ReviewText.rate($0.share),
                                         $0.weightShare.map(ReviewText.rate) ?? "-", ReviewText.grouped($0.open), $0.capacity.map(String.init) ?? "-"] })
        s += table(["pool", "hand-offs", "owners", "Gini"], numeric: [1, 2, 3],
                   rows: f.fairness.map { [$0.pool, ReviewText.grouped($0.assignments), String($0.members), String(format: "%.2f", $0.gini)] })
        return s
    }

    static func versionTable(_ review: Review) -> String {
        table(["rulebook", "name", "leads", "to owner p50 / p90 / p99", "to accept p50 / p90 / p99", "exceptions", "SLA breach"], numeric: [2, 5, 6],
              rows: review.byRulebook.map { v in
                  [v.shortVersion, v.name ?? "-", ReviewText.grouped(v.figures.leads), ReviewText.triple(v.figures.intakeToOwner),
                   ReviewText.triple(v.figures.ownerToAcceptance), ReviewText.rate(v.figures.exceptionRate), ReviewText.rate(v.figures.slaBreachRate)]
              })
    }

    static func table(_ header: [String], numeric: Set<Int>, rows: [[String]]) -> String {
        func cell(_ tag: String, _ i: Int, _ text: String) -> String { "<\(tag)\(numeric.contains(i) ? " class=\"n\"" : "")>\(e(text))</\(tag)>" }
        return "<table><thead><tr>" + header.enumerated().map { cell("th", $0, $1) }.joined() + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>" }.joined() + "</tbody></table>"
    }

    static func e(_ text: String) -> String { HTMLText.escape(text) }
}
