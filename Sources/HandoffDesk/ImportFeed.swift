import HandoffCore
import HandoffStore

/// Where a routed import's reader puts leads. On the reading thread each new lead is numbered,
/// normalized, decided and encoded; the writing thread only stores what it is handed, a batch at a
/// time. The reader waits when the writer is a few batches behind, so memory stays flat.
public struct ImportFeed {
    /// The routing state as of the last lead decided.
    private(set) var context: RoutingContext
    private(set) var alreadyPresent = 0
    private let channel: BatchChannel<RoutedImportBatch>
    private let batchSize: Int
    private var keys: any StoredKeys
    /// Whether any lead was stored before the import (else no key needs looking up).
    private let storeHadLeads: Bool
    /// Keys taken in by this import, which the store's snapshot cannot see yet.
    private var taken: Set<String> = []
    private var serial: Int
    private var batch = RoutedImportBatch()
    /// A running shadow's draft, deciding each lead after the live rulebook, and the pairs so far (kept
    /// until the import commits: the shadow's records are written after it, outside its transaction).
    var shadow: ShadowRun?
    private(set) var shadowPairs: [ShadowPair] = []

    init(context: RoutingContext, lastSerial: Int, keys: any StoredKeys, channel: BatchChannel<RoutedImportBatch>, batchSize: Int) {
        self.context = context
        self.keys = keys
        storeHadLeads = lastSerial > 0
        serial = lastSerial
        self.channel = channel
        self.batchSize = batchSize
    }

    /// Adds a lead, unless its key is stored or was taken in earlier in the import. Throws
    /// `ImportStopped` once the writer has given up (its error is the import's).
    public mutating func add(_ incoming: IncomingLead) throws {
        let key = incoming.idempotencyKey
        let stored = try storeHadLeads && keys.contains(key)
        if stored || taken.contains(key) {
            alreadyPresent += 1
            return
        }
        taken.insert(key)
        serial += 1
        var lead = incoming.lead
        lead.id = LeadId.make(serial)
        let normalized = Normalizer.normalize(lead)
        let decision = Router.decide(normalized: normalized, in: context)
        context.apply(decision, receivedAt: lead.receivedAt)
        if shadow != nil { shadowPairs.append(ShadowPair(live: decision, draft: shadow!.decide(normalized))) }
        batch.leads.append(RoutedLead(lead: lead, idempotencyKey: key, decision: decision))
        if batch.count >= batchSize { try flush() }
    }

    public mutating func quarantine(_ record: QuarantinedRecord) throws {
        batch.quarantine.append(record)
        if batch.count >= batchSize { try flush() }
    }

    mutating func flush() throws {
        guard batch.count > 0 else { return }
        try channel.send(.batch(batch))
        batch = RoutedImportBatch()
    }
}
