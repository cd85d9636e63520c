import Foundation
import HandoffStore
import GRDB

/// Whose file a database is. Handoff marks its databases with SQLite's `application_id` and keeps its
/// format version in `user_version`, and looks at both, read-only, before it opens a file for real:
/// opening in WAL mode or migrating would already change a file that is not Handoff's.
enum StoreIdentity {
    /// "HNDF".
    static let applicationId: Int32 = 0x484E_4446

    static func hex(_ id: Int32) -> String { "0x" + String(UInt32(bitPattern: id), radix: 16, uppercase: true) }

    /// What a first look at an existing file found.
    struct Inspection {
        /// Handoff's mark is there already.
        var marked: Bool
    }

    /// Nil when there is no file yet (opening creates one); throws `StoreRefusal` for a file that is not a
    /// Handoff database this Handoff can use.
    static func inspect(path: String) throws -> Inspection? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { throw StoreRefusal.empty }
        guard header == Data("SQLite format 3\0".utf8) else { throw StoreRefusal.notSQLite }

        var config = Configuration()
        config.readonly = true
        // As patient as the store's own connections: another process closing or checkpointing the file
        // holds its locks for a moment, and a look that gave up at once failed the whole open.
        config.busyMode = .timeout(10)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: StoreLocation.name(for: path, readOnly: true, evenInWritableFolder: true), configuration: config)
        } catch let error as DatabaseError where StoreDamage.isDamage(error) {
            throw StoreRefusal.damaged(finding: "SQLite cannot read its header (\(error.message ?? "\(error)"))")
        }
        return try queue.read { db in
            do {
                let applicationId = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if applicationId != 0, applicationId != Self.applicationId { throw StoreRefusal.foreign(applicationId: applicationId) }
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                let known = Schema.migrator.migrations
                if version > known.count { throw StoreRefusal.newer(migration: "\(version)") }
                let tables = try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                // Workspaces made before the mark have Handoff's tables and migrations; anything else is foreign.
                if applicationId == 0, !tables.isSuperset(of: ["grdb_migrations", "meta", "leads"]) {
                    throw StoreRefusal.foreign(applicationId: 0)
                }
                let unknown = try Schema.migrator.appliedIdentifiers(db).subtracting(known)
                if let newest = unknown.max(by: { migrationNumber($0) < migrationNumber($1) }) {
                    throw StoreRefusal.newer(migration: newest)
                }
                return Inspection(marked: applicationId == Self.applicationId && version == known.count)
            } catch let error as DatabaseError where StoreDamage.isDamage(error) {
                throw StoreRefusal.damaged(finding: "SQLite cannot read its list of tables (\(error.message ?? "\(error)"))")
            }
        }
    }

    /// "9: something" -> 9, so the newest unknown migration is named.
    static func migrationNumber(_ identifier: String) -> Int {
        Int(identifier.prefix { $0.isNumber }) ?? 0
    }

    /// Marks a database as Handoff's, at the format version this Handoff writes.
    static func mark(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationId)")
        try db.execute(sql: "PRAGMA user_version = \(Schema.migrator.migrations.count)")
    }
}

/// The name SQLite is given for a database file. SQLite reads URI file names (`file:...`), so a path
/// that starts like one is made plainly relative. A WAL database nobody is writing (no `-wal` or `-shm`
/// file beside it) can be opened as immutable, which creates nothing beside it: the first look at a file
/// that may not be Handoff's does so, and so does a read-only database in a folder this user cannot
/// write, where SQLite would otherwise need to create its `-shm` file and refuses.
enum StoreLocation {
    static func name(for path: String, readOnly: Bool, evenInWritableFolder: Bool = false) -> String {
        let plain = path.hasPrefix("file:") ? "./" + path : path
        let folder = (path as NSString).deletingLastPathComponent
        let files = FileManager.default
        guard readOnly, evenInWritableFolder || access(folder.isEmpty ? "." : folder, W_OK) != 0,
              !files.fileExists(atPath: path + "-wal"), !files.fileExists(atPath: path + "-shm") else { return plain }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))) ?? absolute
        return "file:" + escaped + "?immutable=1"
    }
}
