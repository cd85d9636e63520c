import Foundation
import HandoffCore
import HandoffStore

/// Everything a store holds of its leads, as the contract reads it: each lead's row (its decision in the
/// stored form), the pool state, and the log (a routed entry expanded), lead by lead. Two stores that
/// decided alike have equal contents, whatever the order their writes came in.
package struct StoreContents: Equatable, CustomStringConvertible {
    package var leads: [String]
    package var ledger: PoolLedger
    package var log: [String]

    package init(_ store: any LeadStore) throws {
        leads = try store.leads(LeadFilter(limit: .max)).sorted { $0.lead.id < $1.lead.id }.map {
            "\($0.lead.id)|\($0.lead.externalId ?? "")|\($0.state)|\($0.owner ?? "")|\($0.reason?.code ?? "")|\($0.version)|"
                + "\($0.decision.map(DecisionJSON.encode) ?? "")|\($0.decisionProblem ?? "")"
        }
        ledger = try store.ledger()
        log = try store.events(lead: nil, after: 0, limit: .max).sorted { ($0.leadId, $0.seq) < ($1.leadId, $1.seq) }.map {
            "\($0.leadId)|\($0.kind)|\($0.actor)|\($0.leadVersion)|\($0.rulebookVersion ?? "")|\($0.reason ?? "")|\($0.detail.owner ?? "")|"
                + "\($0.detail.text ?? "")|\($0.detail.from?.rawValue ?? "")>\($0.detail.to?.rawValue ?? "")"
        }
    }

    package var description: String { (leads + ["\(ledger)"] + log).joined(separator: "\n") }
}

/// The store's contents, to compare two stores.
package func contents(_ store: any LeadStore) throws -> StoreContents { try StoreContents(store) }
