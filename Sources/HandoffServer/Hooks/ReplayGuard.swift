import Foundation
import Synchronization

/// The v3 signatures seen within their 5-minute window: the same signed request a second time is a
/// replay. Only verified signatures are remembered, so the set grows with HubSpot's real traffic, not
/// with what an attacker sends; each is forgotten once its timestamp has left the window (a replay
/// after that is refused as expired). Kept in memory: after a restart a replay within the window is
/// accepted once more, and is harmless, since each lead's idempotency key is the HubSpot object id.
final class ReplayGuard: Sendable {
    private let seen = Mutex<[String: Date]>([:])
    private let window: TimeInterval
    /// Past this many remembered signatures the expired ones are swept out before the next is added.
    private let sweepAt: Int

    init(window: TimeInterval = HubSpotSignature.window, sweepAt: Int = 10_000) {
        self.window = window
        self.sweepAt = sweepAt
    }

    /// True the first time `signature` is seen within its window, false for a replay.
    func first(_ signature: String, sentAt: Date, now: Date) -> Bool {
        seen.withLock { seen in
            if seen.count >= sweepAt {
                seen = seen.filter { now.timeIntervalSince($0.value) <= window }
            }
            if let earlier = seen[signature], now.timeIntervalSince(earlier) <= window { return false }
            seen[signature] = sentAt
            return true
        }
    }
}
