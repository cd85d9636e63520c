import ArgumentParser
import Foundation
import HandoffStore
import HandoffWorkspace

/// `--db PATH`: which database a command reads and writes.
struct DatabaseOptions: ParsableArguments {
    static let standardPath = "handoff.db"

    @Option(name: .long, help: ArgumentHelp("The database file. Default: $HANDOFF_DB, else ./\(standardPath).", valueName: "path"))
    var db: String?

    /// The option, else HANDOFF_DB, else ./handoff.db; with how to name it in messages.
    func location(environment: [String: String] = ProcessInfo.processInfo.environment) -> (path: String, shown: String) {
        if let db { return (db, db) }
        if let named = environment["HANDOFF_DB"], !named.isEmpty { return (named, "\(named) (named by HANDOFF_DB)") }
        return (Self.standardPath, "./\(Self.standardPath)")
    }

    /// Opens a database that must already exist: opening creates the file, which would hide a wrong path
    /// behind an empty queue. A command that only reads opens a file it cannot write read-only; one that
    /// writes is refused with what it could not write. With `readOnly` (a watching console), SQLite
    /// refuses every write on the connection and nothing is migrated, whoever could write the file.
    func openExisting(writing: Bool = false, readOnly: Bool = false) throws -> any LeadStore {
        let (path, shown) = location()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            Console.error("handoff: no database at \(shown); run `handoff init` then `handoff import FILE`, or pass --db PATH")
            throw ExitCode.unreadable
        }
        return try Self.open(path: path, shown: shown, writing: writing && !readOnly, readOnly: readOnly)
    }

    /// Opens (creating when missing, unless `readOnly`) the database at `path`; a file that is not a
    /// Handoff database, or one a writing command cannot write, exits with code 2 and the reason.
    static func open(path: String, shown: String, writing: Bool = true, readOnly forced: Bool = false) throws -> any LeadStore {
        let readOnly = Self.unwritable(path)
        if let readOnly, writing {
            Console.error("handoff: \(shown) \(StoreRefusal.readOnly(reason: readOnly))")
            throw ExitCode.unreadable
        }
        let store: any LeadStore
        do {
            store = try StoreLocation.file(path).open(readOnly: forced || readOnly != nil, migrationProgress: MigrationBar.forStore)
        } catch let refusal as StoreRefusal {
            Console.error("handoff: \(shown) \(refusal)")
            throw ExitCode.unreadable
        } catch {
            Console.error("handoff: cannot open database \(shown): \(error)")
            throw ExitCode.unreadable
        }
        StoreFailure.opened(shown)
        if let damage = store.knownDamage {
            if writing {
                Console.error("handoff: \(shown) \(StoreRefusal.damaged(finding: damage))")
                throw ExitCode.unreadable
            }
            Console.error("handoff: warning: \(shown) is damaged (\(damage)); what follows may be incomplete. `handoff doctor` says more.")
        }
        return store
    }

    /// Why this user cannot write the database (its file, or its folder, where SQLite keeps the file's
    /// journal), or nil when they can. A missing file is writable when its folder is.
    static func unwritable(_ path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        if FileManager.default.fileExists(atPath: path), access(path, W_OK) != 0 {
            return "this user cannot write the file"
        }
        if access(folder.isEmpty ? "." : folder, W_OK) != 0 {
            return "this user cannot write its folder, where SQLite keeps the file's journal"
        }
        return nil
    }
}
