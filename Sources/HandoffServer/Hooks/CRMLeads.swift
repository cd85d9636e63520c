import Foundation
import HandoffIntake
import HandoffStore

/// How a CRM record becomes a lead, for both hooks, and the conventions CRM write-back relies on:
///
/// - the record's fields are read as `handoff import` reads a record with those keys (HubSpot's property
///   names, Salesforce's field API names: docs/IMPORT.md), so they fill the same lead fields;
/// - `externalId` is the CRM record id: the HubSpot contact id (`hs_object_id`), the Salesforce Lead Id
///   (18 characters);
/// - attribute `crm` is `hubspot` or `salesforce`; `hubspot_portal` is the HubSpot account (portal) id,
///   `salesforce_org` the 18-character organization id;
/// - the idempotency key is `hubspot:PORTAL:contact:ID` or `salesforce:ORG:lead:ID`, so a record sent
///   again (a retry, a replay, a second event or notification for it) is stored once.
struct CRMRecord: Sendable {
    enum CRM: String, Sendable {
        case hubSpot = "hubspot"
        case salesforce
    }

    var crm: CRM
    /// The CRM's id of the record: the lead's external id.
    var recordId: String
    var key: String
    var fields: [String: String]

    static func hubSpotContact(id: String, portal: String?, properties: [String: String]) -> CRMRecord {
        var fields = properties
        fields["hs_object_id"] = id
        fields["crm"] = CRM.hubSpot.rawValue
        fields["hubspot_portal"] = portal
        return CRMRecord(crm: .hubSpot, recordId: id, key: "hubspot:\(portal ?? "-"):contact:\(id)", fields: fields)
    }

    static func salesforceLead(id: SalesforceId, org: SalesforceId, fields given: [String: String]) -> CRMRecord {
        var fields = given
        fields["Id"] = id.value
        fields["crm"] = CRM.salesforce.rawValue
        fields["salesforce_org"] = org.value
        return CRMRecord(crm: .salesforce, recordId: id.value, key: "salesforce:\(org.value):lead:\(id.value)", fields: fields)
    }
}

extension LeadIntake {
    /// Reads CRM records with the JSON Lines reader and field mapping of `handoff import`, one record a
    /// line; each accepted lead keeps its record's idempotency key. `source` names the route in the
    /// quarantine.
    static func read(_ records: [CRMRecord], source: String, receivedAt: Date) throws -> LeadIntake {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var lines: [UInt8] = []
        for (index, record) in records.enumerated() {
            if index > 0 { lines.append(UInt8(ascii: "\n")) }
            lines.append(contentsOf: try encoder.encode(record.fields))
        }
        var reader = try LeadImport(MemoryByteSource(lines, name: source), format: .jsonLines,
                                    options: LeadParseOptions(receivedAt: receivedAt))
        var intake = LeadIntake(numbering: .index)
        while let result = try reader.next() {
            switch result {
            case .accepted(let imported):
                let position = imported.line - 1
                intake.accepted.append(Accepted(position: position, lead: IncomingLead(lead: imported.lead, idempotencyKey: records[position].key)))
            case .quarantined(let bad):
                intake.rejected.append(Rejected(
                    position: bad.recordLine - 1, column: bad.column, field: bad.field, reason: bad.message,
                    record: QuarantinedRecord(file: source, line: bad.line, column: bad.column, field: bad.field, reason: bad.message, raw: bad.rawText)))
            }
        }
        return intake
    }
}
