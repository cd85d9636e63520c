import Foundation
import HandoffCore
import HandoffDemo
import HandoffStore
import Synchronization

// The workspace every store test starts from, shared with the engine-specific tests (HandoffStoreTests),
// which is why these are `package`.

package let exampleRulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
/// Tuesday 2026-11-24 14:30 UTC: Berlin, São Paulo and New York are all at work.
package let tuesday = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!

package func incoming(_ leads: [Lead]) -> [IncomingLead] {
    leads.map { IncomingLead(lead: $0, idempotencyKey: $0.externalId ?? $0.id) }
}

package func streamLeads(_ count: Int, seed: UInt64 = 3, accounts: [Account] = []) -> [Lead] {
    var stream = LeadStream(seed: seed, accounts: accounts, start: tuesday.addingTimeInterval(-3_600), spacing: 2)
    return (0..<count).map { _ in stream.next() }
}

package func lead(_ external: String, email: String = "jo@globex.de", company: String? = "Globex", country: String = "DE", employees: String = "4200") -> Lead {
    Lead(id: "", externalId: external, receivedAt: tuesday.addingTimeInterval(-60), email: email, firstName: "Jo", lastName: "Weber",
         company: company, country: country, employees: employees)
}

/// A new folder of its own in the temporary directory, for files a test writes beside its store.
package func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// "14:05" on Tuesday 2026-11-24, UTC.
package func at(_ time: String) -> Date { ISO8601DateFormatter().date(from: "2026-11-24T\(time):00Z")! }

/// A desk clock the test moves by hand.
package final class TestClock: Sendable {
    private let instant: Mutex<Date>
    package init(_ start: Date) { instant = Mutex(start) }
    package var now: Date { instant.withLock { $0 } }
    package func set(_ date: Date) { instant.withLock { $0 = date } }
    /// To a time of Tuesday ("14:05").
    package func set(_ time: String) { set(at(time)) }
}

/// The shorter names the contract's first tests use.
enum Fixtures {
    static let rulebook = exampleRulebook
    static let tuesday = HandoffStoreContractTests.tuesday

    static func lead(_ external: String, email: String = "jo@globex.de", company: String? = "Globex") -> IncomingLead {
        IncomingLead(lead: HandoffStoreContractTests.lead(external, email: email, company: company), idempotencyKey: external)
    }

    static func leads(_ count: Int, from: Int = 0) -> [IncomingLead] {
        (from..<(from + count)).map { lead("x\($0)", email: "p\($0)@globex.de") }
    }
}
