import Testing
import HandoffCore
import HandoffDemo

@Suite struct DemoAccountsTests {
    let owners = ["ana", "ben", "chloe"]

    @Test func sameSeedSameAccounts() {
        #expect(DemoAccounts.generate(seed: 3, ownerIds: owners) == DemoAccounts.generate(seed: 3, ownerIds: owners))
        #expect(DemoAccounts.generate(seed: 3, ownerIds: owners) != DemoAccounts.generate(seed: 4, ownerIds: owners))
    }

    @Test func ownersComeFromTheGivenIdsAndMostAccountsHaveOne() {
        let accounts = DemoAccounts.generate(seed: 1, ownerIds: owners, count: 200)
        #expect(accounts.count == 200)
        #expect(accounts.allSatisfy { $0.owner == nil || owners.contains($0.owner!) })
        let owned = accounts.count { $0.owner != nil }
        #expect(owned > 150 && owned < 200, "\(owned) owned")
        #expect(Set(owners) == Set(accounts.compactMap(\.owner)))
    }

    @Test func domainsAreDistinct() {
        let accounts = DemoAccounts.generate(seed: 1, ownerIds: owners, count: 400)
        #expect(Set(accounts.map(\.domain)).count == accounts.count)
    }

    @Test func noOwnersMeansUnownedAccounts() {
        #expect(DemoAccounts.generate(seed: 1, ownerIds: [], count: 20).allSatisfy { $0.owner == nil })
    }
}
