import ArgumentParser
import Foundation

/// `--now TIME`: the instant the desk treats as now, so replays, tests and examples come out the same.
struct ClockOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Act as if it were this time, ISO 8601 (e.g. 2026-11-24T14:30:00Z). Default: $HANDOFF_NOW, else the real clock.",
        valueName: "time"
    ))
    var now: String?

    func validate() throws { _ = try fixed() }

    /// The fixed instant from --now or HANDOFF_NOW, or nil for the real clock.
    func fixed() throws -> Date? {
        try ReferenceTime.given(now, environment: ProcessInfo.processInfo.environment)
    }

    /// A fixed clock when a time was given, else the real one.
    func clock() throws -> @Sendable () -> Date {
        if let instant = try fixed() { return { instant } }
        return { Date() }
    }
}
