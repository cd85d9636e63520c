import Foundation
import HandoffCore
import Testing

/// A lead's id is kept beside its other fields (numbering a lead changes only its id): it must still
/// count in everything a lead is compared, hashed and coded by.
struct LeadIdentityTests {
    private let lead = Lead(id: "L-0000001", receivedAt: Date(timeIntervalSince1970: 1_000), email: "ana@globex.de",
                            company: "Globex", attributes: ["tier": "gold"])

    @Test func numberingChangesTheIdAndNothingElse() {
        var numbered = lead
        numbered.id = "L-0000042"
        #expect(numbered.id == "L-0000042" && lead.id == "L-0000001")
        #expect(numbered != lead)
        #expect(numbered.fields.id == "L-0000042")
        #expect(numbered.email == lead.email && numbered.company == lead.company && numbered.attributes == lead.attributes)
        var back = numbered
        back.id = lead.id
        #expect(back == lead && back.hashValue == lead.hashValue)
    }

    @Test func aFieldChangedAfterTheIdKeepsTheId() {
        var changed = lead
        changed.id = "L-0000007"
        changed.company = "Initech"
        #expect(changed.id == "L-0000007" && changed.fields.id == "L-0000007" && changed.company == "Initech")
        #expect(Lead(fields: changed.fields) == changed)
    }

    @Test func theIdIsCodedWithTheLead() throws {
        var numbered = lead
        numbered.id = "L-0000009"
        let data = try JSONEncoder().encode(numbered)
        #expect(String(decoding: data, as: UTF8.self).contains("L-0000009"))
        #expect(try JSONDecoder().decode(Lead.self, from: data) == numbered)
        #expect(Set([lead, numbered]).count == 2)
    }
}
