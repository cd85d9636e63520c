import Foundation
import HandoffCore
import HandoffText

/// The distance between the clock a console would act by and the workspace's newest log entry. A
/// workspace written under another clock (a demo's simulated time, a copy taken weeks ago) would have
/// the SLA timer flag, remind or reroute every open lead at once; past `tolerance`, the console holds
/// routing and the timer until the operator says so.
public struct ClockGap: Sendable, Hashable {
    /// The newest log entry's time.
    public var newest: Date
    /// The clock the console would use.
    public var now: Date

    /// More than a day either way: a quiet night is normal, a gap of days means another clock.
    public static let tolerance: TimeInterval = 86_400

    /// The gap between `newest` and `now`, or nil when there is no log yet or they are close enough.
    public static func between(newest: Date?, now: Date) -> ClockGap? {
        guard let newest, abs(now.timeIntervalSince(newest)) > tolerance else { return nil }
        return ClockGap(newest: newest, now: now)
    }

    /// What the console shows before acting: the two times, what is held, and the two ways on.
    public var lines: [String] {
        let distance = DurationText.text(Int(abs(now.timeIntervalSince(newest)) / 3_600) * 3_600)
        let direction = now > newest ? "later" : "earlier"
        // Short lines: the dialog does not wrap, and must read whole on an 80-column terminal.
        return [
            "Newest log entry:  \(InstantText.format(newest))",
            "This clock:        \(InstantText.format(now)) (\(distance) \(direction))",
            "",
            "Routing and the SLA timer are held: on this clock they would flag,",
            "remind or reroute open leads in bulk. Single actions still work.",
            "",
            ":resume   run them on this clock",
            ":q        quit, then open it again with --now \(InstantText.format(newest))",
            "          to act at the workspace's time (a demo: `handoff demo --db`)",
        ]
    }
}

extension Desk {
    /// How far this desk's clock is from the newest entry in the log, when it is far.
    public func clockGap() throws -> ClockGap? {
        let latest = try store.latestEvent()
        let newest = try store.events(lead: nil, after: latest - 1, limit: 1).first?.at
        return ClockGap.between(newest: newest, now: clock())
    }
}
