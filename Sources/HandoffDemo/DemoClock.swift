import Foundation
import Synchronization

/// Simulated time for a live demo: `start`, plus the wall time elapsed since the clock was made,
/// times `speed`. At speed 10 a wall minute is ten simulated minutes. The wall clock is injectable, so
/// tests drive it by hand.
public struct DemoClock: Sendable {
    public let start: Date
    /// Simulated seconds per wall second.
    public let speed: Double
    private let wall: @Sendable () -> Date
    private let wallStart: Date

    public init(start: Date, speed: Double = 1, wall: @escaping @Sendable () -> Date = { Date() }) {
        self.start = start
        self.speed = max(speed, 0)
        self.wall = wall
        wallStart = wall()
    }

    /// The simulated moment now.
    public func now() -> Date {
        start.addingTimeInterval(max(wall().timeIntervalSince(wallStart), 0) * speed)
    }
}

/// The moment a live demo's simulation has reached. The demo's desk reads it as its clock, so every
/// decision and log entry carries simulated time, and it only moves forward.
public final class DemoTime: Sendable {
    private let instant: Mutex<Date>

    public init(_ start: Date) { instant = Mutex(start) }

    public var now: Date { instant.withLock { $0 } }

    /// Moves to `date`, unless that is earlier than now.
    public func advance(to date: Date) { instant.withLock { $0 = max($0, date) } }
}
