import Foundation
import GRDB
import HandoffCore

extension SQLiteStore {
    public func insert(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> InsertSummary {
        try write { db in
            var serial = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM leads") ?? 0
            let insertLead = try db.cachedStatement(sql: """
                INSERT INTO leads (\(LeadColumns.select), state, version, updated_at)
                VALUES (\(Array(repeating: "?", count: LeadColumns.names.count).joined(separator: ", ")), 'received', 1, ?)
                ON CONFLICT(idem_key) DO NOTHING
                """)
            let insertEvent = try db.cachedStatement(sql: Self.insertEventSQL)
            var summary = InsertSummary(accepted: 0, alreadyPresent: 0, quarantined: quarantine.count, ids: [])
            let time = at.timeIntervalSince1970
            for incoming in leads {
                var lead = incoming.lead
                lead.id = LeadId.make(serial + 1)
                var arguments = LeadColumns.arguments(lead, key: incoming.idempotencyKey)
                arguments += [time]
                try insertLead.execute(arguments: arguments)
                if db.changesCount == 0 {
                    summary.alreadyPresent += 1
                    continue
                }
                serial += 1
                summary.accepted += 1
                summary.ids.append(lead.id)
                try insertEvent.execute(arguments: [lead.id, EventKind.received.rawValue, time, actor, 1, nil, lead.source, nil, nil, nil, nil, LeadState.received.rawValue])
            }
            let insertQuarantine = try db.cachedStatement(sql: "INSERT INTO quarantine (file, line, field, reason, raw, at) VALUES (?, ?, ?, ?, ?, ?)")
            for record in quarantine {
                try insertQuarantine.execute(arguments: [record.file, record.line, record.field, record.reason, record.raw, time])
            }
            return summary
        }
    }

    public func upsert(accounts: [Account]) throws -> Int {
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO accounts (domain, name, owner) VALUES (?, ?, ?)
                ON CONFLICT(domain) DO UPDATE SET name = excluded.name, owner = excluded.owner
                """)
            for account in accounts {
                try statement.execute(arguments: [Normalizer.domain(account.domain) ?? account.domain, account.name, account.owner])
            }
            return accounts.count
        }
    }

    /// Keeps the text of every rulebook that routed leads, by version.
    public func record(rulebook: Rulebook, source: String, author: String, at: Date) throws {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO rulebooks (version, name, loaded_at, author, source) VALUES (?, ?, ?, ?, ?)",
                           arguments: [rulebook.version, rulebook.name, at.timeIntervalSince1970, author, source])
        }
    }

    static let insertEventSQL = """
        INSERT INTO events (lead_id, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func eventArguments(_ leadId: String, _ kind: EventKind, _ time: Double, _ actor: String, _ version: Int,
                               _ rulebook: String?, _ reason: String?, _ detail: EventDetail) -> StatementArguments {
        [leadId, kind.rawValue, time, actor, version, rulebook, reason, detail.owner, detail.previousOwner, detail.text,
         detail.from?.rawValue, detail.to?.rawValue]
    }
}

/// Lead ids: "L-" and a zero-padded serial, so they sort and read well.
public enum LeadId {
    public static func make(_ serial: Int) -> String {
        var digits = String(serial)
        if digits.count < 7 { digits = String(repeating: "0", count: 7 - digits.count) + digits }
        return "L-" + digits
    }
}
