import Foundation
import HandoffCore

/// Walks the log's hash chain, entry by entry in number order, as every engine reads it (`handoff audit
/// verify`, `doctor`). An entry whose hash is not SHA-256 of its predecessor's hash and its own content
/// breaks the chain; the entry after the break tells what happened: if it follows from the predecessor,
/// the broken one was inserted; if it follows from the broken one's stored hash, the broken one's content
/// was changed. Numbers that skip say entries were removed, and the head the last write recorded says
/// whether the newest were.
///
/// The engine reads the entries (a page at a time, never the whole log) and hands them to `add` until it
/// answers false or the log ends, then asks `finish` for the finding.
package struct LogChainWalk {
    private let anchor: LogAnchor?
    private let head: LogAnchor?
    private let total: Int
    private let progress: ((Int, Int) -> Void)?
    private var audit = LogAudit(entries: 0)
    /// The newest entry the chain holds to (0 and the genesis hash before the first).
    private var previousSeq: Int64 = 0
    private var previousHash = LogEntryHash.genesis
    private var anchorHash: [UInt8]?
    private var read = 0
    private var buffer: [UInt8] = []
    /// The entry that broke the chain, until the one after it (or the log's end) says how.
    private var broken: (entry: LogEntryHash.Entry, stored: [UInt8]?, unreadable: String?)?
    private var ended = false

    /// `head` is the newest entry as the last write recorded it; `total` the log's newest number, for
    /// `progress`, which is told entries read and `total` every 4,096 entries and at the end.
    package init(anchor: LogAnchor?, head: LogAnchor?, total: Int, progress: ((Int, Int) -> Void)?) {
        self.anchor = anchor
        self.head = head
        self.total = total
        self.progress = progress
    }

    /// Takes the next entry and its stored hash; false once the walk needs no more entries. `unreadable`:
    /// why the engine could not read the entry's stored text (its words are gone), which names the break.
    package mutating func add(_ entry: LogEntryHash.Entry, stored: [UInt8]?, unreadable: String? = nil) -> Bool {
        guard !ended else { return false }
        if let broken {
            audit.problem = Self.breakage(at: broken.entry, stored: broken.stored, unreadable: broken.unreadable, afterSeq: previousSeq,
                                          afterHash: previousHash, head: head, next: (entry, stored), buffer: &buffer)
            self.broken = nil
            ended = true
            return false
        }
        // A `routed` entry takes the numbers of the entries it stands for (`RoutedEntry`).
        let span = RoutedEntry.span(kind: entry.kind, leadVersion: entry.leadVersion)
        audit.entries += Int(span)
        read += 1
        if read & 4095 == 0 { progress?(audit.entries, total) }
        if entry.seq == anchor?.seq { anchorHash = stored }
        let expected = LogEntryHash.hash(entry, after: previousHash, buffer: &buffer)
        let first = entry.seq - span + 1
        if first == previousSeq + 1, stored == expected {
            previousSeq = entry.seq
            previousHash = expected
            return true
        }
        audit.brokenAt = entry.seq
        broken = (entry, stored, unreadable)
        return true
    }

    /// What the walk found, once the entries ran out or `add` answered false.
    package mutating func finish() -> LogAudit {
        if let broken {
            audit.problem = Self.breakage(at: broken.entry, stored: broken.stored, unreadable: broken.unreadable, afterSeq: previousSeq,
                                          afterHash: previousHash, head: head, next: nil, buffer: &buffer)
            self.broken = nil
        }
        ended = true
        progress?(audit.entries, total)
        let previousSeq = previousSeq
        audit.verified = previousSeq > 0 ? LogAnchor(seq: previousSeq, hash: previousHash) : nil
        if audit.problem == nil, let head {
            if previousSeq < head.seq {
                audit.problem = previousSeq + 1 == head.seq
                    ? "entry #\(head.seq), the newest Handoff wrote, was removed"
                    : "entries #\(previousSeq + 1) to #\(head.seq), the newest Handoff wrote, were removed"
                audit.brokenAt = previousSeq + 1
            } else if previousSeq > head.seq {
                // Chained the documented way, but after the newest entry any write of Handoff's recorded.
                audit.problem = previousSeq == head.seq + 1
                    ? "entry #\(previousSeq) was added after #\(head.seq), the newest entry Handoff wrote"
                    : "entries #\(head.seq + 1) to #\(previousSeq) were added after #\(head.seq), the newest entry Handoff wrote"
                audit.brokenAt = head.seq + 1
                audit.verified = LogAnchor(seq: head.seq, hash: head.hash)
            } else if previousSeq == head.seq, previousHash != head.hash {
                audit.problem = "entry #\(head.seq) is not the entry Handoff wrote last: it was replaced, with the hashes before it"
                audit.brokenAt = head.seq
            }
        }
        if let anchor {
            if let hash = anchorHash, hash == anchor.hash, anchor.seq <= previousSeq {
                audit.anchorHeld = anchor
            } else if anchor.seq <= previousSeq || anchorHash != nil {
                // The chain holds to the anchor's entry, but not to the anchor: rewritten with new hashes.
                let finding = "entry #\(anchor.seq)'s hash is not the anchor's: the log up to it was rewritten and its hashes recomputed"
                if audit.problem == nil || (audit.brokenAt ?? .max) > anchor.seq {
                    audit.problem = finding
                    audit.brokenAt = anchor.seq
                }
            } else if audit.problem == nil {
                audit.problem = "the anchor names entry #\(anchor.seq), but the log ends at #\(previousSeq): entries were removed"
                audit.brokenAt = previousSeq + 1
            }
        }
        return audit
    }

    /// What an entry that does not follow its predecessor says about what was done.
    static func breakage(at entry: LogEntryHash.Entry, stored: [UInt8]?, unreadable: String?, afterSeq previousSeq: Int64, afterHash previousHash: [UInt8],
                         head: LogAnchor?, next: (LogEntryHash.Entry, [UInt8]?)?, buffer: inout [UInt8]) -> String {
        let first = entry.seq - RoutedEntry.span(kind: entry.kind, leadVersion: entry.leadVersion) + 1
        if first > previousSeq + 1 {
            let gap = previousSeq + 1 == first - 1 ? "entry #\(previousSeq + 1) was removed" : "entries #\(previousSeq + 1) to #\(first - 1) were removed"
            return "\(gap) (the log goes from #\(previousSeq) to #\(entry.seq))"
        }
        if let head, entry.seq > head.seq {
            return "entry #\(entry.seq) was added after #\(head.seq), the newest entry Handoff wrote"
        }
        if let problem = unreadable {
            return "entry #\(entry.seq)'s text cannot be read, so it no longer matches its hash: \(problem)"
        }
        if let (following, hash) = next {
            var renumbered = following
            renumbered.seq -= RoutedEntry.span(kind: entry.kind, leadVersion: entry.leadVersion)
            if hash == LogEntryHash.hash(following, after: previousHash, buffer: &buffer)
                || hash == LogEntryHash.hash(renumbered, after: previousHash, buffer: &buffer) {
                return "entry #\(entry.seq) was inserted: the entry after it follows straight from #\(previousSeq)"
            }
            if let stored, hash == LogEntryHash.hash(following, after: stored, buffer: &buffer) {
                return "entry #\(entry.seq) was changed: its content no longer matches its hash"
            }
        } else if stored == nil || head == nil {
            return "entry #\(entry.seq) was added or changed: it does not follow from #\(previousSeq)"
        }
        return "entry #\(entry.seq) does not follow from #\(previousSeq): it, or an entry before it, was changed, inserted or removed, and the hashes after it rewritten"
    }
}
