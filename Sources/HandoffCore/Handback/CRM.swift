/// A CRM Handoff writes owners back to. A lead came from one when its `crm` attribute names it (the CRM
/// hooks and CRM exports set it) and its `externalId` is the CRM's record id.
public enum CRM: String, Sendable, Hashable, CaseIterable, Codable {
    case hubspot, salesforce

    public var title: String {
        switch self {
        case .hubspot: "HubSpot"
        case .salesforce: "Salesforce"
        }
    }

    /// The lead's CRM and record id, when it came from one.
    public static func origin(of lead: Lead) -> (crm: CRM, record: String)? {
        // An export's column may be headed `CRM` or `Crm`: the attribute's name is matched in any case.
        let word = lead.attributes["crm"] ?? lead.attributes.first { $0.key.lowercased() == "crm" }?.value
        guard let word, let crm = CRM(rawValue: word.trimmingCharacters(in: .whitespaces).lowercased()),
              let record = lead.externalId, !record.isEmpty else { return nil }
        return (crm, record)
    }

    /// Why `id` cannot be this CRM's user id, or nil: HubSpot owner ids are numbers; Salesforce user ids
    /// are 15 or 18 letters and digits starting with 005.
    public func problem(ownerId id: String) -> String? {
        switch self {
        case .hubspot:
            guard !id.isEmpty, id.count <= 20, id.allSatisfy(\.isASCIIDigit) else {
                return "a HubSpot owner id is a number, e.g. \"12345678\" (Settings > Users, or GET /crm/v3/owners)"
            }
        case .salesforce:
            guard id.count == 15 || id.count == 18, id.hasPrefix("005"), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                return "a Salesforce user id is 15 or 18 letters and digits starting with 005, e.g. \"005Dn000001AbCdIAK\""
            }
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
