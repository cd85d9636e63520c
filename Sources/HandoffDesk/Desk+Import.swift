import Foundation
import HandoffCore
import HandoffStore

extension Desk {
    /// Takes leads in and routes each as it is stored, all in one transaction (committed whole, or not
    /// at all if `read` or the store fails). `read` runs on the calling thread and hands leads to the
    /// feed, which decides them there; a second thread only writes, so reading, deciding and storing
    /// overlap. Decisions are the ones `route` would make for the same leads queued in the same order.
    public func importRouting(actor: String, batchSize: Int = 1_000, _ read: (inout ImportFeed) throws -> Void) throws -> RoutedImport {
        let result = try withRouting { routing in
            routing.context.now = clock()
            try followShadow(&routing)
            let (result, context, shadow) = try importRouting(actor: actor, batchSize: batchSize, from: routing, read)
            routing.context = context
            routing.mark = RoutingMark(event: result.routed.lastEvent, generation: result.routed.generation)
            routing.shadow = shadow.run
            if let run = shadow.run { try store.recordShadow(run.id, pairs: shadow.pairs, at: context.now) }
            return result
        }
        if result.routed.routed > 0 { notify(.routed(result.routed.routed)) }
        return result
    }

    /// The import itself: the writer on a thread of its own, the reader and router on this one. The
    /// routing state comes back with the result, for the desk to keep.
    private func importRouting(
        actor: String, batchSize: Int, from routing: Routing, _ read: (inout ImportFeed) throws -> Void
    ) throws -> (RoutedImport, RoutingContext, (run: ShadowRun?, pairs: [ShadowPair])) {
        let now = routing.context.now
        var context = routing.context
        var shadow = routing.shadow
        var pairs: [ShadowPair] = []
        var alreadyPresent = 0
        var routed = try Pipeline.run(write: { [store, mark = routing.mark] start, next in
            try store.importRouting(at: now, actor: actor, since: mark, catchUp: { start.caughtUp($0) },
                                    start: { lastSerial, _ in start.open(lastSerial: lastSerial) }, next: next)
        }, read: { (begun, channel: BatchChannel<RoutedImportBatch>) in
            if let others = begun.others {
                context.catchUp(with: others)
                shadow?.catchUp(with: others)
            }
            shadow?.context.now = context.now
            try store.withStoredKeys { keys in
                var feed = ImportFeed(context: context, lastSerial: begun.lastSerial, keys: keys, channel: channel, batchSize: batchSize)
                feed.shadow = shadow
                try read(&feed)
                try feed.flush()
                context = feed.context
                shadow = feed.shadow
                pairs = feed.shadowPairs
                alreadyPresent = feed.alreadyPresent
            }
        })
        routed.stored.alreadyPresent = alreadyPresent
        return (routed, context, (shadow, pairs))
    }
}
