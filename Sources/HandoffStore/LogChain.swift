import Foundation
import HandoffCore

/// The log's hash chain as a writer extends it: each entry numbered after the one before (a `routed`
/// one takes as many numbers as it stands for) and hashed over the previous hash (`LogEntryHash`). It is
/// pure, so the chaining can run on another thread than the one binding the entries, given the tail
/// the write transaction found.
public struct LogChain: Sendable {
    /// The newest entry so far, the one the next is chained to.
    package private(set) var tail: LogAnchor
    private var buffer: [UInt8] = []

    public init(after tail: LogAnchor) {
        self.tail = tail
        buffer.reserveCapacity(256)
    }

    /// The next entry, numbered and hashed. `codedText`: its text coded with its rulebook's words
    /// (`ExceptionsTextCode`), which a writer may store in its place; the hash covers the text.
    package mutating func next(_ lead: Int, kind: String, at: Double, actor: String, version: Int, rulebook: String?, reason: String?,
                               detail: EventDetail, codedText: [UInt8]? = nil) -> ChainedEntry {
        let entry = LogEntryHash.Entry(
            seq: tail.seq + RoutedEntry.span(kind: kind, leadVersion: Int64(version)), lead: Int64(lead), kind: kind, at: at, actor: actor,
            leadVersion: Int64(version), rulebook: rulebook, reason: reason, owner: detail.owner, previousOwner: detail.previousOwner,
            text: detail.text, from: detail.from?.rawValue, to: detail.to?.rawValue)
        tail = LogAnchor(seq: entry.seq, hash: LogEntryHash.hash(entry, after: tail.hash, buffer: &buffer))
        return ChainedEntry(entry: entry, hash: tail.hash, codedText: codedText)
    }
}

/// A log entry numbered and hashed, ready to be stored as it is.
package struct ChainedEntry: Sendable {
    package var entry: LogEntryHash.Entry
    package var hash: [UInt8]
    /// The entry's text coded with its rulebook's words, stored instead of the text where the store
    /// keeps those words.
    package var codedText: [UInt8]?
}
