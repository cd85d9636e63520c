/// The Gini coefficient of a share-out: 0 when every member got the same, towards 1 when one got all.
public enum Gini {
    /// Over `values` (one per member); nil when there is nothing to share (no members, or nothing given).
    /// Mean absolute difference over twice the mean, from the sorted form: sum((2i - n - 1) x_i) / (n sum x).
    public static func coefficient(_ values: [Double]) -> Double? {
        let n = values.count
        let total = values.reduce(0, +)
        guard n > 0, total > 0 else { return nil }
        var weighted = 0.0
        for (i, x) in values.sorted().enumerated() { weighted += Double(2 * (i + 1) - n - 1) * x }
        return weighted / (Double(n) * total)
    }

    /// Over lead counts.
    public static func coefficient(_ counts: [Int]) -> Double? { coefficient(counts.map(Double.init)) }
}
