import Foundation
import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

/// Appends entries to the handoff log on PostgreSQL: each numbered and hashed here, chained to the one
/// before (`LogEntryHash`), exactly as the SQLite engine's writer does, so a log reads and verifies the
/// same on either engine. Entries are written as multi-row INSERTs of one array a column (`ColumnArray`), a
/// routed batch a few statements, not one per entry: each full statement is sent as soon as it is full without waiting for its answer (the server
/// stores it while the next is hashed and encoded), and `flush` sends the rest and waits for them all. The
/// writer must be the only one appending in its
/// transaction (`PostgresStore.write` makes writers take turns): it reads the log's tail once, when made.
struct PostgresEventWriter {
    let time: Double
    private var chain: LogChain
    private var pending = EventColumns()
    private var sent: [PostgresSession.Sent] = []

    /// The log's columns, in the order the hash chain reads them.
    static let columns = "seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state, hash"

    /// Rows an INSERT takes at most: small enough that a batch's first rows are being stored while its
    /// last are still hashed.
    static let rowsPerStatement = 1_000

    @available(*, noasync, message: "blocks its thread")
    init(_ session: PostgresSession, at: Date) throws {
        time = at.timeIntervalSince1970
        let tail = try LogTail.read(session)
        chain = LogChain(after: LogAnchor(seq: tail.seq, hash: tail.hash))
    }

    /// The number the next entry of one step will take.
    var nextSeq: Int64 { chain.tail.seq + 1 }
    var pendingEntries: Int { pending.seq.count }

    /// Appends an entry for the lead numbered `lead` (`leads.seq`).
    @available(*, noasync, message: "blocks its thread")
    mutating func append(_ lead: Int, _ kind: EventKind, actor: String, version: Int, rulebook: String?, reason: String?, detail: EventDetail,
                         session: PostgresSession) throws {
        try append(lead, kind: kind.rawValue, actor: actor, version: version, rulebook: rulebook, reason: reason, detail: detail, session: session)
    }

    /// Appends an entry of a stored kind; a `routed` one takes as many numbers as entries it stands for
    /// (`RoutedEntry.span`) and is stored under the last. Sent here once a statement's worth is kept; the
    /// rest by `flush`.
    @available(*, noasync, message: "blocks its thread")
    mutating func append(_ lead: Int, kind: String, actor: String, version: Int, rulebook: String?, reason: String?, detail: EventDetail,
                         session: PostgresSession) throws {
        let chained = chain.next(lead, kind: kind, at: time, actor: actor, version: version, rulebook: rulebook, reason: reason, detail: detail)
        pending.add(chained.entry, hash: chained.hash)
        if pending.seq.count == Self.rowsPerStatement { try send(session) }
    }

    /// Writes the entries kept so far and waits until every entry appended is stored: the log reads back
    /// whole after it.
    @available(*, noasync, message: "blocks its thread")
    mutating func flush(_ session: PostgresSession) throws {
        try send(session)
        _ = try session.settle(takeSent())
    }

    /// The statements sent and not yet waited for, handed to a caller that waits for them with its own.
    mutating func takeSent() -> [PostgresSession.Sent] {
        defer { sent = [] }
        return sent
    }

    /// Sends the entries kept as one INSERT, not waiting for its answer.
    @available(*, noasync, message: "blocks its thread")
    mutating func send(_ session: PostgresSession) throws {
        guard pending.seq.count > 0 else { return }
        let columns = pending
        pending = EventColumns()
        sent.append(try session.send(columns.insert))
    }
}

/// Log entries kept for one INSERT, a column each (`ColumnArray`).
private struct EventColumns {
    var seq = ColumnArray(.int8), lead = ColumnArray(.int8), kind = ColumnArray(.text), at = ColumnArray(.float8)
    var actor = ColumnArray(.text), leadVersion = ColumnArray(.int8), rulebook = ColumnArray(.text), reason = ColumnArray(.text)
    var owner = ColumnArray(.text), previousOwner = ColumnArray(.text), text = ColumnArray(.text)
    var from = ColumnArray(.text), to = ColumnArray(.text), hash = ColumnArray(.bytea)

    mutating func add(_ entry: LogEntryHash.Entry, hash: [UInt8]) {
        seq.append(entry.seq)
        lead.append(entry.lead)
        kind.append(entry.kind)
        at.append(entry.at)
        actor.append(entry.actor)
        leadVersion.append(entry.leadVersion)
        rulebook.append(entry.rulebook)
        reason.append(entry.reason)
        owner.append(entry.owner)
        previousOwner.append(entry.previousOwner)
        text.append(entry.text)
        from.append(entry.from)
        to.append(entry.to)
        self.hash.append(bytes: hash)
    }

    var insert: PostgresQuery {
        """
        INSERT INTO events (\(unescaped: PostgresEventWriter.columns))
        SELECT * FROM unnest(\(seq)::bigint[], \(lead)::bigint[], \(kind)::text[], \(at)::float8[], \(actor)::text[], \(leadVersion)::bigint[],
            \(rulebook)::text[], \(reason)::text[], \(owner)::text[], \(previousOwner)::text[], \(text)::text[], \(from)::text[], \(to)::text[],
            \(hash)::bytea[])
        """
    }
}

/// The newest entry of the log, the one the next entry is chained to: its number and hash (32 zero bytes
/// and 0 for an empty log).
struct LogTail: Sendable, Hashable {
    var seq: Int64
    var hash: [UInt8]

    static let empty = LogTail(seq: 0, hash: LogEntryHash.genesis)

    @available(*, noasync, message: "blocks its thread")
    static func read(_ session: PostgresSession) throws -> LogTail {
        guard let (seq, hash) = try session.row("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1", as: (Int64, ByteBuffer).self) else {
            return .empty
        }
        return LogTail(seq: seq, hash: Array(hash.readableBytesView))
    }
}

/// Multi-row statements' text.
enum PostgresRows {
    /// "($1, $2), ($3, $4)" for `rows` rows of `width` parameters, numbered from `from + 1`.
    static func placeholders(rows: Int, width: Int, from: Int = 0) -> String {
        var text = ""
        text.reserveCapacity(rows * width * 5)
        var n = from
        for row in 0..<rows {
            text += row == 0 ? "(" : ", ("
            for column in 0..<width {
                n += 1
                text += column == 0 ? "$\(n)" : ", $\(n)"
            }
            text += ")"
        }
        return text
    }
}
