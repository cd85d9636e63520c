import ArgumentParser
import HandoffStore

/// One lead a command was asked about, or a message and exit code 4 when the database lacks it.
enum LeadLookup {
    static func record(_ given: String, in store: some LeadStore) throws -> LeadRecord {
        let id = LeadReference.id(given)
        guard let record = try store.lead(id) else {
            Console.error("handoff: \(StoreError.unknownLead(id))")
            throw ExitCode.noSuchLead
        }
        return record
    }

    /// Every event of one lead, oldest first.
    static func history(_ id: String, in store: some LeadStore) throws -> [LeadEvent] {
        try store.events(lead: id, after: 0, limit: .max)
    }
}
