import Foundation
import HandoffCore

/// Where an import puts leads and rejected records, inside the import's transaction.
public protocol LeadSink {
    /// Adds a lead as `received`, unless its idempotency key is already present (stored, or added earlier
    /// in the same import). An engine may write leads a batch at a time, so the import's summary, not
    /// this call, says which were added.
    mutating func add(_ lead: IncomingLead) throws
    mutating func quarantine(_ record: QuarantinedRecord) throws
    /// What was written so far; the import's result counts everything.
    var summary: InsertSummary { get }
}

/// A lead of an import, given its id and routed before it is stored: the row's derived columns and
/// its log entry's outcome are worked out on the thread that makes it, the decision's stored form by
/// the writer (`DecisionCode.encode(decision, words: words)`). A routed import's reading thread also
/// parses, normalizes and decides; with the coding too it was the slower of the two, by a seventh of
/// its time, which the writer had to spare.
public struct RoutedLead: Sendable {
    package let row: NewLeadRow
    /// The lead's number (`leads.seq`), which its log entries refer to it by.
    package let serial: Int
    package let decision: Decision
    /// The words the decision is coded with (format 2), which the writer makes sure the store keeps;
    /// nil for format 1.
    package let words: DecisionWords?
    /// What its log entry says, its text also coded with `words`.
    package let outcome: DecisionOutcome

    /// `words`: the deciding rulebook's (`Rulebook.words`), which code the decision when they are its
    /// version's.
    public init(lead: Lead, idempotencyKey: String, decision: Decision, words: DecisionWords?) {
        // The stored form leaves the lead id to the row's `id`.
        precondition(decision.leadId == lead.id, "a lead's own decision")
        guard let serial = LeadId.serial(lead.id) else { preconditionFailure("a routed import numbers its leads with LeadId.make") }
        self.serial = serial
        row = NewLeadRow(lead, key: idempotencyKey)
        self.decision = decision
        self.words = words?.coding(decision)
        outcome = DecisionOutcome(decision, words: self.words)
    }
}

/// Part of a routed import on its way to the store.
public struct RoutedImportBatch: Sendable {
    public var leads: [RoutedLead] = []
    public var quarantine: [QuarantinedRecord] = []

    public init() {}

    public var count: Int { leads.count + quarantine.count }
}

/// What an import that routes as it goes did: the leads it stored and how they were routed.
public struct RoutedImport: Sendable, Hashable {
    public var stored: InsertSummary
    /// Counts only: a million decisions are not kept in memory (`handoff show` reads any of them).
    public var routed: RoutedBatch

    public init(stored: InsertSummary, routed: RoutedBatch) {
        self.stored = stored
        self.routed = routed
    }
}

/// Answers whether an idempotency key is stored, against one snapshot of the store.
public protocol StoredKeys {
    mutating func contains(_ key: String) throws -> Bool
}

/// How an import's reading thread takes leads in: a lead is new when the store's snapshot does not hold
/// its idempotency key (looked up only if the store had leads) and the import has not taken it already;
/// each new lead is numbered after the store's last, the rest counted as already present.
package struct ImportNumbering {
    private var stored: any StoredKeys
    private let storeHadLeads: Bool
    /// Keys taken in by this import, which the snapshot cannot see.
    private var taken: Set<String> = []
    /// The number of the newest lead, the store's or this import's.
    package private(set) var serial: Int
    package private(set) var alreadyPresent = 0

    package init(stored: any StoredKeys, lastSerial: Int) {
        self.stored = stored
        storeHadLeads = lastSerial > 0
        serial = lastSerial
    }

    /// The lead with its id, numbered, if its key is new; else nil, and counted as already present.
    package mutating func take(_ incoming: IncomingLead) throws -> Lead? {
        let key = incoming.idempotencyKey
        if try storeHadLeads && stored.contains(key) || !taken.insert(key).inserted {
            alreadyPresent += 1
            return nil
        }
        serial += 1
        var lead = incoming.lead
        lead.id = LeadId.make(serial)
        return lead
    }
}

/// A lead's id after live intake: the one it was given now, or the one it already had (a repeat).
public struct StoredLeadId: Sendable, Hashable {
    public var id: String
    /// False when a lead with the same idempotency key was stored before.
    public var added: Bool

    public init(id: String, added: Bool) {
        self.id = id
        self.added = added
    }
}

/// What a write transaction finds in the store before it adds anything, read on its own connection.
public protocol StoreAtStart {
    /// Whether any lead waits to be routed.
    func hasQueued() throws -> Bool
    /// The id of the lead stored under an idempotency key.
    func leadId(forKey key: String) throws -> String?
    /// The number of the running shadow, if one runs.
    func activeShadowId() throws -> Int64?
}
