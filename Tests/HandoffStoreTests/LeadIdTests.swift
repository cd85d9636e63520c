import Testing
@testable import HandoffStore

@Suite struct LeadIdTests {
    @Test func serialsReadBackOnlyFromIdsTheStoreWrites() {
        #expect(LeadId.serial(LeadId.make(42)) == 42)
        #expect(LeadId.serial(LeadId.make(12_345_678)) == 12_345_678)
        #expect(LeadId.make(12_345_678) == "L-12345678")
        for text in ["L-42", "L-00000042", "l-0000042", "L-000004x", "L-0000000", "", "L-", "0000042", "L-+000042"] {
            #expect(LeadId.serial(text) == nil, "\(text)")
        }
    }
}
