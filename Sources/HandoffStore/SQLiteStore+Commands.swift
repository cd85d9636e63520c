import Foundation
import GRDB
import HandoffCore

extension SQLiteStore {
    public func apply(_ command: LeadCommand, to leadId: String, basedOn version: Int?, actor: String, at: Date, rulebookVersion: String?) throws -> LeadRecord {
        try write { db in try Self.apply(db, command, to: leadId, basedOn: version, actor: actor, at: at, rulebookVersion: rulebookVersion) }
    }

    /// Several commands in one transaction (the SLA timer's batch). A refused one (stale, illegal) is
    /// returned as its error and does not stop the others.
    public func applyAll(
        _ commands: [(command: LeadCommand, leadId: String, version: Int?)], actor: String, at: Date, rulebookVersion: String?,
        notices: [[Notice]]
    ) throws -> [Result<Int, any Error>] {
        try write { db in
            commands.enumerated().map { i, item in
                do {
                    // Each command in a savepoint, so a refused one leaves nothing half written; its notices
                    // go out only with it.
                    var version = 0
                    try db.inSavepoint {
                        version = try Self.change(db, item.command, to: item.leadId, basedOn: item.version, actor: actor, at: at,
                                                  rulebookVersion: rulebookVersion)
                        if i < notices.count { try Self.enqueue(db, notices[i], leadId: item.leadId, at: at) }
                        return .commit
                    }
                    return .success(version)
                } catch {
                    return .failure(error)
                }
            }
        }
    }

    static func apply(
        _ db: Database, _ command: LeadCommand, to leadId: String, basedOn version: Int?, actor: String, at: Date, rulebookVersion: String?
    ) throws -> LeadRecord {
        _ = try change(db, command, to: leadId, basedOn: version, actor: actor, at: at, rulebookVersion: rulebookVersion)
        return try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(Self.recordColumns) FROM leads WHERE id = ?"), arguments: [leadId]).map(Self.record)!
    }

    /// The command's events and projections; the lead's new version.
    static func change(
        _ db: Database, _ command: LeadCommand, to leadId: String, basedOn version: Int?, actor: String, at: Date, rulebookVersion: String?
    ) throws -> Int {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT state, owner, pool, version FROM leads WHERE id = ?"), arguments: [leadId]) else {
            throw StoreError.unknownLead(leadId)
        }
        let state = LeadState(rawValue: row["state"]) ?? .received
        let owner: String? = row["owner"]
        let pool: String? = row["pool"]
        let current: Int = row["version"]
        if let version, version != current {
            let latest = try Row.fetchOne(try db.cachedStatement(sql: "\(Self.entrySelect) WHERE e.lead = ? ORDER BY e.seq DESC LIMIT 1"), arguments: [LeadId.key(leadId)]).flatMap { Self.events(from: $0).last }
            throw StaleVersion(leadId: leadId, expected: version, current: current, latest: latest)
        }
        let next: LeadState
        do { next = try Lifecycle.next(state, command.action) } catch let error as LifecycleError { throw StoreError.illegal(error, leadId: leadId) }

        var newOwner = owner
        var detail = EventDetail(from: state, to: next)
        var reason: String?
        switch command {
        case .approve:
            guard let owner else { throw StoreError.noProposal(leadId) }
            try Self.adjustLoad(db, owner: owner, by: 1)
            if let pool { try Self.countAssignment(db, pool: pool, owner: owner) }
            detail.owner = owner
        case .reassign(let to, let why):
            if state == .assigned, let owner { try Self.adjustLoad(db, owner: owner, by: -1) }
            try Self.adjustLoad(db, owner: to, by: 1)
            detail.owner = to
            detail.previousOwner = owner
            detail.text = why
            reason = why
            newOwner = to
        case .annotate(let text):
            detail.text = text
        case .disqualify(let why):
            if state == .assigned, let owner { try Self.adjustLoad(db, owner: owner, by: -1) }
            detail.text = why
            reason = why
        case .accept:
            if let owner { try Self.adjustLoad(db, owner: owner, by: -1) }
            detail.owner = owner
        case .retry:
            newOwner = nil
        case .flag(let code, let note, let proposal):
            if state == .assigned, let owner { try Self.adjustLoad(db, owner: owner, by: -1) }
            newOwner = proposal ?? owner
            detail.owner = newOwner
            detail.text = code.code
            reason = note
        case .reopen(let note, let proposal):
            newOwner = proposal ?? owner
            detail.owner = newOwner
            reason = note
        case .breach(let note):
            if let owner { try Self.adjustLoad(db, owner: owner, by: -1) }
            detail.owner = owner
            detail.text = note
            reason = ExceptionReason.slaBreached.code
        case .reroute(let to, let note):
            if let owner { try Self.adjustLoad(db, owner: owner, by: -1) }
            try Self.adjustLoad(db, owner: to, by: 1)
            if let pool { try Self.countAssignment(db, pool: pool, owner: to) }
            detail.owner = to
            detail.previousOwner = owner
            detail.text = note
            newOwner = to
        case .remind(let note):
            detail.owner = owner
            detail.text = note
        case .restore(let standing, let undone, let note):
            guard next == standing.state else { throw StoreError.cannotRestore(leadId, now: state, to: standing.state) }
            if state == .assigned, let owner { try Self.adjustLoad(db, owner: owner, by: -1) }
            if standing.state == .assigned, let back = standing.owner { try Self.adjustLoad(db, owner: back, by: 1) }
            // An approval counted toward the pool's fairness ledger; its undo takes the count back.
            if undone == .approve, let pool, let owner { try Self.uncountAssignment(db, pool: pool, owner: owner) }
            newOwner = standing.owner
            detail.owner = standing.owner
            detail.previousOwner = owner
            detail.text = note
            // Entries into `flagged` carry the exception's code, as the router's do, so counts by reason follow.
            reason = standing.state == .flagged ? (standing.reason ?? .manual).code : note
        }
        let time = at.timeIntervalSince1970
        // A writer of its own for each command: one inside a savepoint that is rolled back must not
        // leave the next chained to an entry that was never kept.
        var events = try EventWriter(db, at: at)
        try events.append(try LeadId.number(leadId), command.action.event, actor: actor, version: current + 1, rulebook: rulebookVersion,
                          reason: reason, detail: detail)
        // A flagged lead keeps its reason code until it leaves `flagged`.
        let reasonCode: String? = switch command {
        case .flag(let code, _, _): code.code
        case .reopen: ExceptionReason.manual.code
        case .breach: ExceptionReason.slaBreached.code
        case .restore(let standing, _, _): standing.state == .flagged ? (standing.reason ?? .manual).code : nil
        default: next == .flagged ? try String.fetchOne(try db.cachedStatement(sql: "SELECT reason FROM leads WHERE id = ?"), arguments: [leadId]) : nil
        }
        try db.cachedStatement(sql: """
            UPDATE leads SET state = ?, owner = ?, reason = ?, version = ?,
                updated_at = CASE WHEN ? THEN ? ELSE updated_at END,
                route = CASE WHEN ? = 'received' THEN NULL ELSE route END,
                pool = CASE WHEN ? = 'received' THEN NULL ELSE pool END
            WHERE id = ?
            """).execute(arguments: [next.rawValue, newOwner, reasonCode, current + 1, Self.movesClock(command), Self.clock(command, at: time),
                                   next.rawValue, next.rawValue, leadId])
        return current + 1
    }

    /// Whether a command starts the lead's clock again (`updated_at`, from which SLAs count): a note or a
    /// reminder changes neither state nor owner, so it does not.
    static func movesClock(_ command: LeadCommand) -> Bool {
        switch command {
        case .annotate, .remind: false
        default: true
        }
    }

    /// The lead's clock after `command` at `time`: an undo puts back the clock it had, so the lead keeps
    /// its SLA and its place in the exceptions queue.
    static func clock(_ command: LeadCommand, at time: Double) -> Double {
        if case .restore(let standing, _, _) = command { return standing.clock.timeIntervalSince1970 }
        return time
    }

    static func adjustLoad(_ db: Database, owner: String, by delta: Int) throws {
        try db.cachedStatement(sql: """
            INSERT INTO owner_load (owner, open) VALUES (?, max(?, 0))
            ON CONFLICT(owner) DO UPDATE SET open = max(open + ?, 0)
            """).execute(arguments: [owner, delta, delta])
    }

    static func uncountAssignment(_ db: Database, pool: String, owner: String) throws {
        try db.cachedStatement(sql: "UPDATE pool_ledger SET assigned = max(assigned - 1, 0) WHERE pool = ? AND owner = ?").execute(arguments: [pool, owner])
    }

    static func countAssignment(_ db: Database, pool: String, owner: String) throws {
        try db.cachedStatement(sql: "INSERT INTO pool_ledger (pool, owner, assigned) VALUES (?, ?, 1) ON CONFLICT(pool, owner) DO UPDATE SET assigned = assigned + 1").execute(arguments: [pool, owner])
    }
}
