import Foundation
import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

extension PostgresStore: LogAuditing {
    /// Walks the log's hash chain from the first entry and names the first one that was changed, removed
    /// or inserted behind Handoff's back (`LogChainWalk`, the same on every engine); with `anchor` (kept
    /// elsewhere), also proves the log up to that entry is the one the anchor was taken from. `progress` is
    /// told entries read and the log's length.
    public func auditLog(anchor: LogAnchor? = nil, progress: ((Int, Int) -> Void)? = nil) throws -> LogAudit {
        try read { s in try Self.audit(s, anchor: anchor, progress: progress) }
    }

    /// The newest entry's number and hash, to keep elsewhere; nil for an empty log.
    public func logAnchor() throws -> LogAnchor? {
        try readOne { s in
            let tail = try LogTail.read(s)
            return tail.seq > 0 ? LogAnchor(seq: tail.seq, hash: tail.hash) : nil
        }
    }

    /// Entries an audit reads a page: the walk holds one page at a time, never the whole log.
    static let auditPage = 10_000

    /// The walk over one snapshot (`read`), a page of entries at a time in number order.
    @available(*, noasync, message: "blocks its thread")
    static func audit(_ s: PostgresSession, anchor: LogAnchor?, progress: ((Int, Int) -> Void)?) throws -> LogAudit {
        let total = Int(try s.value("SELECT COALESCE(MAX(seq), 0) FROM events", as: Int64.self) ?? 0)
        var walk = LogChainWalk(anchor: anchor, head: try recordedHead(s), total: total, progress: progress)
        // From the lowest number there is, so an entry numbered 0 or below (written behind Handoff's back) is read too.
        var after = Int64.min
        pages: while true {
            let page = try s.rows("""
                SELECT \(unescaped: PostgresEventWriter.columns) FROM events WHERE seq > \(after) ORDER BY seq LIMIT \(auditPage)
                """, as: (Int64, Int64, String, Double, String, Int64, String?, String?, String?, String?, String?, String?, String?, ByteBuffer?).self)
            for (seq, lead, kind, at, actor, version, rulebook, reason, owner, previousOwner, text, from, to, hash) in page {
                let entry = LogEntryHash.Entry(
                    seq: seq, lead: lead, kind: kind, at: at, actor: actor, leadVersion: version, rulebook: rulebook, reason: reason,
                    owner: owner, previousOwner: previousOwner, text: text, from: from, to: to)
                after = seq
                if !walk.add(entry, stored: hash.map { Array($0.readableBytesView) }) { break pages }
            }
            if page.count < auditPage { break }
        }
        return walk.finish()
    }
}
