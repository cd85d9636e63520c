import Foundation
import GRDB
import HandoffCore

/// Appends entries to the handoff log, bound with SQLite's C API (a routed lead writes two or three).
struct EventWriter {
    private let statement: RawStatement
    let time: Double

    init(_ db: Database, at: Date) throws {
        statement = RawStatement(try db.cachedStatement(sql: SQLiteStore.insertEventSQL))
        time = at.timeIntervalSince1970
    }

    func append(_ leadId: String, _ kind: EventKind, actor: String, version: Int, rulebook: String?, reason: String?, detail: EventDetail) throws {
        statement.bind(1, leadId)
        statement.bind(2, kind.rawValue)
        statement.bind(3, time)
        statement.bind(4, actor)
        statement.bind(5, version)
        statement.bind(6, rulebook)
        statement.bind(7, reason)
        statement.bind(8, detail.owner)
        statement.bind(9, detail.previousOwner)
        statement.bind(10, detail.text)
        statement.bind(11, detail.from?.rawValue)
        statement.bind(12, detail.to?.rawValue)
        try statement.run()
    }
}

/// What routing a lead writes besides its row: the router's events (checked, then assigned or flagged)
/// and the projection deltas they imply, summed over a batch and written once per owner and pool by
/// `flush`. Queue draining and routed imports share it, so a decision is recorded one way.
struct RoutingWrites {
    let events: EventWriter
    private(set) var assigned = 0
    private(set) var flagged: [ExceptionReason: Int] = [:]
    private var loads: [String: Int] = [:]
    private var given: [String: [String: Int]] = [:]
    private var excused: [String: [String: Int]] = [:]
    private var lastOwner: [String: String] = [:]

    init(_ db: Database, at: Date) throws {
        events = try EventWriter(db, at: at)
    }

    /// The reason and text of a decision's last event ("route enterprise-emea", or the exceptions).
    struct Outcome: Sendable {
        var reason: String
        var text: String?

        init(_ decision: Decision) {
            if decision.isAssigned, decision.owner != nil {
                reason = decision.route.map { "route \($0)" } ?? "fallback"
            } else {
                reason = (decision.reason ?? .noRoute).code
                text = decision.exceptions.map { "\($0.reason.code): \($0.detail)" }.joined(separator: "; ")
            }
        }
    }

    /// Logs `decision` for a lead now `received` at `version`; the lead's state and version after it.
    /// `outcome` may come worked out already (by another thread).
    mutating func record(_ decision: Decision, leadId: String, version: Int, outcome: Outcome? = nil) throws -> (state: LeadState, version: Int) {
        let outcome = outcome ?? Outcome(decision)
        var version = version
        var state = LeadState.received
        func event(_ action: LeadAction, reason: String?, detail: EventDetail) throws {
            let next = try Lifecycle.next(state, action)
            version += 1
            var detail = detail
            detail.from = state
            detail.to = next
            state = next
            try events.append(leadId, action.event, actor: "router", version: version, rulebook: decision.rulebookVersion, reason: reason, detail: detail)
        }
        let readinessFailed = decision.exceptions.first.map { Self.readinessReasons.contains($0.reason) } ?? false
        if !readinessFailed {
            try event(.check, reason: nil, detail: EventDetail())
        }
        if decision.isAssigned, let owner = decision.owner {
            try event(.assign, reason: outcome.reason, detail: EventDetail(owner: owner))
            loads[owner, default: 0] += 1
            if let pool = decision.pool {
                given[pool, default: [:]][owner, default: 0] += 1
                lastOwner[pool] = owner
                for excuse in decision.excused { excused[pool, default: [:]][excuse.owner, default: 0] += excuse.milli }
            }
            assigned += 1
        } else {
            try event(.flag, reason: outcome.reason, detail: EventDetail(owner: decision.owner, text: outcome.text))
            flagged[decision.reason ?? .noRoute, default: 0] += 1
        }
        return (state, version)
    }

    /// Writes the summed projection deltas: open load per owner, the pools' ledgers and turns.
    func flush(_ db: Database) throws {
        for (owner, n) in loads {
            try db.execute(sql: "INSERT INTO owner_load (owner, open) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET open = open + excluded.open", arguments: [owner, n])
        }
        for (pool, owners) in given {
            for (owner, n) in owners {
                try db.execute(sql: """
                    INSERT INTO pool_ledger (pool, owner, assigned) VALUES (?, ?, ?)
                    ON CONFLICT(pool, owner) DO UPDATE SET assigned = assigned + excluded.assigned
                    """, arguments: [pool, owner, n])
            }
        }
        for (pool, owners) in excused {
            for (owner, milli) in owners {
                try db.execute(sql: """
                    INSERT INTO pool_ledger (pool, owner, assigned, excused) VALUES (?, ?, 0, ?)
                    ON CONFLICT(pool, owner) DO UPDATE SET excused = excused + excluded.excused
                    """, arguments: [pool, owner, milli])
            }
        }
        for (pool, owner) in lastOwner {
            try db.execute(sql: "INSERT INTO pool_turn (pool, last_owner) VALUES (?, ?) ON CONFLICT(pool) DO UPDATE SET last_owner = excluded.last_owner", arguments: [pool, owner])
        }
    }

    /// Reasons found before routing: such a lead never became `ready`.
    static let readinessReasons: Set<ExceptionReason> = [.missingField, .invalidEmail, .freeEmail]
}
