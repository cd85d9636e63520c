import Foundation
import HandoffCore

/// What walking the log's hash chain found (`handoff audit verify`, and `doctor`).
public struct LogAudit: Sendable, Hashable {
    /// Entries read, a `routed` one counted as the entries it stands for (so a whole log counts its newest number).
    public var entries: Int
    /// The newest entry up to which the chain holds (nil when it breaks at the first, or the log is empty).
    public var verified: LogAnchor?
    /// The first break, naming the entry and what was done to it; nil when the chain holds to its end.
    public var problem: String?
    /// The entry the problem names.
    public var brokenAt: Int64?
    /// The anchor checked, when one was given and the log up to it is proved unchanged.
    public var anchorHeld: LogAnchor?

    package init(entries: Int, verified: LogAnchor? = nil, problem: String? = nil, brokenAt: Int64? = nil, anchorHeld: LogAnchor? = nil) {
        self.entries = entries
        self.verified = verified
        self.problem = problem
        self.brokenAt = brokenAt
        self.anchorHeld = anchorHeld
    }

    public var intact: Bool { problem == nil }
}

/// An entry's number and hash, as `handoff audit anchor` prints them ("SEQ:HEX"): kept elsewhere, it
/// proves the log up to that entry unchanged.
public struct LogAnchor: Sendable, Hashable, CustomStringConvertible {
    public var seq: Int64
    public var hash: [UInt8]

    public init(seq: Int64, hash: [UInt8]) {
        self.seq = seq
        self.hash = hash
    }

    /// Reads "SEQ:HEX" (64 hexadecimal digits); nil for anything else.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, let hash = LogEntryHash.bytes(hex: String(parts[1])) else { return nil }
        self.init(seq: seq, hash: hash)
    }

    public var description: String { "\(seq):\(LogEntryHash.hex(hash))" }
}
