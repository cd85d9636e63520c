import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

/// A drained batch's row updates, a few hundred leads a statement bound as one array a column
/// (`ColumnArray`): each row is updated only if it is still at the version it was claimed at, and a row
/// that was not is named in a `StaleVersion`. Each full statement is sent without waiting (the server
/// updates those rows while the next are encoded); `flush` sends the rest, waits for all and checks every
/// row was updated.
struct RoutedUpdates {
    let time: Double
    private var rows = Rows()
    private var expected: [(serial: Int64, lead: QueuedLead)] = []
    private var sent: [(statement: PostgresSession.Sent, expected: [(serial: Int64, lead: QueuedLead)])] = []

    static let rowsPerStatement = 500

    init(time: Double) {
        self.time = time
    }

    @available(*, noasync, message: "blocks its thread")
    mutating func add(
        _ item: QueuedLead, serial: Int, decision: Decision, code: [UInt8], state: LeadState, version: Int, session: PostgresSession
    ) throws {
        rows.seq.append(Int64(serial))
        rows.expected.append(Int64(item.version))
        rows.state.append(state.rawValue)
        rows.owner.append(decision.owner)
        rows.reason.append(decision.reason?.code)
        rows.route.append(decision.route)
        rows.pool.append(decision.pool)
        rows.version.append(Int64(version))
        rows.rulebook.append(decision.rulebookVersion)
        rows.decision.append(bytes: code)
        expected.append((Int64(serial), item))
        if expected.count == Self.rowsPerStatement { try send(session) }
    }

    /// Sends the rows kept as one UPDATE, not waiting for its answer.
    @available(*, noasync, message: "blocks its thread")
    mutating func send(_ session: PostgresSession) throws {
        guard !expected.isEmpty else { return }
        let r = rows
        let query: PostgresQuery = """
            UPDATE leads SET state = v.state, owner = v.owner, reason = v.reason, route = v.route, pool = v.pool, version = v.version,
                rulebook = v.rulebook, decision = v.decision, updated_at = \(time)
            FROM unnest(\(r.seq)::bigint[], \(r.expected)::bigint[], \(r.state)::text[], \(r.owner)::text[], \(r.reason)::text[],
                \(r.route)::text[], \(r.pool)::text[], \(r.version)::bigint[], \(r.rulebook)::text[], \(r.decision)::bytea[])
                AS v (seq, expected, state, owner, reason, route, pool, version, rulebook, decision)
            WHERE leads.seq = v.seq AND leads.version = v.expected
            RETURNING leads.seq
            """
        sent.append((try session.send(query), expected))
        rows = Rows()
        expected = []
    }

    /// Updates the rows kept, waits for every statement sent, and throws `StaleVersion` for the first row
    /// that was no longer at the version it was read at.
    @available(*, noasync, message: "blocks its thread")
    mutating func flush(_ session: PostgresSession) throws {
        try send(session)
        let waiting = sent
        sent = []
        let answers = try session.settle(waiting.map(\.statement))
        for (rows, statement) in zip(answers, waiting) {
            let updated = Set(try rows.map { row in
                do { return try row.decode(Int64.self) } catch { throw PostgresFailure(error, at: session.location) }
            })
            if let stale = statement.expected.first(where: { !updated.contains($0.serial) }) {
                throw StaleVersion(leadId: stale.lead.lead.id, expected: stale.lead.version, current: -1, latest: nil)
            }
        }
    }

    /// The rows kept, a column each.
    private struct Rows {
        var seq = ColumnArray(.int8), expected = ColumnArray(.int8), state = ColumnArray(.text), owner = ColumnArray(.text)
        var reason = ColumnArray(.text), route = ColumnArray(.text), pool = ColumnArray(.text), version = ColumnArray(.int8)
        var rulebook = ColumnArray(.text), decision = ColumnArray(.bytea)
    }
}
