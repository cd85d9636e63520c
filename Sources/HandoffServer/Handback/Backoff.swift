import HandoffCore

/// How long a delivery waits before its next attempt: `first` x 2^(n-1) after the n-th failed attempt,
/// at most `max`, then "equal jitter": a random point in the upper half of that wait, so endpoints that
/// failed together are not all tried again at the same instant, and no wait is shorter than half its step.
public enum Backoff {
    /// `unit` is a random number in [0, 1).
    public static func delay(afterAttempt attempt: Int, _ retry: HandbackConfig.Retry, unit: Double) -> Double {
        let exponent = Double(min(max(attempt, 1) - 1, 60))
        let step = min(retry.max, retry.first * pow2(exponent))
        return step / 2 + step / 2 * min(max(unit, 0), 1)
    }

    private static func pow2(_ n: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(n) { value *= 2 }
        return value
    }
}

/// SplitMix64: the jitter's numbers, from a seed given (tests) or drawn at start.
public struct SeededJitter: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next number in [0, 1).
    public mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }
}
