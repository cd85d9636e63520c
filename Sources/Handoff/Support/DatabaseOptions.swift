import ArgumentParser
import Foundation
import HandoffStore
import HandoffWorkspace

/// `--db PATH|URL` (also `--database`): which workspace store a command reads and writes, an SQLite file
/// (the default) or a team's PostgreSQL database.
struct DatabaseOptions: ParsableArguments {
    static let standardPath = "handoff.db"

    @Option(name: [.customLong("db"), .customLong("database")], help: ArgumentHelp(
        "The workspace's store: a database file, or a PostgreSQL database a team shares (postgres://user@host:port/db). "
            + "Default: $HANDOFF_DATABASE, else $HANDOFF_DB, else ./\(standardPath).", valueName: "path|url"))
    var db: String?

    /// The option, else HANDOFF_DATABASE, else HANDOFF_DB, else ./handoff.db; with the variable that named it.
    func named(environment: [String: String] = ProcessInfo.processInfo.environment) -> (text: String, variable: String?) {
        if let db { return (db, nil) }
        for variable in ["HANDOFF_DATABASE", "HANDOFF_DB"] {
            if let named = environment[variable], !named.isEmpty { return (named, variable) }
        }
        return (Self.standardPath, nil)
    }

    /// Where the store is, and how to name it in messages (a URL with its password hidden, and the
    /// variable that named it). A URL that does not read exits with code 64 and what is wrong with it.
    func location(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (location: StoreLocation, shown: String) {
        let (text, variable) = named(environment: environment)
        let location: StoreLocation
        do {
            location = try StoreLocation(naming: text)
        } catch {
            Console.error("handoff: \(variable.map { "\($0): " } ?? "--db: ")\(error)")
            throw ExitCode.validationFailure
        }
        let described = db == nil && variable == nil ? "./\(Self.standardPath)" : location.description
        return (location, variable.map { "\(described) (named by \($0))" } ?? described)
    }

    /// How messages and reports name the store.
    var shown: String { (try? location().shown) ?? named().text }

    /// Opens a store that must already exist: opening creates an SQLite file, which would hide a wrong path
    /// behind an empty queue, and a PostgreSQL database without a workspace is refused with `handoff init
    /// --database URL` as the fix. A command that only reads opens a file it cannot write read-only; one
    /// that writes is refused with what it could not write. With `readOnly` (a watching console), the
    /// engine refuses every write and nothing is migrated.
    func openExisting(writing: Bool = false, readOnly: Bool = false) throws -> any LeadStore {
        let (location, shown) = try location()
        if case .file(let path) = location {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                Console.error("handoff: no database at \(shown); run `handoff init` then `handoff import FILE`, or pass --db PATH")
                throw ExitCode.unreadable
            }
        }
        return try Self.open(location, shown: shown, writing: writing && !readOnly, readOnly: readOnly)
    }

    /// Opens the store at a path (creating the file when missing, unless `readOnly`).
    static func open(path: String, shown: String, writing: Bool = true, readOnly forced: Bool = false) throws -> any LeadStore {
        try open(.file(path), shown: shown, writing: writing, readOnly: forced)
    }

    /// Opens the store at `location` (an SQLite file is created when missing, unless `readOnly`; a
    /// PostgreSQL database gets its schema only with `creating`); a location that holds no Handoff store
    /// this build can use, or one a writing command cannot write, exits with code 2 and the reason.
    static func open(_ location: StoreLocation, shown: String, writing: Bool = true, readOnly forced: Bool = false,
                     creating: Bool = false) throws -> any LeadStore {
        var unwritable: String?
        if case .file(let path) = location {
            unwritable = Self.unwritable(path)
            if let unwritable, writing {
                Console.error("handoff: \(shown) \(StoreRefusal.readOnly(reason: unwritable))")
                throw ExitCode.unreadable
            }
        }
        let store: any LeadStore
        do {
            store = try location.open(readOnly: forced || unwritable != nil, creating: creating, migrationProgress: MigrationBar.forStore)
        } catch let refusal as StoreRefusal {
            Console.error("handoff: \(shown) \(refusal)")
            throw ExitCode.unreadable
        } catch let failure as StoreOpenFailure {
            Console.error("handoff: \(failure)")
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
