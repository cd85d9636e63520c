import Foundation
import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

/// Appends entries to the handoff log on PostgreSQL: each numbered and hashed here, chained to the one
/// before (`LogEntryHash`), exactly as the SQLite engine's writer does, so a log reads and verifies the
/// same on either engine. Entries are kept until `flush`, which writes them as multi-row INSERTs: a routed
/// batch is a few statements, not one per entry. The writer must be the only one appending in its
/// transaction (`PostgresStore.write` makes writers take turns): it reads the log's tail once, when made.
struct PostgresEventWriter {
    let time: Double
    private var tail: LogTail
    private var pending = PostgresBindings()
    private var rows = 0
    private var buffer: [UInt8] = []

    static let columns = "seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state, hash"
    static let width = 14
    /// Rows an INSERT takes at most: PostgreSQL binds at most 65,535 parameters a statement.
    static let rowsPerStatement = 4_000

    @available(*, noasync, message: "blocks its thread")
    init(_ session: PostgresSession, at: Date) throws {
        time = at.timeIntervalSince1970
        tail = try LogTail.read(session)
        buffer.reserveCapacity(256)
    }

    /// The number the next entry of one step will take.
    var nextSeq: Int64 { tail.seq + 1 }
    var pendingEntries: Int { rows }

    /// Appends an entry for the lead numbered `lead` (`leads.seq`).
    @available(*, noasync, message: "blocks its thread")
    mutating func append(_ lead: Int, _ kind: EventKind, actor: String, version: Int, rulebook: String?, reason: String?, detail: EventDetail,
                         session: PostgresSession) throws {
        try append(lead, kind: kind.rawValue, actor: actor, version: version, rulebook: rulebook, reason: reason, detail: detail, session: session)
    }

    /// Appends an entry of a stored kind; a `routed` one takes as many numbers as entries it stands for
    /// (`RoutedEntry.span`) and is stored under the last. Written by `flush`, or here once enough are kept.
    @available(*, noasync, message: "blocks its thread")
    mutating func append(_ lead: Int, kind: String, actor: String, version: Int, rulebook: String?, reason: String?, detail: EventDetail,
                         session: PostgresSession) throws {
        let entry = LogEntryHash.Entry(
            seq: tail.seq + RoutedEntry.span(kind: kind, leadVersion: Int64(version)), lead: Int64(lead), kind: kind, at: time, actor: actor,
            leadVersion: Int64(version), rulebook: rulebook, reason: reason, owner: detail.owner, previousOwner: detail.previousOwner,
            text: detail.text, from: detail.from?.rawValue, to: detail.to?.rawValue)
        tail = LogTail(seq: entry.seq, hash: LogEntryHash.hash(entry, after: tail.hash, buffer: &buffer))
        pending.append(entry.seq)
        pending.append(Int64(lead))
        pending.append(entry.kind)
        pending.append(time)
        pending.append(actor)
        pending.append(Int64(version))
        pending.append(rulebook)
        pending.append(reason)
        pending.append(entry.owner)
        pending.append(entry.previousOwner)
        pending.append(entry.text)
        pending.append(entry.from)
        pending.append(entry.to)
        pending.append(ByteBuffer(bytes: tail.hash))
        rows += 1
        if rows == Self.rowsPerStatement { try flush(session) }
    }

    /// Writes the entries kept so far.
    @available(*, noasync, message: "blocks its thread")
    mutating func flush(_ session: PostgresSession) throws {
        guard rows > 0 else { return }
        let sql = "INSERT INTO events (\(Self.columns)) VALUES " + PostgresRows.placeholders(rows: rows, width: Self.width)
        let binds = pending
        pending = PostgresBindings()
        rows = 0
        try session.execute(PostgresQuery(unsafeSQL: sql, binds: binds))
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
