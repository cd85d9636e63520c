import Foundation
import HandoffCore
import HandoffStore
import HandoffText

/// A lead in lists, as JSON: where it stands and the few fields that identify it.
struct LeadJSON: Encodable {
    var id: String
    var externalId: String?
    var receivedAt: Date
    var email: String?
    var company: String?
    /// Normalized: an ISO code when recognized.
    var country: String?
    var state: String
    var owner: String?
    /// True when `owner` is only proposed (a flagged lead waiting for approval).
    var ownerProposed: Bool
    var reason: String?
    var route: String?
    var pool: String?
    var version: Int
    var updatedAt: Date

    init(_ r: LeadRecord) {
        let n = Normalizer.normalize(r.lead)
        id = r.lead.id
        externalId = r.lead.externalId
        receivedAt = r.lead.receivedAt
        email = n.email
        company = n.company
        country = n.country
        state = r.state.rawValue
        owner = r.owner
        ownerProposed = LeadTable.isProposal(r)
        reason = r.reason?.code
        route = r.route
        pool = r.pool
        version = r.version
        updatedAt = r.updatedAt
    }
}

/// The `leads` table: one aligned row per lead.
enum LeadTable {
    /// A flagged lead's owner is only a proposal until someone approves it.
    static func isProposal(_ r: LeadRecord) -> Bool { r.state == .flagged && r.owner != nil }

    static func lines(_ records: [LeadRecord], style: TextStyle) -> [String] {
        let table = TextTable([
            .init("ID"), .init("RECEIVED"), .init("COMPANY", maxWidth: 24), .init("COUNTRY", maxWidth: 14), .init("STATE"),
            .init("OWNER", maxWidth: 16), .init("REASON"), .init("ROUTE", maxWidth: 20),
        ])
        let rows: [[TextTable.Cell]] = records.map { r in
            let n = Normalizer.normalize(r.lead)
            // Parentheses mark a proposal, so it reads the same without colour.
            let owner = r.owner.map { isProposal(r) ? "(\($0))" : $0 } ?? "-"
            return [
                .init(r.lead.id), .init(InstantText.format(r.lead.receivedAt)), .init(n.company ?? "-"), .init(n.country ?? "-"),
                .init(r.state.rawValue, r.state.colour), .init(owner), .init(r.reason?.code ?? "", .yellow), .init(r.route ?? "-"),
            ]
        }
        return table.render(rows, style: style)
    }
}

/// `leads --json`.
struct LeadListJSON: Encodable {
    var leads: [LeadJSON]
    /// More leads match than were listed.
    var more: Bool
}
