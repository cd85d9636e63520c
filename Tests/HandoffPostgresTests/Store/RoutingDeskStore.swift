import Foundation
import HandoffCore
import HandoffPostgres
import HandoffSQLite
import HandoffStore

/// A whole store for a `Desk` whose intake and routing run on PostgreSQL, while the engine's other
/// capabilities are still to come: operator settings and shadow runs are read from an empty SQLite
/// store (a fresh workspace has none on either engine), and anything else is refused, so a test that
/// reaches it fails instead of passing on the wrong engine.
final class RoutingDeskStore: LeadStore {
    let postgres: PostgresStore
    let settings: SQLiteStore

    init(_ postgres: PostgresStore, settings: SQLiteStore) {
        self.postgres = postgres
        self.settings = settings
    }

    struct NotOnThisEngine: Error, CustomStringConvertible {
        var call: String
        var description: String { "\(call) is not part of intake and routing on PostgreSQL" }
    }

    var location: String { postgres.database.endpoint }
    var file: String? { nil }
    var knownDamage: String? { nil }
    func coreLease() throws -> any CoreLease { throw NotOnThisEngine(call: "coreLease") }
    func startUpkeep(log: @escaping @Sendable (String) -> Void) -> (any StoreUpkeep)? { nil }
    /// No live signal of log appends here: a reader polls `generation()`.
    func watchLog(_ onChange: @escaping @Sendable () -> Void) -> (any StoreUpkeep)? { nil }

    func reader() throws -> any LeadStore { throw NotOnThisEngine(call: "reader") }
    func insert(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> InsertSummary { try postgres.insert(leads, quarantine: quarantine, at: at, actor: actor) }
    func intake(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> [StoredLeadId] { try postgres.intake(leads, quarantine: quarantine, at: at, actor: actor) }
    func withStoredKeys<T>(_ body: (inout any StoredKeys) throws -> T) throws -> T { try postgres.withStoredKeys(body) }
    func upsert(accounts: [Account]) throws -> Int { try postgres.upsert(accounts: accounts) }
    func routeQueued(limit: Int, at: Date, decide: ([QueuedLead]) throws -> [Decision]) throws -> RoutedBatch { try postgres.routeQueued(limit: limit, at: at, decide: decide) }
    func routeQueued(
        limit: Int, at: Date, since mark: RoutingMark?, catchUp: (OthersWrites) throws -> Void, decide: ([QueuedLead]) throws -> [Decision]
    ) throws -> RoutedBatch {
        try postgres.routeQueued(limit: limit, at: at, since: mark, catchUp: catchUp, decide: decide)
    }
    func importRouting(
        at: Date, actor: String, since mark: RoutingMark, catchUp: (OthersWrites) throws -> Void,
        start: (_ lastSerial: Int, _ found: any StoreAtStart) throws -> Void, next: () throws -> RoutedImportBatch?
    ) throws -> RoutedImport {
        try postgres.importRouting(at: at, actor: actor, since: mark, catchUp: catchUp, start: start, next: next)
    }
    func latestEvent() throws -> Int64 { try postgres.latestEvent() }
    func ledger() throws -> PoolLedger { try postgres.ledger() }
    func admit(_ admissions: [String: [String: Int]]) throws { try postgres.admit(admissions) }
    func accounts() throws -> [Account] { try postgres.accounts() }
    func leads(receivedSince date: Date, each body: (Lead) throws -> Void) throws { try postgres.leads(receivedSince: date, each: body) }
    func generation() throws -> Int64 { try postgres.generation() }
    func assigned(before: Date, limit: Int) throws -> [OpenLead] { try postgres.assigned(before: before, limit: limit) }
    func owners(of leadId: String) throws -> [String] { try postgres.owners(of: leadId) }
    func reminded(_ leadId: String, since: Date) throws -> Bool { try postgres.reminded(leadId, since: since) }
    func applyAll( _ commands: [(command: LeadCommand, leadId: String, version: Int?)], actor: String, at: Date, rulebookVersion: String?, notices: [[Notice]] ) throws -> [Result<Int, any Error>] { throw NotOnThisEngine(call: "applyAll") }
    func apply(_ command: LeadCommand, to leadId: String, basedOn version: Int?, actor: String, at: Date, rulebookVersion: String?) throws -> LeadRecord { throw NotOnThisEngine(call: "apply") }
    func lead(_ id: String) throws -> LeadRecord? { throw NotOnThisEngine(call: "lead") }
    func leads(_ filter: LeadFilter) throws -> [LeadRecord] { throw NotOnThisEngine(call: "leads") }
    func events(lead: String?, after seq: Int64, limit: Int) throws -> [LeadEvent] { throw NotOnThisEngine(call: "events") }
    func quarantined(limit: Int) throws -> [QuarantinedRecord] { try postgres.quarantined(limit: limit) }
    func counts() throws -> StoreCounts { throw NotOnThisEngine(call: "counts") }
    func doctor() throws -> DoctorReport { throw NotOnThisEngine(call: "doctor") }
    func record(rulebook: Rulebook, source: String, author: String, at: Date) throws { try settings.record(rulebook: rulebook, source: source, author: author, at: at) }
    func rulebooks() throws -> [StoredRulebook] { try settings.rulebooks() }
    func rulebooks(countingDecisions: Bool) throws -> [StoredRulebook] { try settings.rulebooks(countingDecisions: countingDecisions) }
    func rulebookSource(_ version: String) throws -> String? { try settings.rulebookSource(version) }
    func absences() throws -> [OwnerAbsence] { try settings.absences() }
    func absences(asOf date: Date) throws -> [OwnerAbsence] { try settings.absences(asOf: date) }
    func setAbsence(_ absence: OwnerAbsence, by actor: String, at: Date) throws { try settings.setAbsence(absence, by: actor, at: at) }
    func withdrawAbsence(_ absence: OwnerAbsence, by actor: String, at: Date) throws -> Bool { try settings.withdrawAbsence(absence, by: actor, at: at) }
    func withdrawAbsences(owner: String, by actor: String, at: Date) throws -> [OwnerAbsence] { try settings.withdrawAbsences(owner: owner, by: actor, at: at) }
    func pauses() throws -> [String: OwnerPause] { try settings.pauses() }
    func setPause(owner: String, _ pause: OwnerPause?, by actor: String, at: Date, reason: String) throws { try settings.setPause(owner: owner, pause, by: actor, at: at, reason: reason) }
    func pauseHistory(owner: String?) throws -> [OwnerPauseChange] { try settings.pauseHistory(owner: owner) }
    func consoleBaseline(handoffsSince: Date, minutesFrom: Date, minutes: Int, recentEvents: Int) throws -> ConsoleBaseline { throw NotOnThisEngine(call: "consoleBaseline") }
    func consoleRead(_ request: ConsoleRequest) throws -> ConsoleReadout { throw NotOnThisEngine(call: "consoleRead") }
    func reviewFacts(from start: Date, through end: Date) throws -> ReviewFacts { throw NotOnThisEngine(call: "reviewFacts") }
    func replayExtent(_ selection: ReplaySelection) throws -> (count: Int, first: Date?) { throw NotOnThisEngine(call: "replayExtent") }
    func replayLeads(_ selection: ReplaySelection, each body: (Lead, Date?) throws -> Void) throws { throw NotOnThisEngine(call: "replayLeads") }
    func leads(receivedFrom from: Date, before: Date, each body: (Lead) throws -> Void) throws { throw NotOnThisEngine(call: "leads") }
    func notices(pendingOnly: Bool, after seq: Int64, limit: Int) throws -> [StoredNotice] { throw NotOnThisEngine(call: "notices") }
    func recordDelivery(_ seq: Int64, at: Date, error: String?) throws { throw NotOnThisEngine(call: "recordDelivery") }
    func auditLog(anchor: LogAnchor?, progress: ((Int, Int) -> Void)?) throws -> LogAudit { throw NotOnThisEngine(call: "auditLog") }
    func logAnchor() throws -> LogAnchor? { throw NotOnThisEngine(call: "logAnchor") }
    func importing(at: Date, actor: String, _ body: (inout any LeadSink) throws -> Void) throws -> InsertSummary { try postgres.importing(at: at, actor: actor, body) }
    func activeShadowId() throws -> Int64? { try settings.activeShadowId() }
    func shadow(_ id: Int64) throws -> StoredShadow? { try settings.shadow(id) }
    func latestShadow() throws -> StoredShadow? { try settings.latestShadow() }
    func startShadow(_ shadow: StoredShadow) throws -> StoredShadow { try settings.startShadow(shadow) }
    @discardableResult
    func endShadow(_ id: Int64, as end: StoredShadow.End, by actor: String, at: Date) throws -> Bool { try settings.endShadow(id, as: end, by: actor, at: at) }
    func recordShadow(_ id: Int64, pairs: [ShadowPair], at: Date) throws { try settings.recordShadow(id, pairs: pairs, at: at) }
    func shadowCorrections(_ id: Int64) throws -> [ShadowCorrection] { try settings.shadowCorrections(id) }
    func shadowStanding(_ id: Int64, divergences: Int) throws -> ShadowStanding? { try settings.shadowStanding(id, divergences: divergences) }
    func registerDeliveryTargets(_ targets: [String]) throws { throw NotOnThisEngine(call: "registerDeliveryTargets") }
    func takeDeliveries(targets: [String], limit: Int, at: Date, plan: (String, HandbackEntry) throws -> DeliveryPlan?) throws -> Int { throw NotOnThisEngine(call: "takeDeliveries") }
    func dueDeliveries(targets: [String], at: Date, excluding: Set<Int64>, limit: Int) throws -> [StoredDelivery] { throw NotOnThisEngine(call: "dueDeliveries") }
    func nextDeliveryDue(targets: [String]) throws -> Date? { throw NotOnThisEngine(call: "nextDeliveryDue") }
    func recordDeliveryAttempts(_ attempts: [DeliveryAttempt]) throws { throw NotOnThisEngine(call: "recordDeliveryAttempts") }
    func deliveries(failedOnly: Bool, limit: Int) throws -> [StoredDelivery] { throw NotOnThisEngine(call: "deliveries") }
    func delivery(_ id: Int64) throws -> StoredDelivery? { throw NotOnThisEngine(call: "delivery") }
    func deliveryAttempts(_ id: Int64) throws -> [DeliveryAttemptRecord] { throw NotOnThisEngine(call: "deliveryAttempts") }
    func retryDeliveries(_ ids: [Int64]?, at: Date) throws -> [Int64] { throw NotOnThisEngine(call: "retryDeliveries") }
    func deliveryCounts() throws -> [DeliveryStatus: Int] { throw NotOnThisEngine(call: "deliveryCounts") }
}
