import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// Out-of-office windows set at run time: each kept, a withdrawal recorded beside it rather than deleting it.
extension PostgresStore {
    public func absences() throws -> [OwnerAbsence] {
        try readOne { s in
            try Self.absences(s.rows("""
                SELECT owner, from_day, until_day FROM owner_absences a
                WHERE NOT EXISTS (SELECT 1 FROM owner_absence_withdrawals w WHERE w.absence = a.seq) ORDER BY seq
                """, as: (String, String, String).self))
        }
    }

    public func absences(asOf date: Date) throws -> [OwnerAbsence] {
        let at = date.timeIntervalSince1970
        return try readOne { s in
            try Self.absences(s.rows("""
                SELECT owner, from_day, until_day FROM owner_absences a
                WHERE at <= \(at) AND NOT EXISTS (SELECT 1 FROM owner_absence_withdrawals w WHERE w.absence = a.seq AND w.at <= \(at))
                ORDER BY seq
                """, as: (String, String, String).self))
        }
    }

    public func setAbsence(_ absence: OwnerAbsence, by actor: String, at: Date) throws {
        try write { tx -> Void in
            try tx.execute("""
                INSERT INTO owner_absences (owner, from_day, until_day, set_by, at)
                VALUES (\(absence.owner), \(absence.from), \(absence.until), \(actor), \(at.timeIntervalSince1970))
                """)
        }
    }

    public func withdrawAbsence(_ absence: OwnerAbsence, by actor: String, at: Date) throws -> Bool {
        try write { tx in
            // The newest window in force with these days: the one the operator set last.
            guard let seq = try tx.value("""
                SELECT seq FROM owner_absences a
                WHERE owner = \(absence.owner) AND from_day = \(absence.from) AND until_day = \(absence.until)
                    AND NOT EXISTS (SELECT 1 FROM owner_absence_withdrawals w WHERE w.absence = a.seq)
                ORDER BY seq DESC LIMIT 1
                """, as: Int64.self) else { return false }
            try tx.execute("INSERT INTO owner_absence_withdrawals (absence, withdrawn_by, at) VALUES (\(seq), \(actor), \(at.timeIntervalSince1970))")
            return true
        }
    }

    public func withdrawAbsences(owner: String, by actor: String, at: Date) throws -> [OwnerAbsence] {
        try write { tx in
            let current = try tx.rows("""
                SELECT seq, owner, from_day, until_day FROM owner_absences a
                WHERE owner = \(owner) AND NOT EXISTS (SELECT 1 FROM owner_absence_withdrawals w WHERE w.absence = a.seq) ORDER BY seq
                """, as: (Int64, String, String, String).self)
            for (seq, _, _, _) in current {
                try tx.execute("INSERT INTO owner_absence_withdrawals (absence, withdrawn_by, at) VALUES (\(seq), \(actor), \(at.timeIntervalSince1970))")
            }
            return current.map { OwnerAbsence(owner: $0.1, from: $0.2, until: $0.3) }
        }
    }

    private static func absences(_ rows: [(String, String, String)]) -> [OwnerAbsence] {
        rows.map { OwnerAbsence(owner: $0.0, from: $0.1, until: $0.2) }
    }
}
