import Foundation
import HandoffStore
import HandoffText

/// One entry of the log as programs read it, the same for `handoff log --json` and the server's feed
/// (`GET /v1/events`, `GET /v1/events/stream`): the entry's own fields, with its detail flattened in.
public struct EventJSON: Encodable, Sendable {
    public var seq: Int64
    public var lead: String
    public var kind: String
    public var at: Date
    public var actor: String
    public var leadVersion: Int
    public var rulebookVersion: String?
    public var reason: String?
    public var owner: String?
    public var previousOwner: String?
    public var text: String?
    public var from: String?
    public var to: String?

    public init(_ e: LeadEvent) {
        seq = e.seq
        lead = e.leadId
        kind = e.kind.rawValue
        at = e.at
        actor = e.actor
        leadVersion = e.leadVersion
        rulebookVersion = e.rulebookVersion
        reason = e.reason
        owner = e.detail.owner
        previousOwner = e.detail.previousOwner
        text = e.detail.text
        from = e.detail.from?.rawValue
        to = e.detail.to?.rawValue
    }

    /// The entry as one line of JSON (no line break): what `log --json` prints and the feed sends.
    public static func line(_ event: LeadEvent) -> String { ScriptJSON.line(EventJSON(event)) }
}
