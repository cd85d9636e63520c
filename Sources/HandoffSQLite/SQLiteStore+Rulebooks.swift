import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    public func rulebooks() throws -> [StoredRulebook] { try rulebooks(countingDecisions: true) }

    /// Without counting decisions, which reads every lead, `decisions` is 0.
    public func rulebooks(countingDecisions: Bool) throws -> [StoredRulebook] {
        try read { db in
            var decided: [String: Int] = [:]
            if countingDecisions {
                let versions = try RulebookNumbers.versions(db)
                for row in try Row.fetchAll(db, sql: "SELECT rulebook_n, count(*) FROM leads WHERE rulebook_n IS NOT NULL GROUP BY rulebook_n") {
                    if let version = versions[row[0]] { decided[version] = row[1] }
                }
            }
            return try Row.fetchAll(db, sql: "SELECT version, name, loaded_at, author FROM rulebooks ORDER BY loaded_at, version").map {
                StoredRulebook(version: $0[0], name: $0[1], loadedAt: Date(timeIntervalSince1970: $0[2]), author: $0[3], decisions: decided[$0[0] as String] ?? 0)
            }
        }
    }

    public func rulebookSource(_ version: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT source FROM rulebooks WHERE version = ?", arguments: [version]) }
    }
}
