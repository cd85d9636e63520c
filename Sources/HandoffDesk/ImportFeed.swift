import HandoffCore
import HandoffStore

/// Where a routed import's reader puts leads. On the reading thread each new lead is numbered,
/// normalized, decided and encoded; the writing thread only stores what it is handed, a batch at a
/// time. The reader waits when the writer is a few batches behind, so memory stays flat.
public struct ImportFeed {
    /// The routing state as of the last lead decided.
    private(set) var context: RoutingContext
    var alreadyPresent: Int { numbering.alreadyPresent }
    private let channel: BatchChannel<RoutedImportBatch>
    private let batchSize: Int
    private var numbering: ImportNumbering
    private var batch = RoutedImportBatch()
    /// A running shadow's draft, deciding each lead after the live rulebook, and the pairs so far (kept
    /// until the import commits: the shadow's records are written after it, outside its transaction).
    var shadow: ShadowRun?
    private(set) var shadowPairs: [ShadowPair] = []

    init(context: RoutingContext, lastSerial: Int, keys: any StoredKeys, channel: BatchChannel<RoutedImportBatch>, batchSize: Int) {
        self.context = context
        numbering = ImportNumbering(stored: keys, lastSerial: lastSerial)
        self.channel = channel
        self.batchSize = batchSize
    }

    /// Adds a lead, unless its key is stored or was taken in earlier in the import. Throws
    /// `ImportStopped` once the writer has given up (its error is the import's).
    public mutating func add(_ incoming: IncomingLead) throws {
        guard let lead = try numbering.take(incoming) else { return }
        let normalized = Normalizer.normalize(lead)
        let decision = Router.decide(normalized: normalized, in: context)
        context.apply(decision, receivedAt: lead.receivedAt)
        if shadow != nil { shadowPairs.append(ShadowPair(live: decision, draft: shadow!.decide(normalized))) }
        batch.leads.append(RoutedLead(lead: lead, idempotencyKey: incoming.idempotencyKey, decision: decision, words: context.rulebook.words))
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
