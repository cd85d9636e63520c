import Foundation
import HandoffCore

/// Everything the desk, the command line and the console need from storage, whichever engine keeps
/// it: SQLite (`HandoffSQLite`) is the embedded default. It is made of capabilities (below, in
/// StoreCapabilities.swift, DeliveryStore, ShadowRecords and PeopleGrants) that code can ask for on their own.
///
/// Every write is one transaction: events are appended and the projections they imply (lead state
/// and owner, owner load, pool ledger) updated together, so a crash never leaves them disagreeing.
public protocol LeadStore: LeadIntake, RoutingStore, LeadCommands, LeadReads, OperatorSettings, ConsoleReads, ReviewReads,
    ShadowRecords, DeliveryStore, ReplayReads, NoticeOutbox, LogAuditing, BulkIntake, StorePlace, PeopleGrants, LeadClaims, PresenceBoard, Sendable {
    /// Another handle on the same store that only reads, for a long read (a simulation over a
    /// million leads) that must neither hold this handle nor be able to write.
    func reader() throws -> any LeadStore
}

/// Taking leads in: a file's (`insert`), a live request's (`intake`), and the accounts leads are matched to.
public protocol LeadIntake: Sendable {
    /// Adds leads as `received` (skipping ones whose idempotency key is present) and keeps quarantined
    /// records, all or nothing.
    func insert(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> InsertSummary
    /// The same for live intake: each lead's id, given now or (for a key already stored) the one it has.
    func intake(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> [StoredLeadId]
    /// Runs `body` with a look-up of stored idempotency keys, all against one snapshot.
    func withStoredKeys<T>(_ body: (inout any StoredKeys) throws -> T) throws -> T
    func upsert(accounts: [Account]) throws -> Int
}

/// What the routing core reads and writes: claiming queued leads and recording their decisions, the
/// pool state it routes by, and the SLA timer's reads.
public protocol RoutingStore: Sendable {
    /// Claims up to `limit` queued leads, asks `decide` for their decisions and records them, in one
    /// transaction that no other process can interleave with.
    func routeQueued(limit: Int, at: Date, decide: ([QueuedLead]) throws -> [Decision]) throws -> RoutedBatch
    /// The same, first handing `catchUp` what others wrote since `mark` (inside the transaction, so
    /// nothing another process committed is missed): leads they routed, and the stored pool state when
    /// the generation moved. The batch comes back with the mark to give next time.
    func routeQueued(
        limit: Int, at: Date, since mark: RoutingMark?, catchUp: (OthersWrites) throws -> Void, decide: ([QueuedLead]) throws -> [Decision]
    ) throws -> RoutedBatch
    /// Stores leads routed as they are taken in, in one transaction: each gets its row, its decision
    /// and its received, checked and assigned (or flagged) events together, so nothing is left queued.
    /// Inside the transaction (so no other process writes until it ends), `catchUp` is handed what
    /// others wrote since `mark`, as for `routeQueued`, then `start` the highest lead serial so far and
    /// the transaction's own view of the store: the caller routes new leads numbered after it, and
    /// `next` hands them over until nil.
    func importRouting(
        at: Date, actor: String, since mark: RoutingMark, catchUp: (OthersWrites) throws -> Void,
        start: (_ lastSerial: Int, _ found: any StoreAtStart) throws -> Void, next: () throws -> RoutedImportBatch?
    ) throws -> RoutedImport
    /// The newest entry in the log (0 when empty).
    func latestEvent() throws -> Int64
    /// How many leads wait in the queue: what a routing core that is behind reports each second, read
    /// from the queue's index alone rather than by counting every lead's state.
    func queuedCount() throws -> Int
    func ledger() throws -> PoolLedger
    /// Lines in the fairness ledger for members new to a pool (`Fairness.admissions`); existing lines stay.
    func admit(_ admissions: [String: [String: Int]]) throws
    func accounts() throws -> [Account]
    /// Leads received since `date`, newest last, to warm the duplicate index.
    /// One at a time, so warming a desk over a million leads never holds them all.
    func leads(receivedSince date: Date, each body: (Lead) throws -> Void) throws
    /// Grows with every committed write, from any process: a cheap way to notice change.
    func generation() throws -> Int64
    /// Assigned leads whose clock started before `before`, oldest first: the SLA sweep's candidates.
    func assigned(before: Date, limit: Int) throws -> [OpenLead]
    /// Everyone the lead has been given to, oldest first (a reroute never goes back to them).
    func owners(of leadId: String) throws -> [String]
    /// Whether the lead has had a reminder at or after `since`.
    func reminded(_ leadId: String, since: Date) throws -> Bool
}

/// Operators' (and the SLA timer's) commands on leads, each checked against the lead's version.
public protocol LeadCommands: Sendable {
    /// Several commands in one transaction: each lead's new version, or the error that refused it. (No
    /// records: reading each lead back cost the SLA timer, which acts in bulk, more than acting.)
    func applyAll(
        _ commands: [(command: LeadCommand, leadId: String, version: Int?)], actor: String, at: Date, rulebookVersion: String?,
        notices: [[Notice]]
    ) throws -> [Result<Int, any Error>]
    /// Applies an operator's command; refused with `StaleVersion` when `version` is not current.
    func apply(_ command: LeadCommand, to leadId: String, basedOn version: Int?, actor: String, at: Date, rulebookVersion: String?) throws -> LeadRecord
}

/// Leads and their history as people and scripts read them (`leads`, `show`, `log`, `doctor`).
public protocol LeadReads: Sendable {
    func lead(_ id: String) throws -> LeadRecord?
    func leads(_ filter: LeadFilter) throws -> [LeadRecord]
    func events(lead: String?, after seq: Int64, limit: Int) throws -> [LeadEvent]
    func quarantined(limit: Int) throws -> [QuarantinedRecord]
    func counts() throws -> StoreCounts
    func doctor() throws -> DoctorReport
}

/// What operators set at run time besides commands on leads: recorded rulebooks, absences and pauses.
public protocol OperatorSettings: Sendable {
    /// Keeps a rulebook's text under its version (the first time it is seen), so any decision can be
    /// traced to the exact text that made it.
    func record(rulebook: Rulebook, source: String, author: String, at: Date) throws
    /// Every rulebook that was recorded, oldest first, with how many leads each decided last.
    func rulebooks() throws -> [StoredRulebook]
    /// The same without counting each version's decisions (a read of every lead); `decisions` is 0.
    func rulebooks(countingDecisions: Bool) throws -> [StoredRulebook]
    /// The text of a recorded rulebook.
    func rulebookSource(_ version: String) throws -> String?
    /// Out-of-office windows set from the command line or the console, on top of the rulebook's.
    func absences() throws -> [OwnerAbsence]
    /// The absences that had been set at `date` (for replaying a decision made then).
    func absences(asOf date: Date) throws -> [OwnerAbsence]
    func setAbsence(_ absence: OwnerAbsence, by actor: String, at: Date) throws
    /// Withdraws the newest window in force with the same owner and days (an operator's undo), as
    /// `actor` at `at`; false when there is none.
    func withdrawAbsence(_ absence: OwnerAbsence, by actor: String, at: Date) throws -> Bool
    /// Withdraws every absence set at run time for `owner` (kept, marked with who and when), returning them.
    func withdrawAbsences(owner: String, by actor: String, at: Date) throws -> [OwnerAbsence]
    /// Owners an operator paused and has not resumed, with who, when and why.
    func pauses() throws -> [String: OwnerPause]
    /// Pauses `owner` (or resumes them, with nil), as `actor` at `at`, for `reason`.
    func setPause(owner: String, _ pause: OwnerPause?, by actor: String, at: Date, reason: String) throws
    func pauseHistory(owner: String?) throws -> [OwnerPauseChange]
}

/// The console's reads (ConsoleReads.swift). The desk keeps running tallies from a baseline and the
/// log entries after it, so no refresh ever counts over the whole leads table.
public protocol ConsoleReads: Sendable {
    /// Totals, open assignments, the handoffs (assignments and acceptances) stamped at or after
    /// `handoffsSince`, the leads taken in during each of `minutes` minutes from `minutesFrom`, and the
    /// newest `recentEvents` entries in full, all as of one moment.
    func consoleBaseline(handoffsSince: Date, minutesFrom: Date, minutes: Int, recentEvents: Int) throws -> ConsoleBaseline
    /// The log entries after a known one, and the lists and counts asked for, as of one moment.
    func consoleRead(_ request: ConsoleRequest) throws -> ConsoleReadout
}

/// The review's one pass over a window of the log (`handoff report`, the Insights view).
public protocol ReviewReads: Sendable {
    /// What the log says about the leads received from `start` through `end` (SQLiteStore+Review.swift):
    /// read in one pass over that part of the log, for `handoff report` and the Insights view.
    func reviewFacts(from start: Date, through end: Date) throws -> ReviewFacts
}

/// An owner away from `from` through `until`, both local calendar dates ("2026-12-20").
public struct OwnerAbsence: Sendable, Hashable, Codable {
    public var owner: String
    public var from: String
    public var until: String

    public init(owner: String, from: String, until: String) {
        self.owner = owner
        self.from = from
        self.until = until
    }
}

/// Leads by state and open exceptions by reason.
public struct StoreCounts: Sendable, Hashable {
    public var byState: [LeadState: Int]
    public var flaggedByReason: [ExceptionReason: Int]
    public var quarantined: Int
    public var events: Int

    public init(byState: [LeadState: Int] = [:], flaggedByReason: [ExceptionReason: Int] = [:], quarantined: Int = 0, events: Int = 0) {
        self.byState = byState
        self.flaggedByReason = flaggedByReason
        self.quarantined = quarantined
        self.events = events
    }
}

/// What `handoff doctor` found.
public struct DoctorReport: Sendable, Hashable {
    public var leads: Int
    public var events: Int
    /// Each disagreement between the log and the projections, in words.
    public var problems: [String]
    /// What SQLite found wrong with the file's pages; the projections were checked only as far as they read.
    public var damage: [String] = []
    /// The note of damage met earlier, removed because the pages are whole now.
    public var clearedDamage: String?
    /// The walk of the log's hash chain (nil when the file's pages are damaged, and it was not walked).
    public var log: LogAudit?

    package init(leads: Int, events: Int, problems: [String], damage: [String] = [], clearedDamage: String? = nil, log: LogAudit? = nil) {
        self.leads = leads
        self.events = events
        self.problems = problems
        self.damage = damage
        self.clearedDamage = clearedDamage
        self.log = log
    }
    public var healthy: Bool { problems.isEmpty && damage.isEmpty }
}
