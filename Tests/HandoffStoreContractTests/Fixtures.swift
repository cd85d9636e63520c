import Foundation
import HandoffCore
import HandoffDemo
import HandoffStore

enum Fixtures {
    static let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
    /// Tuesday 2026-11-24 14:30 UTC: the example team is at work.
    static let tuesday = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!

    static func lead(_ external: String, email: String = "jo@globex.de", company: String? = "Globex") -> IncomingLead {
        let lead = Lead(id: "", externalId: external, receivedAt: tuesday.addingTimeInterval(-60), email: email, firstName: "Jo",
                        lastName: "Weber", company: company, country: "DE", employees: "4200")
        return IncomingLead(lead: lead, idempotencyKey: external)
    }

    static func leads(_ count: Int, from: Int = 0) -> [IncomingLead] {
        (from..<(from + count)).map { lead("x\($0)", email: "p\($0)@globex.de") }
    }
}
