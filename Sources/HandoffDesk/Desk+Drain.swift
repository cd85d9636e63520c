import Foundation
import HandoffCore
import HandoffStore

extension Desk {
    /// Leads a drain stores in one transaction when the store takes decided batches (`QueueDrain`): long
    /// enough that the pipeline is full nearly all the time, short enough that an operator's action
    /// waits a fraction of a second for the write lock, and that a drain killed midway keeps what it
    /// committed.
    public static let drainTransaction = 50_000

    /// Routes up to `limit` queued leads in one transaction, deciding them here, a batch at a time from
    /// one snapshot of the queue, while a second thread stores the batch before: the decisions are the
    /// ones `routeBatch` would make batch after batch. While a shadow runs, one batch the way `routeBatch`
    /// routes it (the shadow's pairs are recorded batch by batch). Nil when the store cannot take decided batches.
    func drainInOneTransaction(limit: Int, batchSize: Int) throws -> RoutedBatch? {
        guard let drainer = store as? any QueueDrain else { return nil }
        return try decidingInPlace { routing -> RoutedBatch? in
            routing.context.now = clock()
            try followShadow(&routing)
            guard routing.shadow == nil else { return try routeFollowedBatch(&routing, size: min(batchSize, limit)) }
            let batch = try Pipeline.run(capacity: 4, write: { [now = routing.context.now, mark = routing.mark] start, next in
                try drainer.drainQueue(at: now, since: mark, catchUp: { start.caughtUp($0) }, start: { start.open(lastSerial: 0, tail: $0) }, next: next)
            }, read: { (begun, channel: BatchChannel<DecidedBatch>) in
                if let others = begun.others { routing.context.catchUp(with: others) }
                // Nothing else writes to the log until the transaction ends, so the entries are chained here.
                var chain = LogChain(after: begun.tail!)
                let at = routing.context.now.timeIntervalSince1970
                try drainer.withQueue { queue in
                    var read = 0
                    while read < limit {
                        let queued = try queue.next(limit: min(batchSize, limit - read))
                        if queued.isEmpty { break }
                        read += queued.count
                        var batch = DecidedBatch()
                        batch.leads.reserveCapacity(queued.count)
                        for lead in queued {
                            var decided = try DecidedLead(lead, decision: routing.context.route(lead.lead), words: routing.context.rulebook.words)
                            try decided.chain(&chain, at: at)
                            batch.leads.append(decided)
                        }
                        try channel.send(.batch(batch))
                    }
                }
            })
            // Read inside the transaction: whatever others commit later is newer.
            routing.mark = RoutingMark(event: batch.lastEvent, generation: batch.generation)
            return batch
        }
    }
}
