import Foundation
import Synchronization

/// The v3 signatures seen within their 5-minute window: the same signed request a second time is a
/// replay. Only verified signatures are remembered, so the set grows with HubSpot's real traffic, not
/// with what an attacker sends; each is forgotten once its timestamp has left the window (a replay
/// after that is refused as expired). Kept in memory: after a restart a replay within the window is
/// accepted once more, and is harmless, since each lead's idempotency key is the HubSpot object id.
final class ReplayGuard: Sendable {
    /// Signature -> its timestamp; past `sweepAt` entries the expired ones are swept out before the next
    /// is added, and the next sweep waits until the set has doubled, so sweeping stays linear overall.
    private let state: Mutex<(seen: [String: Date], sweepAt: Int)>
    private let window: TimeInterval
    private let minimumSweep: Int

    init(window: TimeInterval = HubSpotSignature.window, sweepAt: Int = 10_000) {
        self.window = window
        minimumSweep = sweepAt
        state = Mutex(([:], sweepAt))
    }

    /// True the first time `signature` is seen within its window, false for a replay.
    func first(_ signature: String, sentAt: Date, now: Date) -> Bool {
        state.withLock { state in
            if state.seen.count >= state.sweepAt {
                state.seen = state.seen.filter { now.timeIntervalSince($0.value) <= window }
                state.sweepAt = max(minimumSweep, state.seen.count * 2)
            }
            if let earlier = state.seen[signature], now.timeIntervalSince(earlier) <= window { return false }
            state.seen[signature] = sentAt
            return true
        }
    }
}
