/// Why a file is not opened as a Handoff workspace, or a write is not made to it. The description
/// follows the file's name in a message ("handoff: ./handoff.db is ...").
public enum StoreRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file of no bytes: not a database, so not made into one either.
    case empty
    /// Not SQLite at all.
    case notSQLite
    /// An SQLite database of another application (its application id, or 0 with no Handoff tables).
    case foreign(applicationId: Int32)
    /// Made by a newer Handoff: a migration (or a format version) this one does not know.
    case newer(migration: String)
    /// SQLite reported damaged pages; `finding` says where and who met it.
    case damaged(finding: String)
    /// The file or its folder cannot be written by this user; `command` wants to write.
    case readOnly(reason: String)

    public var description: String {
        switch self {
        case .empty:
            "is an empty file, not a Handoff database; remove it (or pass another --db) and `handoff init` creates one"
        case .notSQLite:
            "is not a Handoff database (not an SQLite file at all); pass the right --db, Handoff leaves this file alone"
        case .foreign(let id) where id == 0:
            "is an SQLite database of another application (it has no Handoff tables); pass the right --db, Handoff leaves this file alone"
        case .foreign(let id):
            "is an SQLite database of another application (application_id 0x\(String(UInt32(bitPattern: id), radix: 16, uppercase: true)))); pass the right --db, Handoff leaves this file alone"
        case .newer(let migration):
            "was made by a newer Handoff (migration \(migration)); upgrade Handoff to use it. Nothing was changed"
        case .damaged(let finding):
            "is damaged: \(finding). Nothing more is written to it. "
                + "`handoff doctor` names every damaged part it can find and reads what is left; it cannot repair damaged pages: "
                + "restore the file from a backup, or save what SQLite can still read into a new file "
                + "(`sqlite3 DB .recover | sqlite3 NEW.db`) and check that one with `handoff doctor`"
        case .readOnly(let reason):
            "is read-only (\(reason)); this command writes to it. Reading commands (leads, show, explain, log, report, doctor) work on it"
        }
    }
}
