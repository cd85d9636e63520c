import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Synchronization

/// A live synthetic inbox for the console: leads arrive at a steady rate (with repeats, free mail,
/// missing companies, the odd unreadable record and strategic leads for review), the desk routes them,
/// and the rulebook's owners accept what they are given after realistic delays, some after the SLA
/// has passed and a few never, so every view has something to show.
///
/// Everything happens in simulated time. The simulation moves in fixed ticks (`Settings.tick`, coarser
/// during the warm-up): at the end of each tick the owners' due accepts are made, then the leads that
/// arrived during it are stored and routed, all stamped with the tick's end (and during the warm-up
/// the SLA timer runs). So however `advance(to:)` is called, in many small steps or one big one, the
/// store ends up the same.
///
///     let workspace = try DemoWorkspace.prepare(path: "handoff-live.db", seed: 1, start: LiveDemo.Settings.defaultStart)
///     let demo = try LiveDemo(workspace: workspace, settings: LiveDemo.Settings(seed: 1, speed: 10))
///     try demo.advance(to: demo.settings.start)        // the warm-up: an hour of history at once
///     let clock = demo.clock()                         // simulated time from here, at the chosen speed
///     // then, off the UI thread, every frame or so:
///     try demo.advance(to: clock.now())
///
/// The desk must read `time` as its clock (`DemoWorkspace.desk(time:)` makes such a desk).
///
/// At the default 40 leads a minute the demo rulebook's team (sixteen owners in five regional pools,
/// on their own clocks) takes about nine leads in ten with no person involved; the rest are flagged for
/// a named reason at the rates a governed team sees (`DemoHour` measures the first hour). Owners in
/// Los Angeles start at 16:00 UTC and Berlin's leave from then on, so the owners view changes as the
/// afternoon goes. A lead never accepted holds its owner's capacity until an operator acts, so a demo
/// left alone for many simulated hours fills up.
public final class LiveDemo: Sendable {
    public struct Settings: Sendable {
        /// Tuesday 2026-11-24 15:30 UTC: late afternoon in Berlin (Ben leaves at 16:00, Chloe at 16:30),
        /// midday in São Paulo, morning in New York.
        public static let defaultStart = Date(timeIntervalSince1970: 1_795_534_200)
        public static let defaultWarmUp: TimeInterval = 3_600

        public var seed: UInt64
        /// Arrivals per simulated minute, on average.
        public var leadsPerMinute: Double
        /// Simulated seconds per wall second, for `clock()`.
        public var speed: Double
        /// When the live part begins; a new workspace is given `warmUp` seconds of history before it.
        public var start: Date
        public var warmUp: TimeInterval
        /// Simulated seconds per tick, and per tick during the warm-up.
        public var tick: TimeInterval
        public var warmUpTick: TimeInterval
        public var response: OwnerResponse
        /// Share of arrivals so malformed they are quarantined instead of stored as leads.
        public var unreadable: Double
        /// How often each kind of trouble arrives.
        public var traffic: LeadStream.Rates

        public init(
            seed: UInt64 = 1, leadsPerMinute: Double = 40, speed: Double = 1, start: Date = defaultStart,
            warmUp: TimeInterval = defaultWarmUp, tick: TimeInterval = 1, warmUpTick: TimeInterval = 60,
            response: OwnerResponse = OwnerResponse(), unreadable: Double = 0.005, traffic: LeadStream.Rates = .demo
        ) {
            self.seed = seed
            self.leadsPerMinute = leadsPerMinute
            self.speed = speed
            self.start = start
            self.warmUp = warmUp
            self.tick = tick
            self.warmUpTick = warmUpTick
            self.response = response
            self.unreadable = unreadable
            self.traffic = traffic
        }
    }

    /// What one `advance(to:)` did.
    public struct Step: Sendable, Hashable {
        /// The simulated moment reached: the end of the last tick done.
        public var reached: Date
        public var arrived = 0
        /// Leads stored (arrivals, less the unreadable ones and any already present).
        public var inserted = 0
        public var quarantined = 0
        public var routed = 0
        public var assigned = 0
        public var flagged = 0
        public var accepted = 0
        /// Accepts not made because the lead had moved on (an operator acted first).
        public var skipped = 0

        public init(reached: Date) { self.reached = reached }
    }

    public static let exampleRulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: ExampleRulebook.fileName).rulebook!
    /// The team the demo runs (examples/demo-rulebook.yaml).
    public static let demoRulebook = RulebookLoader.load(yaml: DemoRulebook.yaml, file: DemoRulebook.fileName).rulebook!

    public let desk: Desk
    public let time: DemoTime
    public let settings: Settings
    private let state: Mutex<State>

    struct State {
        var stream: LeadStream
        /// The next lead to arrive.
        var upcoming: Lead
        var reached: Date
        /// The newest log entry already looked at for assignments.
        var seenEvent: Int64
        /// Accepts to come, soonest first.
        var pending: [PendingAccept]
        var intake: SeededRandom
    }

    struct PendingAccept: Sendable {
        var due: Date
        var leadId: String
        var owner: String
        /// The lead's version right after the assignment: anything since makes the accept stale.
        var version: Int
    }

    /// A demo continuing from `time`, which `desk` must read as its clock. Leads already assigned in the
    /// store are accepted on the same terms as new ones.
    public init(desk: Desk, time: DemoTime, settings: Settings, accounts: [Account]? = nil) throws {
        self.desk = desk
        self.time = time
        self.settings = settings
        let store = desk.store
        let reached = time.now
        // Serials (and so external ids, the idempotency keys) continue after every record already
        // stored, leads and quarantined ones alike, with a stream of their own.
        let counts = try store.counts()
        let serial = counts.byState.values.reduce(0, +) + counts.quarantined
        let accounts = accounts ?? DemoAccounts.generate(seed: settings.seed, ownerIds: desk.rulebook.owners.map(\.id))
        let spacing = 60 / max(settings.leadsPerMinute, 0.001)
        var stream = LeadStream(
            seed: settings.seed ^ (UInt64(serial) &* 0x9E37_79B9_7F4A_7C15), accounts: accounts, start: reached,
            spacing: spacing, rates: settings.traffic, firstSerial: serial
        )
        let upcoming = stream.next()
        var state = State(
            stream: stream, upcoming: upcoming, reached: reached, seenEvent: try store.latestEvent(), pending: [],
            intake: SeededRandom(seed: settings.seed ^ 0x1A7A_4E00 ^ UInt64(serial))
        )
        for record in try store.leads(LeadFilter(state: .assigned, limit: 1_000_000)) {
            guard let owner = record.owner else { continue }
            Self.schedule(record.lead.id, owner: owner, since: record.updatedAt, version: record.version, in: &state, settings: settings, rulebook: desk.rulebook)
        }
        self.state = Mutex(state)
    }

    /// A demo on a prepared workspace, with a desk of its own reading the simulated time.
    public convenience init(workspace: DemoWorkspace, settings: Settings) throws {
        let time = DemoTime(workspace.resumesAt)
        try self.init(desk: try workspace.desk(time: time), time: time, settings: settings, accounts: workspace.accounts)
    }

    /// The simulated moment reached so far.
    public var reached: Date { state.withLock { $0.reached } }

    /// Simulated time from the moment reached on, at `settings.speed`.
    public func clock(wall: @escaping @Sendable () -> Date = { Date() }) -> DemoClock {
        DemoClock(start: reached, speed: settings.speed, wall: wall)
    }

    /// Runs every tick that ends at or before `now`: owners' accepts that have come due, then the leads
    /// that arrived, stored and routed. Accepts go through the desk as `owner:ID`, based on the version
    /// the assignment left; a stale one (an operator acted first) is skipped.
    @discardableResult
    public func advance(to now: Date) throws -> Step {
        try state.withLock { state in
            var step = Step(reached: state.reached)
            // Assignments made since the last step by someone else (an operator's approval) are accepted too.
            try takeAssignments(&state)
            while true {
                let warmingUp = state.reached < settings.start
                let next = warmingUp
                    ? min(state.reached.addingTimeInterval(max(settings.warmUpTick, 0.001)), settings.start)
                    : state.reached.addingTimeInterval(max(settings.tick, 0.001))
                guard next <= now else { break }
                try run(tickEndingAt: next, &state, &step)
                if warmingUp {
                    // The history runs the SLA timer each minute, as a console would have, so the live part
                    // opens on an hour whose breaches were acted on; from then on the console's timer does.
                    try desk.sweep()
                    try takeAssignments(&state)
                }
                state.reached = next
            }
            step.reached = state.reached
            return step
        }
    }

    private func run(tickEndingAt end: Date, _ state: inout State, _ step: inout Step) throws {
        time.advance(to: end)
        while let first = state.pending.first, first.due <= end {
            state.pending.removeFirst()
            do {
                try desk.perform(.accept, on: first.leadId, basedOn: first.version, actor: "owner:\(first.owner)")
                step.accepted += 1
            } catch is StaleVersion {
                step.skipped += 1
            } catch StoreError.illegal {
                step.skipped += 1
            }
        }
        var arrivals: [IncomingLead] = []
        var unreadable: [QuarantinedRecord] = []
        while state.upcoming.receivedAt <= end {
            let lead = state.upcoming
            state.upcoming = state.stream.next()
            step.arrived += 1
            if state.intake.chance(settings.unreadable) {
                unreadable.append(Self.unreadableRecord(lead))
            } else {
                arrivals.append(IncomingLead(lead: lead, idempotencyKey: lead.externalId ?? lead.id))
            }
        }
        guard !arrivals.isEmpty || !unreadable.isEmpty else { return }
        let stored = try desk.store.insert(arrivals, quarantine: unreadable, at: end, actor: "intake")
        step.inserted += stored.accepted
        step.quarantined += stored.quarantined
        // Only this tick's arrivals: one routing transaction, and whatever else is queued stays for its owner.
        let routed = try desk.drain(limit: max(stored.accepted, 1))
        step.routed += routed.routed
        step.assigned += routed.assigned
        step.flagged += routed.flagged.values.reduce(0, +)
        try takeAssignments(&state)
    }

    /// Schedules an accept for every lead given to an owner since the log entry last looked at.
    private func takeAssignments(_ state: inout State) throws {
        let page = 5_000
        while true {
            let events = try desk.store.events(lead: nil, after: state.seenEvent, limit: page)
            for event in events {
                state.seenEvent = event.seq
                guard EventFact.assignmentKinds.contains(event.kind), event.detail.to == .assigned, let owner = event.detail.owner else { continue }
                Self.schedule(event.leadId, owner: owner, since: event.at, version: event.leadVersion, in: &state, settings: settings, rulebook: desk.rulebook)
            }
            if events.count < page { return }
        }
    }

    private static func schedule(_ leadId: String, owner: String, since: Date, version: Int, in state: inout State, settings: Settings, rulebook: Rulebook) {
        let within = Double(rulebook.sla?.acceptWithin ?? 1_800)
        guard let delay = settings.response.delay(lead: leadId, owner: owner, seed: settings.seed, acceptWithin: within) else { return }
        let accept = PendingAccept(due: since.addingTimeInterval(delay), leadId: leadId, owner: owner, version: version)
        // Soonest first; ties by lead id, so the order never depends on how the log was read.
        var lo = 0, hi = state.pending.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let other = state.pending[mid]
            if (other.due, other.leadId) < (accept.due, accept.leadId) { lo = mid + 1 } else { hi = mid }
        }
        state.pending.insert(accept, at: lo)
    }

    /// A record too broken to read, as a CRM export sometimes has: the line cut short after the company.
    static func unreadableRecord(_ lead: Lead) -> QuarantinedRecord {
        let raw = [lead.externalId, lead.firstName, lead.lastName, lead.email, lead.company.map { "\"\($0)" }]
            .map { $0 ?? "" }.joined(separator: ",")
        let serial = lead.externalId.flatMap { Int($0.drop(while: { !$0.isNumber })) } ?? 0
        return QuarantinedRecord(file: "live-intake", line: serial, field: nil, reason: "unterminated quote: the record ends inside a quoted field", raw: raw)
    }
}
