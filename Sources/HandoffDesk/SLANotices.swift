import Foundation
import HandoffCore
import HandoffStore
import HandoffText

/// The words of the SLA timer's notices: who hears of a reminder, a breach or a re-route, and what.
enum SLANotices {
    /// Who watches exceptions, as a recipient.
    static let operators = "operators"

    static func reminder(_ lead: OpenLead, owner: String, due: Date, rulebook: Rulebook) -> [Notice] {
        [Notice(kind: "reminder", recipient: owner, email: email(owner, rulebook),
                subject: "Reminder: accept \(lead.id) by \(InstantText.format(due))",
                body: "\(lead.id) was given to you\(routeText(lead)) and is due at \(InstantText.format(due)). Accept it before then, or it will be acted on.")]
    }

    static func breach(_ lead: OpenLead, owner: String, within: String, why: String, rulebook: Rulebook) -> [Notice] {
        let body = "\(owner) did not accept \(lead.id)\(routeText(lead)) within \(within)\(why). It is flagged sla_breached for an operator."
        return [
            Notice(kind: "breach", recipient: owner, email: email(owner, rulebook), subject: "SLA missed: \(lead.id)", body: body),
            Notice(kind: "breach", recipient: operators, email: nil, subject: "SLA missed: \(lead.id) (\(owner))", body: body),
        ]
    }

    static func reroute(_ lead: OpenLead, from owner: String, to next: String, within: String, rulebook: Rulebook) -> [Notice] {
        [
            Notice(kind: "reroute", recipient: next, email: email(next, rulebook), subject: "New lead for you: \(lead.id)",
                   body: "\(lead.id)\(routeText(lead)) is now yours: \(owner) did not accept it within \(within)."),
            Notice(kind: "reroute", recipient: owner, email: email(owner, rulebook), subject: "\(lead.id) went to \(next)",
                   body: "\(lead.id) was given to \(next) because it was not accepted within \(within)."),
        ]
    }

    private static func email(_ owner: String, _ rulebook: Rulebook) -> String? { rulebook.owner(owner)?.email }
    private static func routeText(_ lead: OpenLead) -> String { lead.route.map { " (route \($0))" } ?? "" }
}
