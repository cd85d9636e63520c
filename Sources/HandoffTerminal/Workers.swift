import Foundation
import HandoffConsole
import HandoffCore
import HandoffDesk
import HandoffStore
import Synchronization

/// A thread that sleeps until woken or until `interval` passes, then runs `body`. Wake-ups while it
/// runs are coalesced into one more run, so bursts never queue up work.
final class Ticker: Sendable {
    private let condition = NSCondition()
    private let state = Mutex<(dirty: Bool, stopped: Bool)>((false, false))
    private let interval: TimeInterval

    init(interval: TimeInterval) { self.interval = interval }

    func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while !state.withLock({ $0.stopped }) {
                condition.lock()
                if !state.withLock({ $0.dirty }) { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
                condition.unlock()
                if state.withLock({ $0.stopped }) { break }
                state.withLock { $0.dirty = false }
                body()
            }
        }
        thread.name = name
        thread.start()
    }

    func poke() {
        state.withLock { $0.dirty = true }
        condition.lock()
        condition.signal()
        condition.unlock()
    }

    func stop() {
        state.withLock { $0.stopped = true }
        poke()
    }
}

/// The routing core inside the console: drains the queue in batches off the UI thread (and, in a demo,
/// first lets the simulation add leads and accept them), reporting its health to the UI.
final class RoutingCore: Sendable {
    private let desk: Desk
    private let feed: (@Sendable (Date) throws -> Void)?
    private let inbox: Inbox
    private let ticker = Ticker(interval: 0.1)
    private let paused: Mutex<Bool>
    private let lastSweep = Mutex(Date.distantPast)
    /// The workspace's routing lease: this console routes only while it holds it.
    private let turn: RoutingTurn
    /// Whether the UI was last told the core stands by (so it is told once, and told again when it routes).
    private let standingBy = Mutex(false)

    /// A core that starts `paused` does nothing until `setPaused(false)`.
    init(desk: Desk, feed: (@Sendable (Date) throws -> Void)?, inbox: Inbox, paused: Bool = false) {
        self.desk = desk
        self.feed = feed
        self.inbox = inbox
        self.paused = Mutex(paused)
        turn = RoutingTurn(store: desk.store)
    }

    func start() {
        inbox.post(.core(paused.withLock { $0 } ? .paused : .running))
        ticker.start(name: "handoff.routing") { [self] in
            guard !paused.withLock({ $0 }) else { return }
            // Another routing core (a worker, `serve`, another console) holds the lease: stand by until it ends.
            guard turn.mayRoute() else {
                if !standingBy.withLock({ was in defer { was = true }; return was }) {
                    inbox.post(.core(.standingBy(holder: turn.holder())))
                }
                return
            }
            if standingBy.withLock({ was in defer { was = false }; return was }) { inbox.post(.core(.running)) }
            do {
                try feed?(desk.clock())
                // One batch at a time, so a pause or quit takes effect quickly; more work pokes again.
                let summary = try desk.drain(batchSize: 500, limit: 2_000)
                if summary.routed > 0 { ticker.poke() }
                // The SLA timer, about once a second of wall time.
                let due = lastSweep.withLock { last in
                    guard Date().timeIntervalSince(last) >= 1 else { return false }
                    last = Date()
                    return true
                }
                if due { try desk.sweep() }
            } catch {
                inbox.post(.core(.failed(String(describing: error))))
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    func setPaused(_ value: Bool) {
        paused.withLock { $0 = value }
        inbox.post(.core(value ? .paused : .running))
        if !value { ticker.poke() }
    }

    func stop() {
        ticker.stop()
        turn.release()
    }
}

/// Keeps the UI supplied with snapshots: after every change the desk makes, as soon as the engine says
/// another process appended to the log (PostgreSQL's notifications), and every half second for any other
/// change other processes commit (the store's generation tells).
final class SnapshotFeed: Sendable {
    private let desk: Desk
    private let inbox: Inbox
    private let ticker = Ticker(interval: 0.5)
    private let watcher = Mutex<(any StoreUpkeep)?>(nil)
    private let query = Mutex(SnapshotQuery())
    /// The query changed since the last snapshot, so one is due even if nothing was committed.
    private let dirtyQuery = Mutex(false)
    private let seen = Mutex<Int64>(-1)

    init(desk: Desk, inbox: Inbox) {
        self.desk = desk
        self.inbox = inbox
    }

    func start() {
        desk.onChange { [ticker] _ in ticker.poke() }
        let watching = desk.store.watchLog { [ticker] in ticker.poke() }
        watcher.withLock { $0 = watching }
        ticker.start(name: "handoff.snapshots") { [self] in
            do {
                let generation = try desk.store.generation()
                let forced = seen.withLock { $0 < 0 }
                if !forced, generation == seen.withLock({ $0 }), !dirtyQuery.withLock({ $0 }) {
                    // Nothing committed anywhere: only the clock moved, which ticks redraw.
                    return
                }
                dirtyQuery.withLock { $0 = false }
                let snapshot = try desk.snapshot(query.withLock { $0 })
                seen.withLock { $0 = snapshot.generation }
                inbox.post(.snapshot(snapshot))
                // At most about twenty snapshots a second, however fast the desk commits.
                Thread.sleep(forTimeInterval: 0.05)
            } catch {
                inbox.post(.notice("could not read the workspace: \(error)", .error))
                Thread.sleep(forTimeInterval: 1)
            }
        }
        ticker.poke()
    }

    func setQuery(_ value: SnapshotQuery) {
        query.withLock { $0 = value }
        dirtyQuery.withLock { $0 = true }
        ticker.poke()
    }

    func stop() {
        watcher.withLock { $0.take() }?.stop()
        ticker.stop()
    }
}

/// The rulebook file a console watches: read again when it changes and on `:reload`.
public struct RulesFile: Sendable {
    public var path: String
    /// Reads and checks the file: the rulebook and its text, or every problem with its line and column.
    public var load: @Sendable () -> Result<(rulebook: Rulebook, text: String), RulesProblems>

    public init(path: String, load: @escaping @Sendable () -> Result<(rulebook: Rulebook, text: String), RulesProblems>) {
        self.path = path
        self.load = load
    }

    /// The file's modification time, or nil when it cannot be read.
    var modified: Date? { (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date }
}

/// Runs the reducer's effects that touch the desk, one at a time off the UI thread, answering each
/// with an action.
final class EffectRunner: Sendable {
    private let desk: Desk
    private let inbox: Inbox
    private let operatorName: String
    private let rules: RulesFile?
    private let queue = Mutex<[ConsoleEffect]>([])
    private let ticker = Ticker(interval: 1)
    /// A shadow started, stopped or was promoted: the Shadow view's feed reads again.
    private let shadowChanged: @Sendable () -> Void

    /// A delivery was put back in line: the Deliveries view's feed reads again.
    private let deliveriesChanged: @Sendable () -> Void

    init(desk: Desk, inbox: Inbox, operatorName: String, rules: RulesFile?, shadowChanged: @escaping @Sendable () -> Void = {},
         deliveriesChanged: @escaping @Sendable () -> Void = {}) {
        self.deliveriesChanged = deliveriesChanged
        self.desk = desk
        self.inbox = inbox
        self.operatorName = operatorName
        self.rules = rules
        self.shadowChanged = shadowChanged
    }

    func start() {
        ticker.start(name: "handoff.actions") { [self] in
            while let effect = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { run(effect) }
        }
    }

    func submit(_ effect: ConsoleEffect) {
        queue.withLock { pending in
            // Only the newest detail request matters while the cursor moves.
            if case .loadDetail = effect { pending.removeAll { if case .loadDetail = $0 { true } else { false } } }
            pending.append(effect)
        }
        ticker.poke()
    }

    func stop() { ticker.stop() }

    private func run(_ effect: ConsoleEffect) {
        switch effect {
        case .perform(let plan, let label, let before, let undoable):
            let outcomes = plan.map { planned -> Performed.Outcome in
                do {
                    let record = try desk.perform(planned.command, on: planned.leadId, basedOn: planned.version, actor: operatorName,
                                                  overridingClaim: planned.overridingClaim)
                    return .done(planned, record)
                } catch let held as ClaimedByOther {
                    return .claimed(planned, held)
                } catch let stale as StaleVersion {
                    return .stale(planned, stale)
                } catch {
                    return .failed(planned, String(describing: error))
                }
            }
            inbox.post(.performed(Performed(label: label, outcomes: outcomes, before: before, undoable: undoable)))
        case .loadDetail(let id):
            do { inbox.post(.detail(try desk.detail(id))) } catch { inbox.post(.notice("could not read \(id): \(error)", .error)) }
        case .setAbsence(let owner, let from, let until):
            do {
                try desk.setAbsence(owner: owner, from: from, until: until, actor: operatorName)
                inbox.post(.absence(owner: owner, result: .success("\(from)..\(until)")))
            } catch {
                inbox.post(.absence(owner: owner, result: .failure(ConsoleFailure(String(describing: error)))))
            }
        case .withdrawAbsence(let owner, let from, let until):
            do {
                try desk.withdrawAbsence(owner: owner, from: from, until: until, actor: operatorName)
                inbox.post(.absenceWithdrawn(owner: owner, result: .success("\(from)..\(until)")))
            } catch {
                inbox.post(.absenceWithdrawn(owner: owner, result: .failure(ConsoleFailure(String(describing: error)))))
            }
        case .clearAbsence(let owner):
            do {
                let withdrawn = try desk.withdrawAbsences(owner: owner, actor: operatorName)
                let kept = desk.rulebook.owner(owner)?.outOfOffice.filter { $0.end > desk.clock() }.count ?? 0
                let text = withdrawn.isEmpty
                    ? "\(owner) has no out-of-office window set here" + (kept > 0 ? "; the rulebook's own stay (edit its file)" : "")
                    : "\(owner): removed " + withdrawn.map { "\($0.from)..\($0.until)" }.joined(separator: ", ")
                        + (kept > 0 ? "; the rulebook's own window stays" : "")
                inbox.post(.notice(text, withdrawn.isEmpty ? .info : .ok))
            } catch {
                inbox.post(.notice(String(describing: error), .error))
            }
        case .setPause(let owner, let paused, let reason):
            do {
                if paused { try desk.pause(owner: owner, reason: reason, actor: operatorName) } else { try desk.resume(owner: owner, reason: reason, actor: operatorName) }
                let text = desk.rulebook.owner(owner)?.pause?.text ?? "resumed"
                inbox.post(.ownerPause(owner: owner, paused: paused, result: .success(text)))
            } catch {
                inbox.post(.ownerPause(owner: owner, paused: paused, result: .failure(ConsoleFailure(String(describing: error)))))
            }
        case .reloadRules:
            guard let rules else {
                inbox.post(.notice("this console runs a built-in rulebook (the demo team); start it with --rules FILE to reload one", .error))
                return
            }
            switch rules.load() {
            case .success(let loaded):
                guard loaded.rulebook.version != desk.rulebook.version else {
                    inbox.post(.notice("\(rules.path) unchanged: rulebook \(loaded.rulebook.version) is in force", .info))
                    return
                }
                do {
                    try Permission.require(.lead, of: operatorName, in: desk.roles(), to: "reload the rulebook")
                    // Recorded first, so every decision it makes can be traced to its text.
                    try desk.store.record(rulebook: loaded.rulebook, source: loaded.text, author: operatorName, at: desk.clock())
                    try desk.reload(loaded.rulebook, actor: operatorName)
                    inbox.post(.rulesReloaded(.success(loaded.rulebook.version)))
                } catch {
                    inbox.post(.notice("could not put the new rulebook in force: \(error)", .error))
                }
            case .failure(let problems):
                inbox.post(.rulesReloaded(.failure(problems)))
            }
        case .simulate(let path):
            SimulationJob.start(path: path, desk: desk, inbox: inbox)
        case .copyTrace(let id):
            do {
                guard let detail = try desk.detail(id) else { inbox.post(.notice("no lead \(id) to copy", .error)); return }
                inbox.post(.copyReady(text: ClipboardText.trace(detail), what: "the trace of \(id)"))
            } catch {
                inbox.post(.notice("could not read \(id): \(error)", .error))
            }
        case .completePath(let partial):
            let candidates = PathCompletion.candidates(partial, in: FileManager.default.currentDirectoryPath)
            inbox.post(.pathCompletions(partial: partial, candidates: candidates))
        case .shadow(let request):
            inbox.post(.shadowAnswered(ShadowWork.run(request, desk: desk, rules: rules, operatorName: operatorName)))
            shadowChanged()
        case .retryDelivery(let id):
            inbox.post(.deliveryRetried(DeliveryRetryWork.run(id, desk: desk)))
            deliveriesChanged()
        case .claim(let change):
            inbox.post(.claimAnswered(ClaimWork.run(change, desk: desk, operatorName: operatorName)))
        case .query, .pauseCore, .theme, .mouse, .copy, .quit:
            break // handled by the UI thread
        }
    }
}
