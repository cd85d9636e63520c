/// Small inline charts: sparklines for rates, bars for load.
enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value, scaled to the largest; zero is the lowest bar so gaps still read.
    static func line(_ values: [Int]) -> String {
        let top = max(values.max() ?? 0, 1)
        return String(values.map { levels[min($0 * (levels.count - 1) / top, levels.count - 1)] })
    }

    /// "██████░░░░" filled to `open / capacity` of `width` cells, over capacity all full.
    static func bar(_ open: Int, of capacity: Int, width: Int) -> String {
        guard width > 0 else { return "" }
        let filled = capacity > 0 ? min(width, (open * width + capacity - 1) / capacity) : (open > 0 ? width : 0)
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// The load level role for open/capacity: below 60% low, below 90% medium, up to full high, then over.
    static func loadRole(_ open: Int, _ capacity: Int?) -> StyleRole {
        guard let capacity, capacity > 0 else { return .loadLow }
        if open > capacity { return .loadOver }
        let share = Double(open) / Double(capacity)
        return share < 0.6 ? .loadLow : share < 0.9 ? .loadMedium : .loadHigh
    }
}
