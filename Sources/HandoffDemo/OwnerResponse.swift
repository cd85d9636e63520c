import Foundation

/// How the demo's owners respond to a lead given to them: most accept well inside the SLA, some
/// after it has passed, a few never (those are left for an operator). Each delay is drawn from a hash of
/// the lead, the owner and the seed, so it is the same however the simulation is stepped.
public struct OwnerResponse: Sendable, Hashable {
    /// Share of leads never accepted.
    public var never: Double
    /// Share accepted after the SLA's accept-by time.
    public var late: Double
    /// On-time accepts take from `quickest` to `slowest` seconds, spread evenly on a log scale (most are quick).
    public var quickest: TimeInterval
    public var slowest: TimeInterval
    /// Late accepts come this many times the SLA after assignment.
    public var lateness: ClosedRange<Double>

    public init(never: Double = 0.01, late: Double = 0.15, quickest: TimeInterval = 15, slowest: TimeInterval = 300, lateness: ClosedRange<Double> = 1.02...1.25) {
        self.never = never
        self.late = late
        self.quickest = quickest
        self.slowest = slowest
        self.lateness = lateness
    }

    /// Seconds from assignment until `owner` accepts `lead`, or nil when they never do. `acceptWithin`
    /// is the SLA; on-time accepts are kept inside it.
    public func delay(lead: String, owner: String, seed: UInt64, acceptWithin: TimeInterval) -> TimeInterval? {
        var rng = SeededRandom(seed: Self.hash(lead, owner) ^ seed)
        let roll = Double.random(in: 0..<1, using: &rng)
        let spread = Double.random(in: 0..<1, using: &rng)
        if roll < never { return nil }
        if roll < never + late {
            return acceptWithin * (lateness.lowerBound + (lateness.upperBound - lateness.lowerBound) * spread)
        }
        let top = min(slowest, acceptWithin * 0.95)
        let bottom = min(quickest, top)
        guard bottom > 0 else { return max(top, 0) }
        return (bottom * exp(log(top / bottom) * spread)).rounded()
    }

    /// FNV-1a over the lead id, a separator and the owner id.
    static func hash(_ lead: String, _ owner: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in lead.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        h = (h ^ 0x1F) &* 0x100_0000_01B3
        for byte in owner.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return h
    }
}
