/// Charts made of characters, for tables on a terminal: a sparkline for a series, a bar for a share.
public enum InlineChart {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// One character per value, scaled to the largest; zero is the lowest level so gaps still read.
    public static func sparkline(_ values: [Int]) -> String {
        let top = max(values.max() ?? 0, 1)
        return String(values.map { levels[min($0 * (levels.count - 1) / top, levels.count - 1)] })
    }

    /// A bar `fraction` of `width` cells long, in eighths of a cell; never wider than `width`.
    /// Any non-zero fraction shows at least a sliver, so "a few" never reads as "none".
    public static func bar(_ fraction: Double, width: Int) -> String {
        guard width > 0, fraction.isFinite, fraction > 0 else { return "" }
        let eighthsLong = max(Int((min(fraction, 1) * Double(width * 8)).rounded()), 1)
        let full = String(repeating: "█", count: eighthsLong / 8)
        return eighthsLong % 8 == 0 ? full : full + String(eighths[eighthsLong % 8 - 1])
    }
}
