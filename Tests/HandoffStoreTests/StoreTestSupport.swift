import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffSQLite
import HandoffStore

/// A fresh database file in its own temporary folder.
func temporaryStore() throws -> SQLiteStore {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try SQLiteStore(path: folder.appendingPathComponent("handoff.db").path)
}

let exampleRulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
/// Tuesday 2026-11-24 14:30 UTC: Berlin, São Paulo and New York are all at work.
let tuesday = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!

func incoming(_ leads: [Lead]) -> [IncomingLead] {
    leads.map { IncomingLead(lead: $0, idempotencyKey: $0.externalId ?? $0.id) }
}

func streamLeads(_ count: Int, seed: UInt64 = 3, accounts: [Account] = []) -> [Lead] {
    var stream = LeadStream(seed: seed, accounts: accounts, start: tuesday.addingTimeInterval(-3_600), spacing: 2)
    return (0..<count).map { _ in stream.next() }
}

func lead(_ external: String, email: String = "jo@globex.de", company: String? = "Globex", country: String = "DE", employees: String = "4200") -> Lead {
    Lead(id: "", externalId: external, receivedAt: tuesday.addingTimeInterval(-60), email: email, firstName: "Jo", lastName: "Weber",
         company: company, country: country, employees: employees)
}
