import Foundation
import HandoffCore
import HandoffStore
import Synchronization

/// The runtime between the pure router and the store: drains the queue in batches, applies operator
/// commands, and tells listeners what changed. The command line, the console and HTTP intake all go
/// through it, so there is one code path for a decision and one for an operator action.
public final class Desk: Sendable {
    public let store: any LeadStore
    /// The rulebook in force: the one given, with out-of-office windows and pauses set at run time added.
    public var rulebook: Rulebook { rules.withLock { $0 } }
    /// Where time comes from: the real clock, or a fixed one for tests, replays and demos.
    public let clock: @Sendable () -> Date
    private let routing: Mutex<Routing?>
    private let rules: Mutex<Rulebook>
    /// The rulebook as given (file or reload), before operators' changes: what a withdrawn change is
    /// worked out from again.
    private let given: Mutex<Rulebook>
    private let listeners = Mutex<[@Sendable (DeskChange) -> Void]>([])
    /// The running figures behind console snapshots, built by the first one.
    let console = Mutex<ConsoleTally?>(nil)

    struct Routing {
        var context: RoutingContext
        /// The newest log entry whose routed leads are in the duplicate index, and the store's
        /// generation the pool state reflects (anything else means another writer acted).
        var mark: RoutingMark
        /// The draft of a running shadow, deciding beside the live rulebook (Desk+Shadow.swift).
        var shadow: ShadowRun?
        /// A running shadow whose draft no longer loads: not tried again every batch.
        var unloadableShadow: Int64?

        /// The pool state was reloaded from outside a routing transaction, where another writer may
        /// have slipped in: the next batch reads it again inside its own.
        mutating func recheckPoolState() {
            mark.generation = -1
            shadow?.stale = true
        }
    }

    /// A desk on `store`. Opening is cheap: routing is prepared from the store (known accounts, pool
    /// state, and the leads inside the duplicate window, so a restart decides exactly as an uninterrupted
    /// run would) by `prepare()`, or by the first batch or command, whichever comes first.
    public init(store: any LeadStore, rulebook: Rulebook, clock: @escaping @Sendable () -> Date) throws {
        self.store = store
        rules = Mutex(try Desk.withOperatorChanges(rulebook, store: store))
        given = Mutex(rulebook)
        self.clock = clock
        routing = Mutex(nil)
    }

    /// Prepares routing now rather than at the first batch or command (reading the duplicate window
    /// takes seconds on a large database), e.g. in the background once the console shows its first frame.
    public func prepare() throws {
        try withRouting { _ in }
    }

    private func makeRouting() throws -> Routing {
        // Read first: whatever is written after it is newer than the mark and caught up with later.
        let mark = RoutingMark(event: try store.latestEvent(), generation: try store.generation())
        let rulebook = self.rulebook
        let now = clock()
        var context = RoutingContext(
            rulebook: rulebook, now: now, accounts: AccountDirectory(try store.accounts()),
            state: RoutingState(rulebook: rulebook, ledger: try admittedLedger(rulebook))
        )
        let since = now.addingTimeInterval(-Double(rulebook.duplicates.window))
        let matchOn = rulebook.duplicates.matchOn
        try store.leads(receivedSince: since) { context.recent.remember($0, on: matchOn) }
        return Routing(context: context, mark: mark)
    }

    /// Runs `body` on the routing state under its lock, preparing it first if need be.
    func withRouting<T: Sendable>(_ body: (inout Routing) throws -> T) throws -> T {
        try routing.withLock { slot in
            if slot == nil { slot = try makeRouting() }
            return try body(&slot!)
        }
    }

    /// Routes queued leads in batches until the queue is empty (or `limit` leads are routed): many batches
    /// a transaction, decided while the one before is stored, when the store can (`drainInOneTransaction`).
    @discardableResult
    public func drain(batchSize: Int = 1_000, limit: Int = .max, perTransaction: Int = Desk.drainTransaction) throws -> DrainSummary {
        var summary = DrainSummary()
        let started = ContinuousClock.now
        while summary.routed < limit {
            let left = limit - summary.routed
            let batch = try drainInOneTransaction(limit: min(perTransaction, left), batchSize: batchSize)
                ?? routeBatch(size: min(batchSize, left))
            if batch.routed == 0 { break }
            summary.add(batch)
            notify(.routed(batch.routed))
        }
        summary.elapsed = ContinuousClock.now - started
        return summary
    }

    /// One batch: claim, decide, commit, all inside one store transaction.
    public func routeBatch(size: Int) throws -> RoutedBatch {
        try decidingInPlace { try routeBatch(&$0, size: size) }
    }

    /// Runs `body`, which decides in the routing state itself, under its lock.
    func decidingInPlace<T: Sendable>(_ body: (inout Routing) throws -> T) throws -> T {
        try routing.withLock { slot in
            if slot == nil { slot = try makeRouting() }
            do {
                return try body(&slot!)
            } catch {
                // Decisions are made in the routing state itself (a copy kept aside for a rollback would
                // copy the duplicate index, every lead of the window, every time), so a write that failed
                // may have left it ahead of the store: it is prepared afresh from the store.
                slot = nil
                throw error
            }
        }
    }

    private func routeBatch(_ routing: inout Routing, size: Int) throws -> RoutedBatch {
        routing.context.now = clock()
        try followShadow(&routing)
        return try routeFollowedBatch(&routing, size: size)
    }

    /// `routeBatch` once the clock is read and the shadow followed.
    func routeFollowedBatch(_ routing: inout Routing, size: Int) throws -> RoutedBatch {
        let now = routing.context.now
        var shadow = routing.shadow.take()
        var pairs: [ShadowPair] = []
        let batch = try store.routeQueued(limit: size, at: now, since: routing.mark, catchUp: { others in
            routing.context.catchUp(with: others)
            shadow?.catchUp(with: others)
        }, decide: { queued in
            let decisions = queued.map { routing.context.route($0.lead) }
            if shadow != nil { pairs = shadow!.decide(queued, live: decisions, at: now) }
            return decisions
        })
        routing.shadow = shadow
        // Read inside the batch's transaction: whatever others commit later is newer.
        routing.mark = RoutingMark(event: batch.lastEvent, generation: batch.generation)
        if let shadow { try store.recordShadow(shadow.id, pairs: pairs, at: now) }
        return batch
    }

    /// The stored ledger, after giving members new to a pool their even start.
    private func admittedLedger(_ rulebook: Rulebook) throws -> PoolLedger {
        var ledger = try store.ledger()
        let admissions = Fairness.admissions(rulebook, ledger)
        guard !admissions.isEmpty else { return ledger }
        // Kept in the store for the next process; a database opened read-only still gets them in memory.
        try? store.admit(admissions)
        for (pool, owners) in admissions {
            for (owner, milli) in owners {
                ledger.members[pool, default: []].insert(owner)
                if milli != 0 { ledger.excused[pool, default: [:]][owner] = milli }
            }
        }
        return ledger
    }

    /// The fairness ledger as routing sees it (from the store until routing is prepared).
    func currentLedger() throws -> PoolLedger {
        if let ledger = routing.withLock({ slot in slot.map { $0.context.state.ledger(rulebook: $0.context.rulebook) } }) { return ledger }
        return try store.ledger()
    }

    /// Applies an operator's command to one lead, as `actor`, refusing it if the lead changed since
    /// `version`. Owners named by a command must be in the rulebook. A lead someone else claimed is
    /// refused with `ClaimedByOther` unless `overridingClaim`.
    @discardableResult
    public func perform(
        _ command: LeadCommand, on leadId: String, basedOn version: Int? = nil, actor: String, overridingClaim: Bool = false
    ) throws -> LeadRecord {
        let rulebook = self.rulebook
        try permit(command, on: leadId, actor: actor, rulebook: rulebook)
        try checkClaim(on: leadId, actor: actor, overriding: overridingClaim, command: command)
        if case .reassign(let owner, _) = command, rulebook.owner(owner) == nil { throw StoreError.unknownOwner(owner) }
        let record = try routing.withLock { routing in
            let record = try store.apply(command, to: leadId, basedOn: version, actor: actor, at: clock(), rulebookVersion: rulebook.version)
            // Routing not prepared yet reads the pool state fresh when it is.
            if let context = routing?.context {
                routing!.context.state = RoutingState(rulebook: context.rulebook, ledger: try store.ledger())
                routing!.recheckPoolState()
            }
            return record
        }
        notify(.lead(leadId))
        return record
    }

    /// Several commands by one actor in one store transaction, the pool state reloaded once: how the
    /// SLA timer acts on many leads at a time.
    func performAll(_ commands: [(command: LeadCommand, leadId: String, version: Int?)], actor: String, notices: [[Notice]] = []) throws -> [Result<Int, any Error>] {
        guard !commands.isEmpty else { return [] }
        let rulebook = self.rulebook
        let results = try routing.withLock { routing in
            let results = try store.applyAll(commands, actor: actor, at: clock(), rulebookVersion: rulebook.version, notices: notices)
            if let context = routing?.context {
                routing!.context.state = RoutingState(rulebook: context.rulebook, ledger: try store.ledger())
                routing!.recheckPoolState()
            }
            return results
        }
        for (item, result) in zip(commands, results) { if case .success = result { notify(.lead(item.leadId)) } }
        return results
    }

    /// Marks `owner` out of office from one local date through another ("2026-12-20", inclusive), as
    /// `actor`: recorded in the store, and in force for the very next decision.
    public func setAbsence(owner: String, from: String, until: String, actor: String) throws {
        try require(.lead, of: actor, to: "set owners out of office")
        guard rulebook.owner(owner) != nil else { throw StoreError.unknownOwner(owner) }
        guard let first = CalendarDay(from) else { throw DeskError.notADay(from) }
        guard let last = CalendarDay(until) else { throw DeskError.notADay(until) }
        guard first <= last else { throw DeskError.endsBeforeItStarts(from: from, until: until) }
        let absence = OwnerAbsence(owner: owner, from: from, until: until)
        try routing.withLock { routing in
            try store.setAbsence(absence, by: actor, at: clock())
            let updated = rules.withLock { rules in
                rules = Desk.withStoredAbsences(rules, [absence])
                return rules
            }
            Desk.carryOver(&routing, to: updated)
        }
        notify(.owner(owner))
    }

    /// Withdraws an out-of-office window set with `setAbsence` (an operator's undo), as `actor`: kept in
    /// the store as withdrawn, and out of force for the very next decision.
    public func withdrawAbsence(owner: String, from: String, until: String, actor: String) throws {
        try require(.lead, of: actor, to: "take back out-of-office windows")
        guard rulebook.owner(owner) != nil else { throw StoreError.unknownOwner(owner) }
        try routing.withLock { routing in
            guard try store.withdrawAbsence(OwnerAbsence(owner: owner, from: from, until: until), by: actor, at: clock()) else {
                throw DeskError.noSuchAbsence(owner: owner, from: from, until: until)
            }
            let updated = try Desk.withOperatorChanges(given.withLock { $0 }, store: store)
            rules.withLock { $0 = updated }
            Desk.carryOver(&routing, to: updated)
        }
        notify(.owner(owner))
    }

    /// Withdraws the out-of-office windows set at run time for `owner` (the rulebook's own stay: they
    /// live in its file), returning them. Routing sees the owner as the rulebook has them from now on.
    @discardableResult
    public func withdrawAbsences(owner: String, actor: String) throws -> [OwnerAbsence] {
        try require(.lead, of: actor, to: "take back out-of-office windows")
        guard rulebook.owner(owner) != nil else { throw StoreError.unknownOwner(owner) }
        let withdrawn = try routing.withLock { routing in
            let withdrawn = try store.withdrawAbsences(owner: owner, by: actor, at: clock())
            guard !withdrawn.isEmpty else { return withdrawn }
            let updated = try Desk.withOperatorChanges(given.withLock { $0 }, store: store)
            rules.withLock { $0 = updated }
            Desk.carryOver(&routing, to: updated)
            return withdrawn
        }
        if !withdrawn.isEmpty { notify(.owner(owner)) }
        return withdrawn
    }

    /// Takes `owner` out of routing until resumed (`reason` says why, e.g. "lunch"), as `actor`. Leads
    /// they already have stay theirs; the SLA timer keeps counting them.
    public func pause(owner: String, reason: String, actor: String) throws {
        try setPause(owner: owner, OwnerPause(reason: reason, by: actor, since: clock()), reason: reason, actor: actor)
    }

    /// Puts a paused owner back into routing.
    public func resume(owner: String, reason: String = "", actor: String) throws {
        try setPause(owner: owner, nil, reason: reason, actor: actor)
    }

    private func setPause(owner: String, _ pause: OwnerPause?, reason: String, actor: String) throws {
        try require(.lead, of: actor, to: "pause or resume owners")
        guard let index = rulebook.ownerIndex[owner] else { throw StoreError.unknownOwner(owner) }
        let current = rulebook.owners[index].pause
        if pause != nil, let current { throw DeskError.alreadyPaused(owner: owner, current.text) }
        if pause == nil, current == nil { throw DeskError.notPaused(owner: owner) }
        try routing.withLock { routing in
            try store.setPause(owner: owner, pause, by: actor, at: clock(), reason: reason)
            let updated = rules.withLock { rules in
                rules.owners[index].pause = pause
                return rules
            }
            Desk.carryOver(&routing, to: updated)
        }
        notify(.owner(owner))
    }

    /// A rulebook with the same owners and pools in the same order, only their availability changed:
    /// load, turns and the duplicate index carry over.
    private static func carryOver(_ routing: inout Routing?, to updated: Rulebook) {
        guard let context = routing?.context else { return }
        routing!.context = RoutingContext(
            rulebook: updated, now: context.now, accounts: context.accounts, recent: context.recent, state: context.state)
    }

    /// Puts `rulebook` in force for every lead decided from now on (a reloaded file). Pool state carries
    /// over from the store; the duplicate index too unless the new rulebook matches duplicates otherwise.
    public func reload(_ rulebook: Rulebook, actor: String) throws {
        try require(.lead, of: actor, to: "reload the rulebook")
        try reload(rulebook)
    }

    /// The same, for a rulebook file the process watches (the routing core's own reload, no person's).
    public func reload(_ rulebook: Rulebook) throws {
        let updated = try Desk.withOperatorChanges(rulebook, store: store)
        try routing.withLock { routing in
            given.withLock { $0 = rulebook }
            let previous = rules.withLock { rules in defer { rules = updated }; return rules }
            guard let context = routing?.context else { return }
            if previous.duplicates != updated.duplicates {
                routing = nil // rebuilt, with the new keys, at the next batch
            } else {
                routing!.context = RoutingContext(
                    rulebook: updated, now: context.now, accounts: context.accounts, recent: context.recent,
                    state: RoutingState(rulebook: updated, ledger: try admittedLedger(updated)))
                routing!.recheckPoolState()
            }
        }
        notify(.rulebook(updated.version))
    }

    /// The rulebook with what operators set at run time: absences (`handoff owner set-ooo`) and pauses
    /// (`handoff owner pause`).
    public static func withOperatorChanges(_ rulebook: Rulebook, store: any LeadStore) throws -> Rulebook {
        withOperatorChanges(rulebook, absences: try store.absences(), pauses: try store.pauses())
    }

    /// The rulebook with the given absences and pauses put on its owners (those it does not know are skipped).
    static func withOperatorChanges(_ rulebook: Rulebook, absences: [OwnerAbsence], pauses: [String: OwnerPause]) -> Rulebook {
        var rulebook = withStoredAbsences(rulebook, absences)
        for (owner, pause) in pauses {
            if let i = rulebook.ownerIndex[owner] { rulebook.owners[i].pause = pause }
        }
        return rulebook
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

    func notify(_ change: DeskChange) {
        for listener in listeners.withLock({ $0 }) { listener(change) }
    }
}

/// What changed, for listeners such as the console.
public enum DeskChange: Sendable, Hashable {
    case routed(Int)
    case lead(String)
    /// A new rulebook version is in force.
    case rulebook(String)
    /// An owner's availability changed (out of office set).
    case owner(String)
}

extension RoutingContext {
    /// Takes in what other writers did: their routed leads count for duplicate checks, and their pool
    /// state replaces ours.
    mutating func catchUp(with others: OthersWrites) {
        let matchOn = rulebook.duplicates.matchOn
        for lead in others.routed { recent.remember(lead, on: matchOn) }
        if let ledger = others.ledger { state = RoutingState(rulebook: rulebook, ledger: ledger) }
    }
}

/// Totals over the batches of one drain.
public struct DrainSummary: Sendable, Hashable {
    public var routed = 0
    public var assigned = 0
    public var flagged: [ExceptionReason: Int] = [:]
    public var elapsed: Duration = .zero

    public init() {}

    /// One batch's figures, e.g. a routed import's.
    public init(_ batch: RoutedBatch, elapsed: Duration) {
        add(batch)
        self.elapsed = elapsed
    }

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
