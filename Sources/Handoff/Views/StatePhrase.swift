import HandoffCore
import HandoffStore

/// Where a lead stands, in a few words: "assigned to ben", "flagged (duplicate_suspect)".
enum StatePhrase {
    static func of(_ record: LeadRecord) -> String {
        switch record.state {
        case .received: "queued"
        case .assigned: "assigned to \(record.owner ?? "nobody")"
        case .accepted: "accepted by \(record.owner ?? "nobody")"
        case .flagged: "flagged (\(record.reason?.code ?? "no reason"))" + (record.owner.map { ", proposed \($0)" } ?? "")
        default: record.state.rawValue
        }
    }

    /// The short form for "(was ...)": the state, and the owner when it had one assigned.
    static func was(_ record: LeadRecord) -> String {
        record.state == .assigned ? "assigned to \(record.owner ?? "nobody")" : record.state.rawValue
    }
}
