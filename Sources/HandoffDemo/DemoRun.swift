import Foundation
import HandoffCore

/// Routes a seeded stream of leads through a rulebook in memory, as a live inbox would see them.
/// Same rulebook, seed and start time, same decisions.
public struct DemoRun: Sendable {
    public struct Settings: Sendable {
        public var seed: UInt64
        public var leads: Int
        /// When the first lead arrives; later ones follow about a second apart.
        public var start: Date
        public var accounts: Int

        public init(seed: UInt64 = 1, leads: Int = 40, start: Date, accounts: Int = 200) {
            self.seed = seed
            self.leads = leads
            self.start = start
            self.accounts = accounts
        }
    }

    public struct Row: Sendable {
        public var lead: Lead
        public var decision: Decision

        public init(lead: Lead, decision: Decision) {
            self.lead = lead
            self.decision = decision
        }
    }

    public var rulebook: Rulebook
    public var settings: Settings
    public var rows: [Row]
    /// Routing alone, without generating leads: what decisions/s is measured on.
    public var routingTime: Duration

    public init(rulebook: Rulebook, settings: Settings, rows: [Row], routingTime: Duration) {
        self.rulebook = rulebook
        self.settings = settings
        self.rows = rows
        self.routingTime = routingTime
    }

    /// The seeded accounts and lead stream of a run, without routing them.
    public static func workload(_ rulebook: Rulebook, _ settings: Settings) -> (accounts: [Account], leads: [Lead]) {
        let accounts = DemoAccounts.generate(seed: settings.seed, ownerIds: rulebook.owners.map(\.id), count: settings.accounts)
        var stream = LeadStream(seed: settings.seed, accounts: accounts, start: settings.start, rates: .demo)
        return (accounts, (0..<max(settings.leads, 0)).map { _ in stream.next() })
    }

    public static func run(_ rulebook: Rulebook, _ settings: Settings) -> DemoRun {
        let (accounts, leads) = workload(rulebook, settings)
        var context = RoutingContext(rulebook: rulebook, now: settings.start, accounts: AccountDirectory(accounts))
        var rows: [Row] = []
        rows.reserveCapacity(leads.count)
        let clock = ContinuousClock()
        let started = clock.now
        for lead in leads {
            // Each lead is decided the moment it arrives, so hours and absences are read at that time.
            context.now = lead.receivedAt
            rows.append(Row(lead: lead, decision: context.route(lead)))
        }
        return DemoRun(rulebook: rulebook, settings: settings, rows: rows, routingTime: clock.now - started)
    }

    public var assignedCount: Int { rows.count { $0.decision.isAssigned } }

    /// Flagged leads by their main reason, most frequent first (ties in the reasons' fixed order).
    public var flaggedByReason: [(reason: ExceptionReason, count: Int)] {
        var counts: [ExceptionReason: Int] = [:]
        for row in rows where !row.decision.isAssigned {
            if let reason = row.decision.reason { counts[reason, default: 0] += 1 }
        }
        let order = Dictionary(uniqueKeysWithValues: ExceptionReason.allCases.enumerated().map { ($1, $0) })
        return counts.map { (reason: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : order[$0.reason]! < order[$1.reason]! }
    }

    public var decisionsPerSecond: Double? {
        let seconds = Double(routingTime.components.seconds) + Double(routingTime.components.attoseconds) / 1e18
        return seconds > 0 ? Double(rows.count) / seconds : nil
    }
}
