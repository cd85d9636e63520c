import Foundation
import HandoffCore
import Testing
@testable import HandoffIntake

@Suite struct IdempotencyKeyTests {
    @Test func theExternalIdWhenThereIsOne() throws {
        let run = try Sample.importLeads(CRMExports.salesforceReport)
        #expect(run.leads.map(\.key.value) == ["id:00Q5e00000XyZ1", "id:00Q5e00000XyZ2"])
        #expect(run.leads.allSatisfy { $0.key.isExternalId })
    }

    @Test func stableAcrossRunsAndDistinctAcrossRows() throws {
        let text = "email,company,employees\nana@acme.com,Acme,1200\nben@acme.com,Acme,1200\n"
        let first = try Sample.importLeads(text).leads.map(\.key)
        let second = try Sample.importLeads(text).leads.map(\.key)
        #expect(first == second)
        #expect(first[0] != first[1])
        #expect(first.allSatisfy { $0.value.hasPrefix("sha256:") && $0.value.utf8.count == 39 && !$0.isExternalId })
    }

    @Test func sameLeadWrittenDifferentlyHasTheSameKey() throws {
        let a = try Sample.importLeads("email,company,employees,website\nAna@Acme.com,Acme, 1200 ,https://www.acme.com/\n").leads[0].key
        let b = try Sample.importLeads("Email,Company Name,Number of Employees,Website URL\nana@acme.com,Acme,\"1,200\",acme.com\n").leads[0].key
        #expect(a == b)
    }

    @Test func aTimeFromTheFileCountsAndTheImportersDoesNot() throws {
        let base = Lead(id: "x", receivedAt: Sample.now, email: "ana@acme.com")
        var later = base
        later.receivedAt = Sample.now.addingTimeInterval(60)
        #expect(IdempotencyKey.of(base, receivedAtFromRecord: false) == IdempotencyKey.of(later, receivedAtFromRecord: false))
        #expect(IdempotencyKey.of(base, receivedAtFromRecord: true) != IdempotencyKey.of(later, receivedAtFromRecord: true))
    }

    @Test func valuesCannotShiftBetweenFields() {
        let a = Lead(id: "x", receivedAt: Sample.now, firstName: "Ann", lastName: "Lee")
        let b = Lead(id: "x", receivedAt: Sample.now, firstName: "An", lastName: "nLee")
        let c = Lead(id: "x", receivedAt: Sample.now, firstName: "Ann", lastName: "Lee", attributes: ["tier": "1"])
        let keys = [a, b, c].map { IdempotencyKey.of($0, receivedAtFromRecord: false) }
        #expect(Set(keys).count == 3)
    }
}
