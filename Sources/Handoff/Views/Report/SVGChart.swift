import Foundation

/// Inline SVG charts for the report's page: no scripts, no fonts beyond the page's own, readable in print.
enum SVGChart {
    struct Bar {
        var label: String
        var value: Double
        /// What the bar's end says, e.g. "12 (4.1%)".
        var note: String
    }

    /// Horizontal bars, one a row, scaled to `top` (the largest value when nil).
    static func bars(_ bars: [Bar], top: Double? = nil, colour: String, title: String) -> String {
        guard !bars.isEmpty else { return "<p class=\"none\">None.</p>" }
        let labelWidth = 170.0, barWidth = 320.0, row = 22.0
        let scale = max(top ?? bars.map(\.value).max() ?? 1, .leastNonzeroMagnitude)
        let height = Double(bars.count) * row + 8
        var svg = open(width: labelWidth + barWidth + 290, height: height, title: title)
        for (i, bar) in bars.enumerated() {
            let y = 4 + Double(i) * row
            let w = max(bar.value / scale * barWidth, bar.value > 0 ? 1 : 0)
            svg += text(labelWidth - 6, y + 15, bar.label, anchor: "end")
            svg += "<rect x=\"\(labelWidth)\" y=\"\(f(y + 3))\" width=\"\(f(w))\" height=\"\(f(row - 8))\" fill=\"\(colour)\"/>"
            svg += text(labelWidth + w + 6, y + 15, bar.note, anchor: "start")
        }
        return svg + "</svg>"
    }

    /// Two bars per row (say, share of hand-offs against share of weight), scaled to `top`.
    static func pairs(_ rows: [(label: String, first: Double, second: Double?, note: String)], top: Double,
                      colours: (String, String), title: String) -> String {
        guard !rows.isEmpty else { return "<p class=\"none\">None.</p>" }
        let labelWidth = 170.0, barWidth = 300.0, row = 30.0
        let height = Double(rows.count) * row + 8
        var svg = open(width: labelWidth + barWidth + 310, height: height, title: title)
        for (i, r) in rows.enumerated() {
            let y = 4 + Double(i) * row
            svg += text(labelWidth - 6, y + 17, r.label, anchor: "end")
            let w1 = min(r.first / max(top, .leastNonzeroMagnitude), 1) * barWidth
            svg += "<rect x=\"\(labelWidth)\" y=\"\(f(y + 3))\" width=\"\(f(w1))\" height=\"11\" fill=\"\(colours.0)\"/>"
            if let second = r.second {
                let w2 = min(second / max(top, .leastNonzeroMagnitude), 1) * barWidth
                svg += "<rect x=\"\(labelWidth)\" y=\"\(f(y + 15))\" width=\"\(f(w2))\" height=\"7\" fill=\"\(colours.1)\"/>"
            }
            svg += text(labelWidth + barWidth + 6, y + 17, r.note, anchor: "start")
        }
        return svg + "</svg>"
    }

    /// Vertical columns with a label under each: a histogram or a series over time.
    static func columns(_ values: [Int], labels: [String], colour: String, title: String, labelEvery: Int = 1) -> String {
        let width = 660.0, height = 170.0, base = 140.0, left = 40.0
        let top = Double(max(values.max() ?? 0, 1))
        let slot = (width - left - 10) / Double(max(values.count, 1))
        var svg = open(width: width, height: height, title: title)
        svg += "<line x1=\"\(left)\" y1=\"\(base)\" x2=\"\(width - 10)\" y2=\"\(base)\" stroke=\"#888\"/>"
        svg += text(left - 4, 14, NumberFormatter.localizedString(from: NSNumber(value: Int(top)), number: .decimal), anchor: "end")
        svg += text(left - 4, base, "0", anchor: "end")
        for (i, v) in values.enumerated() {
            let h = Double(v) / top * (base - 10)
            let x = left + Double(i) * slot
            svg += "<rect x=\"\(f(x + 1))\" y=\"\(f(base - h))\" width=\"\(f(max(slot - 2, 1)))\" height=\"\(f(h))\" fill=\"\(colour)\"><title>\(HTMLText.escape(labels[safe: i] ?? "")): \(v)</title></rect>"
            if i % max(labelEvery, 1) == 0, let label = labels[safe: i] {
                svg += text(x + slot / 2, base + 16, label, anchor: "middle", size: 10)
            }
        }
        return svg + "</svg>"
    }

    private static func open(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\"><title>\(HTMLText.escape(title))</title>"
    }

    private static func text(_ x: Double, _ y: Double, _ content: String, anchor: String, size: Int = 12) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\">\(HTMLText.escape(content))</text>"
    }

    private static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}

/// Text from data made safe inside HTML and SVG, in element content and in quoted attributes.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
