import Foundation
import Synchronization

/// A clock that reads whatever instant it was last set to: the demo moves it along with the leads it
/// feeds the desk, so each is decided at the time it arrived.
final class SettableClock: Sendable {
    private let instant: Mutex<Date>

    init(_ start: Date) { instant = Mutex(start) }

    var now: Date { instant.withLock { $0 } }

    func set(_ date: Date) { instant.withLock { $0 = date } }
}
