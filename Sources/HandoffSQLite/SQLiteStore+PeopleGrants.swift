import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    public func roleGrants() throws -> RoleGrants {
        try read { db in
            let newest = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM role_grants") ?? 0
            let latest = try Self.grantChanges(db, sql: """
                SELECT seq, person, role, granted_by, at FROM role_grants
                WHERE seq IN (SELECT MAX(seq) FROM role_grants GROUP BY person) ORDER BY person
                """)
            return RoleGrants(inForce: latest.filter { $0.role != nil }, newest: newest)
        }
    }

    /// Appends the change in the write transaction that checked nothing changed since `basedOn`.
    public func changeRole(of person: String, to role: Role?, by actor: String, at: Date, basedOn newest: Int64) throws -> RoleGrantChange {
        try write { db in
            let current = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM role_grants") ?? 0
            guard current == newest else {
                let latest = try Self.grantChanges(db, sql: "SELECT seq, person, role, granted_by, at FROM role_grants ORDER BY seq DESC LIMIT 1")
                throw RoleGrantsChanged(basedOn: newest, newest: latest.first)
            }
            try db.execute(sql: "INSERT INTO role_grants (person, role, granted_by, at) VALUES (?, ?, ?, ?)",
                           arguments: [person, role?.rawValue, actor, at.timeIntervalSince1970])
            return RoleGrantChange(seq: db.lastInsertedRowID, person: person, role: role, by: actor, at: at)
        }
    }

    public func roleGrantHistory(person: String?) throws -> [RoleGrantChange] {
        try read { db in
            try Self.grantChanges(db, sql: "SELECT seq, person, role, granted_by, at FROM role_grants WHERE ?1 IS NULL OR person = ?1 ORDER BY seq",
                                  arguments: [person])
        }
    }

    private static func grantChanges(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [RoleGrantChange] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            RoleGrantChange(seq: row["seq"], person: row["person"], role: (row["role"] as String?).flatMap(Role.init(rawValue:)),
                            by: row["granted_by"], at: Date(timeIntervalSince1970: row["at"]))
        }
    }
}
