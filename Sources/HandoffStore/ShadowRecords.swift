import Foundation
import HandoffCore

/// A shadow run as the store keeps it: the draft's text and version, the live rulebook file it would
/// replace, who started it and when, and how it ended.
public struct StoredShadow: Sendable, Hashable {
    public enum End: String, Sendable, Hashable, Codable {
        case stopped
        case promoted
    }

    public var id: Int64
    public var draftPath: String
    public var draftSource: String
    public var draftVersion: String
    public var draftName: String
    /// The live rulebook file and its text when the shadow started: what a promotion writes over, and
    /// how it notices edits made to it since.
    public var livePath: String
    public var liveSource: String
    public var liveVersion: String
    public var startedBy: String
    public var startedAt: Date
    public var endedBy: String?
    public var endedAt: Date?
    public var end: End?

    public var isActive: Bool { endedAt == nil }

    public init(
        id: Int64 = 0, draftPath: String, draftSource: String, draftVersion: String, draftName: String,
        livePath: String, liveSource: String, liveVersion: String, startedBy: String, startedAt: Date,
        endedBy: String? = nil, endedAt: Date? = nil, end: End? = nil
    ) {
        self.id = id
        self.draftPath = draftPath
        self.draftSource = draftSource
        self.draftVersion = draftVersion
        self.draftName = draftName
        self.livePath = livePath
        self.liveSource = liveSource
        self.liveVersion = liveVersion
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.endedBy = endedBy
        self.endedAt = endedAt
        self.end = end
    }
}

/// One diverging lead as kept: when it was decided, and both outcomes with the draft's reason.
public struct StoredDivergence: Sendable, Hashable {
    public var pair: ShadowPair
    public var at: Date

    public init(pair: ShadowPair, at: Date) {
        self.pair = pair
        self.at = at
    }
}

/// A shadow run's figures: leads both rulebooks decided, how many diverged, the leads each would have
/// given each owner, and the newest divergences.
public struct ShadowStanding: Sendable, Hashable {
    public var shadow: StoredShadow
    public var leads: Int
    public var diverged: Int
    /// Leads assigned to each owner, by the rulebook in force and by the draft.
    public var liveLoads: [String: Int]
    public var draftLoads: [String: Int]
    /// Newest first.
    public var divergences: [StoredDivergence]

    public init(shadow: StoredShadow, leads: Int, diverged: Int, liveLoads: [String: Int], draftLoads: [String: Int], divergences: [StoredDivergence]) {
        self.shadow = shadow
        self.leads = leads
        self.diverged = diverged
        self.liveLoads = liveLoads
        self.draftLoads = draftLoads
        self.divergences = divergences
    }

    /// The share of leads both decided alike; nil before any lead was shadowed.
    public var agreement: Double? { leads == 0 ? nil : Double(leads - diverged) / Double(leads) }
}

/// A lead the draft sent elsewhere that is still open: the draft's simulated loads correct the live
/// ones by it (the live owner, while still holding it, has one lead fewer in the draft; the draft's owner one more).
public struct ShadowCorrection: Sendable, Hashable {
    public var liveOwner: String?
    public var draftOwner: String?

    public init(liveOwner: String?, draftOwner: String?) {
        self.liveOwner = liveOwner
        self.draftOwner = draftOwner
    }
}

/// `shadow start` when one is running already.
public struct ShadowAlreadyRunning: Error, Sendable, Hashable, CustomStringConvertible {
    public var shadow: StoredShadow
    public init(shadow: StoredShadow) { self.shadow = shadow }
    public var description: String {
        "a shadow of \(shadow.draftPath) (\(shadow.draftVersion)) is running already, started by \(shadow.startedBy); "
            + "`handoff shadow stop` ends it, `handoff shadow promote` puts it in force"
    }
}

/// Shadow runs: workspace state, since the command that starts one and the processes that route run
/// apart. Kept in tables of their own, never in the handoff log.
public protocol ShadowRecords: Sendable {
    /// The running shadow's number, or nil: the one read a routing batch makes.
    func activeShadowId() throws -> Int64?
    func shadow(_ id: Int64) throws -> StoredShadow?
    /// The running shadow, else the one that ended last.
    func latestShadow() throws -> StoredShadow?
    /// Starts one; refused with `ShadowAlreadyRunning` while another runs.
    func startShadow(_ shadow: StoredShadow) throws -> StoredShadow
    /// Ends the running shadow `id` (false when it is not running).
    @discardableResult
    func endShadow(_ id: Int64, as end: StoredShadow.End, by actor: String, at: Date) throws -> Bool
    /// Counts a batch's pairs of outcomes (leads, divergences, each owner's assignments on both sides)
    /// and keeps the diverging ones whole (a lead diverging again replaces its row).
    func recordShadow(_ id: Int64, pairs: [ShadowPair], at: Date) throws
    /// Diverged leads still open, for the draft's simulated loads.
    func shadowCorrections(_ id: Int64) throws -> [ShadowCorrection]
    /// The figures and the newest `divergences` diverging leads.
    func shadowStanding(_ id: Int64, divergences: Int) throws -> ShadowStanding?
}
