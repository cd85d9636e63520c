import HandoffStore

/// The answer of a hook that stored its records: each lead's id with the CRM record it came from, and
/// the records refused (quarantined, as in a file import).
struct HookAnswer: Encodable {
    struct Entry: Encodable {
        var id: String
        var crmId: String
        var repeated: Bool

        enum CodingKeys: String, CodingKey {
            case id
            case crmId = "crm_id"
            case repeated
        }
    }

    struct Refused: Encodable {
        var crmId: String
        var field: String?
        var reason: String

        enum CodingKeys: String, CodingKey {
            case crmId = "crm_id"
            case field, reason
        }
    }

    var leads: [Entry]
    var rejected: [Refused]
    /// HubSpot events acknowledged without a lead (subscription types the hook does not route).
    var ignored: Int?
    /// Contacts named by events that HubSpot no longer has.
    var missing: [String]?

    init(records: [CRMRecord], intake: LeadIntake, stored: [StoredLeadId]) {
        leads = zip(intake.accepted, stored).map { accepted, stored in
            Entry(id: stored.id, crmId: records[accepted.position].recordId, repeated: !stored.added)
        }
        rejected = intake.rejected.map { Refused(crmId: records[$0.position].recordId, field: $0.field, reason: $0.reason) }
    }

    func with(ignored: Int?, missing: [String]?) -> HookAnswer {
        var answer = self
        answer.ignored = ignored
        answer.missing = missing
        return answer
    }
}
