import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// Roles granted in the database (`PeopleGrants`): an append-only table, the newest row per person in
/// force, as on SQLite.
extension PostgresStore: PeopleGrants {
    public func roleGrants() throws -> RoleGrants {
        try read { session in
            let newest = try session.value("SELECT coalesce(max(seq), 0)::bigint FROM role_grants", as: Int64.self) ?? 0
            // Byte order, as SQLite sorts names, whatever the database's collation.
            let latest = try Self.grantChanges(session, """
                SELECT seq, person, role, granted_by, at FROM role_grants
                WHERE seq IN (SELECT max(seq) FROM role_grants GROUP BY person) ORDER BY person COLLATE "C"
                """)
            return RoleGrants(inForce: latest.filter { $0.role != nil }, newest: newest)
        }
    }

    /// Appends the change in the write that checked nothing changed since `basedOn` (writes take turns, so
    /// no other change can come between the check and the row).
    public func changeRole(of person: String, to role: Role?, by actor: String, at: Date, basedOn newest: Int64) throws -> RoleGrantChange {
        try write { session in
            let current = try session.value("SELECT coalesce(max(seq), 0)::bigint FROM role_grants", as: Int64.self) ?? 0
            guard current == newest else {
                let latest = try Self.grantChanges(session, "SELECT seq, person, role, granted_by, at FROM role_grants ORDER BY seq DESC LIMIT 1")
                throw RoleGrantsChanged(basedOn: newest, newest: latest.first)
            }
            let seq = try session.value("""
                INSERT INTO role_grants (person, role, granted_by, at) VALUES (\(person), \(role?.rawValue), \(actor), \(at.timeIntervalSince1970))
                RETURNING seq
                """, as: Int64.self) ?? 0
            return RoleGrantChange(seq: seq, person: person, role: role, by: actor, at: at)
        }
    }

    public func roleGrantHistory(person: String?) throws -> [RoleGrantChange] {
        try readOne { session in
            if let person {
                return try Self.grantChanges(session, "SELECT seq, person, role, granted_by, at FROM role_grants WHERE person = \(person) ORDER BY seq")
            }
            return try Self.grantChanges(session, "SELECT seq, person, role, granted_by, at FROM role_grants ORDER BY seq")
        }
    }

    @available(*, noasync, message: "blocks its thread")
    private static func grantChanges(_ session: PostgresSession, _ query: PostgresQuery) throws -> [RoleGrantChange] {
        try session.columns(query).map { c in
            RoleGrantChange(seq: try c.value("seq"), person: try c.value("person"), role: try c.text("role").flatMap(Role.init(rawValue:)),
                            by: try c.value("granted_by"), at: try c.date("at"))
        }
    }
}
