import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
@testable import HandoffPostgres
import HandoffSQLite
import HandoffStore

/// Stores and leads for the intake and routing tests: a PostgreSQL store on a fresh database beside an
/// SQLite store in a temporary folder, given the same leads, rulebook and clock.
enum Routing {
    static let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
    /// Tuesday 2026-11-24 14:30 UTC: Berlin, São Paulo and New York are all at work.
    static let tuesday = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!

    /// `count` leads of a seeded stream, their external ids (the idempotency keys) numbered after `after`.
    static func leads(_ count: Int, seed: UInt64 = 3, after: Int = 0) -> [IncomingLead] {
        var stream = LeadStream(seed: seed, accounts: [], start: tuesday.addingTimeInterval(-3_600), spacing: 2, firstSerial: after)
        return (0..<count).map { _ in
            let lead = stream.next()
            return IncomingLead(lead: lead, idempotencyKey: lead.externalId ?? lead.id)
        }
    }

    static func sqlite() throws -> SQLiteStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-pg-routing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try SQLiteStore(path: folder.appendingPathComponent("handoff.db").path)
    }

    static func desk(_ store: PostgresStore) throws -> Desk {
        try Desk(store: store, rulebook: rulebook, clock: { tuesday })
    }

    static func desk(_ store: SQLiteStore) throws -> Desk {
        try Desk(store: store, rulebook: rulebook, clock: { tuesday })
    }

    /// Runs `body` on a thread of its own with a PostgreSQL store on a fresh database, dropped afterwards.
    static func withStore<T: Sendable>(_ body: @escaping @Sendable (PostgresLocation, PostgresStore) throws -> T) async throws -> T {
        let location = try await TestServer.freshDatabase()
        do {
            let result = try await onThread {
                let store = try PostgresStore(location: location, creating: true)
                defer { store.close() }
                return try body(location, store)
            }
            try await TestServer.drop(location)
            return result
        } catch {
            try? await TestServer.drop(location)
            throw error
        }
    }

    // MARK: What the tests compare

    /// Every lead as its row holds it: id, key, state, owner, reason, route, pool, version, rulebook, decision.
    static func rows(_ records: [LeadRecord]) -> [String] {
        records.sorted { $0.lead.id < $1.lead.id }.map {
            "\($0.lead.id)|\($0.state.rawValue)|\($0.owner ?? "")|\($0.reason?.rawValue ?? "")|\($0.route ?? "")|\($0.pool ?? "")|"
                + "\($0.version)|\($0.decision.map { "\($0)" } ?? "")|\($0.decisionProblem ?? "")"
        }
    }

    static func rows(_ store: PostgresStore) throws -> [String] {
        rows(try store.read { s in
            try s.columns("SELECT \(unescaped: PostgresStore.recordColumns) FROM leads ORDER BY seq").map {
                try PostgresStore.record(from: $0, words: { store.storedWords.words($0, s) })
            }
        })
    }

    static func rows(_ store: SQLiteStore) throws -> [String] {
        rows(try store.leads(LeadFilter(limit: 1_000_000)))
    }

    /// The log as read, entry by entry in order, and its head (whose hash chains every entry before it).
    static func log(_ events: [LeadEvent]) -> [String] {
        events.map {
            "\($0.seq)|\($0.leadId)|\($0.kind.rawValue)|\($0.at.timeIntervalSince1970)|\($0.actor)|\($0.leadVersion)|\($0.rulebookVersion ?? "")|"
                + "\($0.reason ?? "")|\($0.detail.owner ?? "")|\($0.detail.previousOwner ?? "")|\($0.detail.text ?? "")|"
                + "\($0.detail.from?.rawValue ?? "")>\($0.detail.to?.rawValue ?? "")"
        }
    }

    static func log(_ store: PostgresStore) throws -> (entries: [String], head: LogAnchor?) {
        try store.read { s in
            let entries = try s.columns("\(unescaped: PostgresStore.entrySelect) ORDER BY e.seq").flatMap(PostgresStore.events(from:))
            return (log(entries), try PostgresStore.recordedHead(s))
        }
    }

    static func log(_ store: SQLiteStore) throws -> (entries: [String], head: LogAnchor?) {
        (log(try store.events(lead: nil, after: 0, limit: .max)), try store.logAnchor())
    }
}
