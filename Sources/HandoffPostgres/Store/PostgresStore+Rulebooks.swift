import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

extension PostgresStore: OperatorSettings {
    /// Keeps the text of every rulebook that routed leads, by version.
    public func record(rulebook: Rulebook, source: String, author: String, at: Date) throws {
        try write { tx -> Void in
            try tx.execute("""
                INSERT INTO rulebooks (version, name, loaded_at, author, source)
                VALUES (\(rulebook.version), \(rulebook.name), \(at.timeIntervalSince1970), \(author), \(source))
                ON CONFLICT (version) DO NOTHING
                """)
        }
    }

    public func rulebooks() throws -> [StoredRulebook] { try rulebooks(countingDecisions: true) }

    /// Without counting decisions, which reads every lead, `decisions` is 0.
    public func rulebooks(countingDecisions: Bool) throws -> [StoredRulebook] {
        try read { s in
            var decided: [String: Int] = [:]
            if countingDecisions {
                for (version, n) in try s.rows("SELECT rulebook, count(*) FROM leads WHERE rulebook IS NOT NULL GROUP BY rulebook", as: (String, Int64).self) {
                    decided[version] = Int(n)
                }
            }
            // Versions loaded at the same moment in SQLite's order: by their bytes.
            return try s.rows("""
                SELECT version, name, loaded_at, author FROM rulebooks ORDER BY loaded_at, version COLLATE "C"
                """, as: (String, String, Double, String).self).map {
                StoredRulebook(version: $0.0, name: $0.1, loadedAt: Date(timeIntervalSince1970: $0.2), author: $0.3, decisions: decided[$0.0] ?? 0)
            }
        }
    }

    public func rulebookSource(_ version: String) throws -> String? {
        try readOne { s in try s.value("SELECT source FROM rulebooks WHERE version = \(version)", as: String.self) }
    }
}
