import Foundation
import HandoffCore
import HandoffStore
import Synchronization

/// The runtime between the pure router and the store: drains the queue in batches, applies operator
/// commands, and tells listeners what changed. The command line, the console and HTTP intake all go
/// through it, so there is one code path for a decision and one for an operator action.
public final class Desk: Sendable {
    public let store: any LeadStore
    public let rulebook: Rulebook
    /// Where time comes from: the real clock, or a fixed one for tests, replays and demos.
    public let clock: @Sendable () -> Date
    private let routing: Mutex<Routing>
    private let listeners = Mutex<[@Sendable (DeskChange) -> Void]>([])

    struct Routing {
        var context: RoutingContext
        /// The store's generation after our last write; anything else means another writer acted.
        var generation: Int64
        /// The newest log entry whose routed leads are in the duplicate index.
        var seenEvent: Int64
    }

    /// Prepares routing from the store: known accounts, pool state, and the leads inside the duplicate
    /// window, so a restart decides exactly as an uninterrupted run would.
    public init(store: any LeadStore, rulebook: Rulebook, clock: @escaping @Sendable () -> Date) throws {
        self.store = store
        let rulebook = try Desk.withStoredAbsences(rulebook, store.absences())
        self.rulebook = rulebook
        self.clock = clock
        let now = clock()
        var context = RoutingContext(
            rulebook: rulebook, now: now, accounts: AccountDirectory(try store.accounts()),
            state: RoutingState(rulebook: rulebook, ledger: try store.ledger())
        )
        let since = now.addingTimeInterval(-Double(rulebook.duplicates.window))
        for lead in try store.leads(receivedSince: since) { context.recent.remember(lead, on: rulebook.duplicates.matchOn) }
        routing = Mutex(Routing(context: context, generation: try store.generation(), seenEvent: try store.latestEvent()))
    }

    /// Routes queued leads in batches until the queue is empty (or `limit` leads are routed).
    @discardableResult
    public func drain(batchSize: Int = 1_000, limit: Int = .max) throws -> DrainSummary {
        var summary = DrainSummary()
        let started = ContinuousClock.now
        while summary.routed < limit {
            let batch = try routeBatch(size: min(batchSize, limit - summary.routed))
            if batch.routed == 0 { break }
            summary.add(batch)
            notify(.routed(batch.routed))
        }
        summary.elapsed = ContinuousClock.now - started
        return summary
    }

    /// One batch: claim, decide, commit, all inside one store transaction.
    public func routeBatch(size: Int) throws -> RoutedBatch {
        try routing.withLock { routing in
            let generation = try store.generation()
            if generation != routing.generation {
                // Another process (or a command) wrote since our last batch: pick up its pool state.
                routing.context.state = RoutingState(rulebook: rulebook, ledger: try store.ledger())
            }
            routing.context.now = clock()
            var context = routing.context
            var seen = routing.seenEvent
            let matchOn = rulebook.duplicates.matchOn
            let batch = try store.routeQueued(limit: size, at: context.now, afterEvent: seen, catchUp: { routed, latest in
                // Leads another process routed since we last looked count for duplicate checks too.
                for lead in routed { context.recent.remember(lead, on: matchOn) }
                seen = latest
            }, decide: { queued in
                queued.map { context.route($0.lead) }
            })
            routing.context = context
            // Read inside the batch's transaction: whatever others commit later has a higher number.
            routing.seenEvent = max(seen, batch.lastEvent)
            routing.generation = try store.generation()
            return batch
        }
    }

    /// Applies an operator's command to one lead, as `actor`, refusing it if the lead changed since
    /// `version`. Owners named by a command must be in the rulebook.
    @discardableResult
    public func perform(_ command: LeadCommand, on leadId: String, basedOn version: Int? = nil, actor: String) throws -> LeadRecord {
        if case .reassign(let owner, _) = command, rulebook.owner(owner) == nil { throw StoreError.unknownOwner(owner) }
        let record = try routing.withLock { routing in
            let record = try store.apply(command, to: leadId, basedOn: version, actor: actor, at: clock(), rulebookVersion: rulebook.version)
            routing.context.state = RoutingState(rulebook: rulebook, ledger: try store.ledger())
            routing.generation = try store.generation()
            return record
        }
        notify(.lead(leadId))
        return record
    }

    /// The rulebook with absences set at run time (`handoff owner set-ooo`) added to its owners.
    public static func withStoredAbsences(_ rulebook: Rulebook, _ absences: [OwnerAbsence]) -> Rulebook {
        var rulebook = rulebook
        for absence in absences {
            guard let i = rulebook.ownerIndex[absence.owner], let from = CalendarDay(absence.from), let until = CalendarDay(absence.until) else { continue }
            rulebook.owners[i].outOfOffice.append(Absence(from: from.start, through: until.start, zone: rulebook.owners[i].zone))
        }
        return rulebook
    }

    /// Calls `listener` after every change this desk makes (on the thread that made it).
    public func onChange(_ listener: @escaping @Sendable (DeskChange) -> Void) {
        listeners.withLock { $0.append(listener) }
    }

    private func notify(_ change: DeskChange) {
        for listener in listeners.withLock({ $0 }) { listener(change) }
    }
}

/// What changed, for listeners such as the console.
public enum DeskChange: Sendable, Hashable {
    case routed(Int)
    case lead(String)
}

/// Totals over the batches of one drain.
public struct DrainSummary: Sendable, Hashable {
    public var routed = 0
    public var assigned = 0
    public var flagged: [ExceptionReason: Int] = [:]
    public var elapsed: Duration = .zero

    public init() {}

    mutating func add(_ batch: RoutedBatch) {
        routed += batch.routed
        assigned += batch.assigned
        for (reason, n) in batch.flagged { flagged[reason, default: 0] += n }
    }

    public var perSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(routed) / seconds : 0
    }
}
