import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffWorkspace

/// The database a live demo runs in: created when missing, reused otherwise. Either way the seeded
/// accounts are stored (owned by the rulebook's owners) and the rulebook's text recorded.
public struct DemoWorkspace: Sendable {
    public let store: any LeadStore
    public let rulebook: Rulebook
    public let accounts: [Account]
    /// True when the database held nothing yet.
    public let isNew: Bool
    /// The simulated moment the demo continues from: for a new database `start` minus the warm-up;
    /// for a reused one the newest time stored in it (or that same moment, when it is later), so
    /// simulated time never goes backwards.
    public let resumesAt: Date

    /// Opens or creates the demo's store at `path`.
    public static func prepare(
        path: String, seed: UInt64, start: Date, warmUp: TimeInterval = LiveDemo.Settings.defaultWarmUp,
        rulebook: Rulebook = LiveDemo.demoRulebook, source: String = DemoRulebook.yaml, accounts count: Int = 200
    ) throws -> DemoWorkspace {
        let store = try StoreLocation.file(path).open()
        let latest = try store.latestEvent()
        let newest = latest == 0 ? nil : try store.events(lead: nil, after: latest - 1, limit: 1).first?.at
        let earliest = start.addingTimeInterval(-max(warmUp, 0))
        let resumesAt = newest.map { max($0, earliest) } ?? earliest
        let accounts = DemoAccounts.generate(seed: seed, ownerIds: rulebook.owners.map(\.id), count: count)
        _ = try store.upsert(accounts: accounts)
        try store.record(rulebook: rulebook, source: source, author: "demo", at: resumesAt)
        return DemoWorkspace(store: store, rulebook: rulebook, accounts: accounts, isNew: latest == 0, resumesAt: resumesAt)
    }

    /// A desk on this database whose clock is the demo's simulated time.
    public func desk(time: DemoTime) throws -> Desk {
        try Desk(store: store, rulebook: rulebook, clock: { time.now })
    }
}
