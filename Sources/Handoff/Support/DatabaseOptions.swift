import ArgumentParser
import Foundation
import HandoffStore

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
    /// behind an empty queue. With `readOnly`, SQLite refuses every write on the connection and nothing
    /// is migrated.
    func openExisting(readOnly: Bool = false) throws -> SQLiteStore {
        let (path, shown) = location()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            Console.error("handoff: no database at \(shown); run `handoff init` then `handoff import FILE`, or pass --db PATH")
            throw ExitCode.unreadable
        }
        return try Self.open(path: path, shown: shown, readOnly: readOnly)
    }

    /// Opens (creating when missing, unless `readOnly`) the database at `path`; a file that is not one
    /// exits with code 2.
    static func open(path: String, shown: String, readOnly: Bool = false) throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: path, readOnly: readOnly)
        } catch {
            Console.error("handoff: cannot open database \(shown): \(error)")
            throw ExitCode.unreadable
        }
    }
}
