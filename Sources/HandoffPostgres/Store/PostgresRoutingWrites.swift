import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// What routing a lead writes besides its row, on PostgreSQL: the entries and projection changes
/// `RoutingRecord` and `ProjectionTally` work out (the same on every engine), summed over a batch and
/// written once per owner and pool by `flush`. Queue draining and routed imports share it, as on SQLite.
struct PostgresRoutingWrites {
    var events: PostgresEventWriter
    /// Whether each decision's code may be written as coded (`StoredWordsCheck`).
    var words: StoredWordsCheck
    private(set) var tally = ProjectionTally()
    var assigned: Int { tally.assigned }
    var flagged: [ExceptionReason: Int] { tally.flagged }

    @available(*, noasync, message: "blocks its thread")
    init(_ session: PostgresSession, at: Date, words: StoredWordLists) throws {
        self.words = StoredWordsCheck(lists: words)
        events = try PostgresEventWriter(session, at: at)
    }

    /// Logs `decision` for the lead numbered `lead`, now `received` at `version`, as one entry (`decided`,
    /// or `flagged` when it failed the readiness checks: `RoutingRecord.decided`); the lead's state and version after it.
    @available(*, noasync, message: "blocks its thread")
    mutating func record(_ decision: Decision, lead: Int, version: Int, session: PostgresSession) throws -> (state: LeadState, version: Int) {
        let (entry, state, after) = try RoutingRecord.decided(decision, outcome: DecisionOutcome(decision), version: version)
        try events.append(lead, kind: entry.kind, actor: "router", version: entry.version, rulebook: decision.rulebookVersion,
                          reason: entry.reason, detail: entry.detail, session: session)
        tally.add(decision, state: state)
        return (state, after)
    }

    /// Logs `decision` for the lead numbered `lead`, taken in by `actor` in this same transaction, as one
    /// `routed` entry (`RoutedEntry`); the lead's state and version after it.
    @available(*, noasync, message: "blocks its thread")
    mutating func recordRouted(_ decision: Decision, lead: Int, actor: String, outcome: DecisionOutcome,
                               session: PostgresSession) throws -> (state: LeadState, version: Int) {
        let (entry, state, version) = try RoutingRecord.routed(decision, outcome: outcome)
        try events.append(lead, kind: entry.kind, actor: actor, version: entry.version, rulebook: decision.rulebookVersion,
                          reason: entry.reason, detail: entry.detail, session: session)
        tally.add(decision, state: state)
        return (state, version)
    }

    /// Writes the entries kept, then the summed projection deltas: open load per owner, the pools' ledgers
    /// and turns. The statements are sent one after another without waiting between them, then waited for
    /// together: a batch's few dozen small upserts cost the server's time, not as many round trips.
    @available(*, noasync, message: "blocks its thread")
    mutating func flush(_ session: PostgresSession) throws {
        try events.send(session)
        var sent = events.takeSent()
        for (owner, n) in tally.loads {
            sent.append(try session.send("""
                INSERT INTO owner_load (owner, open) VALUES (\(owner), \(Int64(n)))
                ON CONFLICT (owner) DO UPDATE SET open = owner_load.open + excluded.open
                """))
        }
        for (pool, owners) in tally.given {
            for (owner, n) in owners {
                sent.append(try session.send("""
                    INSERT INTO pool_ledger (pool, owner, assigned) VALUES (\(pool), \(owner), \(Int64(n)))
                    ON CONFLICT (pool, owner) DO UPDATE SET assigned = pool_ledger.assigned + excluded.assigned
                    """))
            }
        }
        for (pool, owners) in tally.excused {
            for (owner, milli) in owners {
                sent.append(try session.send("""
                    INSERT INTO pool_ledger (pool, owner, assigned, excused) VALUES (\(pool), \(owner), 0, \(Int64(milli)))
                    ON CONFLICT (pool, owner) DO UPDATE SET excused = pool_ledger.excused + excluded.excused
                    """))
            }
        }
        for (pool, owner) in tally.lastOwner {
            sent.append(try session.send("""
                INSERT INTO pool_turn (pool, last_owner) VALUES (\(pool), \(owner))
                ON CONFLICT (pool) DO UPDATE SET last_owner = excluded.last_owner
                """))
        }
        _ = try session.settle(sent)
    }
}
