import Foundation
import HandoffCore
import HandoffStore

/// The live demo's first simulated hour, measured: the stream and the demo rulebook run through a real
/// desk and store (in a temporary database) as `LiveDemo`'s warm-up, the SLA timer swept each minute,
/// no operator touching anything. What it counts is what a new demo's console opens on.
///
///     let hour = try DemoHour.measure(seed: 1, start: LiveDemo.Settings.defaultStart)
///     hour.unattendedShare   // 0.9: leads with an owner no person chose
public struct DemoHour: Sendable, Hashable {
    /// Records that arrived, leads and unreadable ones alike.
    public var arrived: Int
    /// Leads stored (the arrivals less the unreadable ones).
    public var leads: Int
    public var quarantined: Int
    /// Leads with an owner the router or the SLA timer gave them (assigned or already accepted).
    public var unattended: Int
    public struct Exceptions: Sendable, Hashable {
        public var reason: ExceptionReason
        public var count: Int
    }
    /// Leads waiting for a person, by reason, most frequent first.
    public var exceptions: [Exceptions]
    public var from: Date
    public var until: Date

    public var flagged: Int { exceptions.reduce(0) { $0 + $1.count } }
    public var unattendedShare: Double { leads == 0 ? 0 : Double(unattended) / Double(leads) }

    /// Runs `minutes` of the demo that begins its live part at `start` (so the hour measured is the
    /// warm-up a new workspace gets before its first frame).
    public static func measure(
        seed: UInt64, start: Date, minutes: Int = 60, rulebook: Rulebook = LiveDemo.demoRulebook,
        source: String = DemoRulebook.yaml, leadsPerMinute: Double = 40
    ) throws -> DemoHour {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-demo-hour-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let length = TimeInterval(max(minutes, 1) * 60)
        let settings = LiveDemo.Settings(seed: seed, leadsPerMinute: leadsPerMinute, start: start, warmUp: length)
        let workspace = try DemoWorkspace.prepare(
            path: folder.appendingPathComponent("hour.db").path, seed: seed, start: start, warmUp: length,
            rulebook: rulebook, source: source
        )
        let demo = try LiveDemo(workspace: workspace, settings: settings)
        let from = demo.reached
        let arrived = try demo.advance(to: start).arrived
        let counts = try demo.desk.store.counts()
        let order = Dictionary(uniqueKeysWithValues: ExceptionReason.allCases.enumerated().map { ($1, $0) })
        let exceptions = counts.flaggedByReason.filter { $0.value > 0 }.map { Exceptions(reason: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : order[$0.reason]! < order[$1.reason]! }
        return DemoHour(
            arrived: arrived, leads: counts.byState.values.reduce(0, +), quarantined: counts.quarantined,
            unattended: counts.byState[.assigned, default: 0] + counts.byState[.accepted, default: 0],
            exceptions: exceptions, from: from, until: demo.reached
        )
    }
}
