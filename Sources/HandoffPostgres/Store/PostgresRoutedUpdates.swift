import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

/// A drained batch's row updates, a few thousand leads a statement: each row is updated only if it is
/// still at the version it was claimed at, and a row that was not is named in a `StaleVersion`.
struct RoutedUpdates {
    let time: Double
    private var binds = PostgresBindings()
    private var expected: [(serial: Int64, lead: QueuedLead)] = []

    static let width = 10
    static let rowsPerStatement = 2_000

    init(time: Double) {
        self.time = time
    }

    @available(*, noasync, message: "blocks its thread")
    mutating func add(_ item: QueuedLead, serial: Int, decision: Decision, state: LeadState, version: Int, session: PostgresSession) throws {
        binds.append(Int64(serial))
        binds.append(Int64(item.version))
        binds.append(state.rawValue)
        binds.append(decision.owner)
        binds.append(decision.reason?.code)
        binds.append(decision.route)
        binds.append(decision.pool)
        binds.append(Int64(version))
        binds.append(decision.rulebookVersion)
        binds.append(ByteBuffer(bytes: DecisionCode.encode(decision)))
        expected.append((Int64(serial), item))
        if expected.count == Self.rowsPerStatement { try flush(session) }
    }

    @available(*, noasync, message: "blocks its thread")
    mutating func flush(_ session: PostgresSession) throws {
        guard !expected.isEmpty else { return }
        var binds = self.binds
        binds.append(time)
        let sql = """
            UPDATE leads SET state = v.state, owner = v.owner, reason = v.reason, route = v.route, pool = v.pool, version = v.version,
                rulebook = v.rulebook, decision = v.decision, updated_at = $\(expected.count * Self.width + 1)
            FROM (VALUES \(Self.values(rows: expected.count))) AS v (seq, expected, state, owner, reason, route, pool, version, rulebook, decision)
            WHERE leads.seq = v.seq AND leads.version = v.expected
            RETURNING leads.seq
            """
        let updated = Set(try session.values(PostgresQuery(unsafeSQL: sql, binds: binds), as: Int64.self))
        if let stale = expected.first(where: { !updated.contains($0.serial) }) {
            throw StaleVersion(leadId: stale.lead.lead.id, expected: stale.lead.version, current: -1, latest: nil)
        }
        self.binds = PostgresBindings()
        expected.removeAll(keepingCapacity: true)
    }

    /// The VALUES rows, the first with each column's type (the rest take the same).
    private static func values(rows: Int) -> String {
        let types = ["bigint", "bigint", "text", "text", "text", "text", "text", "bigint", "text", "bytea"]
        let first = "(" + types.enumerated().map { "$\($0.offset + 1)::\($0.element)" }.joined(separator: ", ") + ")"
        guard rows > 1 else { return first }
        return first + ", " + PostgresRows.placeholders(rows: rows - 1, width: width, from: width)
    }
}
