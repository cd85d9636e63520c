import Foundation
import HandoffCore

/// Reads of stored leads in received order, for replays and simulations (`explain --replay`,
/// `simulate`, the console's simulation): they never write, and a million leads are never in memory at once.
public protocol ReplayReads: Sendable {
    /// How many leads the selection holds, and when the first of them was received.
    func replayExtent(_ selection: ReplaySelection) throws -> (count: Int, first: Date?)
    /// Every selected lead, oldest received first (ties in arrival order), with when it was closed.
    func replayLeads(_ selection: ReplaySelection, each body: (Lead, Date?) throws -> Void) throws
    /// Leads received in `[from, before)`, oldest first: the duplicate window before a replay's first lead.
    func leads(receivedFrom from: Date, before: Date, each body: (Lead) throws -> Void) throws
}

/// The notices written with the events they report (`handoff notifications`), delivered later.
public protocol NoticeOutbox: Sendable {
    func notices(pendingOnly: Bool, after seq: Int64, limit: Int) throws -> [StoredNotice]
    /// Marks a notice delivered (nil `error`) or counts a failed attempt.
    func recordDelivery(_ seq: Int64, at: Date, error: String?) throws
}

/// The log's hash chain (`handoff audit`, `doctor`).
public protocol LogAuditing: Sendable {
    /// Walks the chain; with `anchor`, also proves the log up to it unchanged.
    func auditLog(anchor: LogAnchor?, progress: ((Int, Int) -> Void)?) throws -> LogAudit
    /// The newest entry's number and hash (nil for an empty log).
    func logAnchor() throws -> LogAnchor?
}

/// A file import's writes: leads and quarantined records handed over one at a time inside one transaction.
public protocol BulkIntake: Sendable {
    func importing(at: Date, actor: String, _ body: (inout any LeadSink) throws -> Void) throws -> InsertSummary
}

/// What an engine does on its own while a long-running process (`serve`, the console) uses it, such as
/// copying an SQLite write-ahead log back into the database; started and stopped by that process.
public protocol StoreUpkeep: AnyObject, Sendable {
    func stop()
}

/// Where the store lives and what is known about its state, for messages and status files.
public protocol StorePlace: Sendable {
    /// How the store is named to a person ("./handoff.db").
    var location: String { get }
    /// The file the store is kept in, for an embedded engine (a status file goes beside it); nil for a server.
    var file: String? { get }
    /// Damage met earlier and not yet cleared by `doctor`; writes are refused while it is there.
    var knownDamage: String? { get }
    /// The workspace's routing lease (`CoreLease`), for a process that runs a routing core.
    func coreLease() throws -> any CoreLease
    /// Starts the engine's background upkeep for a long-running process; nil when it needs none.
    func startUpkeep(log: @escaping @Sendable (String) -> Void) -> (any StoreUpkeep)?
    /// Calls `onChange` (on a thread of the engine's) soon after any process appends to the log, for a
    /// process that shows the log live; nil when the engine has no such signal, and the caller polls
    /// `generation()` instead.
    func watchLog(_ onChange: @escaping @Sendable () -> Void) -> (any StoreUpkeep)?
}
