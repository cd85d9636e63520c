import Foundation
import HandoffCore

/// A store that drains its queue with the deciding on another thread than the writing: one write
/// transaction takes many batches, decided meanwhile from a snapshot of the queue read on the caller's
/// thread, so reading and deciding one batch overlaps storing the one before (as a routed import does).
/// An engine that pipelines within a batch instead (PostgreSQL sends a batch's statements back to back)
/// need not offer it; the desk then drains batch by batch.
public protocol QueueDrain: Sendable {
    /// Records decided batches in one transaction that no other process can interleave with. Inside it,
    /// `catchUp` is handed what others wrote since `mark` (as for `routeQueued`), then `start` the log's
    /// newest entry: from then until the transaction ends the queue and the log can only change through
    /// `next`, so a snapshot read after `start` (`withQueue`) sees the queue exactly, and the decided
    /// leads' entries can be chained after that entry (`DecidedLead.chain`). `next` hands the decided
    /// batches over until nil.
    func drainQueue(
        at: Date, since mark: RoutingMark?, catchUp: (OthersWrites) throws -> Void, start: (_ tail: LogAnchor) throws -> Void,
        next: () throws -> DecidedBatch?
    ) throws -> RoutedBatch
    /// Runs `body` with the queue as one snapshot sees it, read in order a batch at a time.
    func withQueue<T>(_ body: (inout any QueueCursor) throws -> T) throws -> T
}

/// Queued leads in the order they are routed (their numbers), as of one snapshot.
public protocol QueueCursor {
    /// Up to `limit` queued leads after the ones read before; empty at the end.
    mutating func next(limit: Int) throws -> [QueuedLead]
}

/// One queued lead and its decision, made ready for the writer on the deciding thread: encoded, and
/// (once `chain` ran) with the router's log entry numbered and hashed, so the writer only binds.
public struct DecidedLead: Sendable {
    /// The lead's number (`leads.seq`).
    package let serial: Int
    /// The version the lead was read at: it is written only if still at it.
    package let version: Int
    package let decision: Decision
    package let code: [UInt8]
    /// The words `code` was coded with (format 2), which the writer makes sure the store keeps; nil for
    /// format 1.
    package let words: DecisionWords?
    package let outcome: DecisionOutcome
    /// The router's entry, the lead's state and version after it: nil until `chain` ran.
    package private(set) var recorded: (entry: ChainedEntry, state: LeadState, version: Int)?

    /// `words`: the deciding rulebook's (`Rulebook.words`), which code the decision when they are its
    /// version's.
    public init(_ queued: QueuedLead, decision: Decision, words: DecisionWords?) throws {
        // The stored form leaves the lead id to the row's `id`.
        precondition(decision.leadId == queued.lead.id, "each queued lead's own decision")
        serial = try LeadId.number(queued.lead.id)
        version = queued.version
        self.decision = decision
        self.words = words?.coding(decision)
        code = DecisionCode.encode(decision, words: self.words)
        outcome = DecisionOutcome(decision, words: self.words)
    }

    /// Works out the router's entry (`RoutingRecord.decided`) and chains it after `chain`'s tail, as
    /// written at `at` (seconds since 1970).
    public mutating func chain(_ chain: inout LogChain, at: Double) throws {
        let (entry, state, after) = try RoutingRecord.decided(decision, outcome: outcome, version: version)
        recorded = (chain.next(serial, kind: entry.kind, at: at, actor: "router", version: entry.version, rulebook: decision.rulebookVersion,
                               reason: entry.reason, detail: entry.detail, codedText: outcome.codedText), state, after)
    }
}

/// Decided leads on their way to the store.
public struct DecidedBatch: Sendable {
    public var leads: [DecidedLead] = []
    public init() {}
}
