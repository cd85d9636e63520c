import Foundation
import GRDB
import HandoffStoreContractTests
import Testing
import HandoffCore
import HandoffDesk
@testable import HandoffSQLite
@testable import HandoffStore

/// Files that are not Handoff's, or that a newer Handoff made, are refused before anything is written to them.
@Suite struct StoreIdentityTests {
    /// A path in a fresh folder, which `body` may fill; the folder is removed afterwards.
    func inFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder.appendingPathComponent("handoff.db").path)
    }

    func header(_ path: String) throws -> (applicationId: Int32, version: Int) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { (try Int32.fetchOne($0, sql: "PRAGMA application_id")!, try Int.fetchOne($0, sql: "PRAGMA user_version")!) }
    }

    func refusal(_ path: String) -> StoreRefusal? {
        do {
            _ = try SQLiteStore(path: path)
            return nil
        } catch {
            return error as? StoreRefusal
        }
    }

    /// The folder's files by name and content, to show a refused file and its folder were left as they were.
    func snapshot(_ path: String) throws -> [String: Data] {
        let folder = (path as NSString).deletingLastPathComponent
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name))
        }
        return files
    }

    @Test func aNewDatabaseIsMarkedAsHandoffs() throws {
        try inFolder { path in
            _ = try SQLiteStore(path: path)
            #expect(try header(path) == (StoreIdentity.applicationId, Schema.migrator.migrations.count))
        }
    }

    /// Workspaces made before the mark have Handoff's migrations table: they open, and are marked.
    @Test func anUnmarkedWorkspaceOpensAndIsMarked() throws {
        try inFolder { path in
            let old = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(old, upTo: "7: the notification outbox")
            try old.close()
            #expect(try header(path) == (0, 0))
            let store = try SQLiteStore(path: path)
            #expect(try store.counts().events == 0)
            #expect(try header(path) == (StoreIdentity.applicationId, Schema.migrator.migrations.count))
        }
    }

    @Test func anEmptyFileIsRefusedAndLeftEmpty() throws {
        try inFolder { path in
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            #expect(refusal(path) == .empty)
            let after = try snapshot(path)
            #expect(after == ["handoff.db": Data()])
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefused() throws {
        try inFolder { path in
            #expect(FileManager.default.createFile(atPath: path, contents: Data("email,company\nx@y.z,Q\n".utf8)))
            #expect(refusal(path) == .notSQLite)
            let after = try snapshot(path)
            #expect(after == ["handoff.db": Data("email,company\nx@y.z,Q\n".utf8)])
        }
    }

    @Test func anotherApplicationsDatabaseIsRefusedUntouched() throws {
        try inFolder { path in
            let other = try DatabaseQueue(path: path)
            try other.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')") }
            try other.close()
            let before = try snapshot(path)
            #expect(refusal(path) == .foreign(applicationId: 0))
            let after = try snapshot(path)
            #expect(after == before)

            let marked = try DatabaseQueue(path: path)
            try marked.write { try $0.execute(sql: "PRAGMA application_id = 1234") }
            try marked.close()
            #expect(refusal(path) == .foreign(applicationId: 1234))
            #expect(refusal(path)?.description.contains("application_id 0x4D2") == true)
        }
    }

    @Test func aDatabaseOfANewerHandoffIsRefused() throws {
        try inFolder { path in
            _ = try SQLiteStore(path: path)
            let newer = try DatabaseQueue(path: path)
            try newer.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9: pipelines'), ('10: forecasts')") }
            try newer.close()
            #expect(refusal(path) == .newer(migration: "10: forecasts"))
            #expect(refusal(path)?.description == "was made by a newer Handoff (migration 10: forecasts); upgrade Handoff to use it. Nothing was changed")
        }
        try inFolder { path in
            _ = try SQLiteStore(path: path)
            let newer = try DatabaseQueue(path: path)
            // One past the newest migration this Handoff knows, however many it has.
            let next = Schema.migrator.migrations.count + 1
            try newer.write { try $0.execute(sql: "PRAGMA user_version = \(next)") }
            try newer.close()
            #expect(refusal(path) == .newer(migration: "\(next)"))
        }
    }

    /// A path SQLite would read as a URI is still a plain file name.
    @Test func aPathThatLooksLikeAURIIsAFileName() {
        #expect(StoreLocation.name(for: "file:odd.db?mode=memory", readOnly: false) == "./file:odd.db?mode=memory")
        #expect(StoreLocation.name(for: "/tmp/x/handoff.db", readOnly: false) == "/tmp/x/handoff.db")
    }
}

/// Damaged pages: the first command to meet them says so, and nothing is written from then on.
@Suite struct DamagedStoreTests {
    /// A routed workspace of 30 leads whose log pages are then overwritten with garbage.
    func damagedWorkspace(_ body: (SQLiteStore, _ clean: Data) throws -> Void) throws {
        let store = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        _ = try store.insert(incoming(streamLeads(30)), quarantine: [], at: tuesday, actor: "import")
        _ = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }).routeBatch(size: 100)
        try store.database.writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }
        let clean = try #require(FileManager.default.contents(atPath: store.path))
        try corrupt(store.path, table: "events")
        try body(try SQLiteStore(path: store.path), clean)
    }

    /// Overwrites the header of every page of `table`'s b-tree.
    func corrupt(_ path: String, table: String) throws {
        let (pages, size) = try DatabaseQueue(path: path).read {
            (try Int.fetchAll($0, sql: "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", arguments: [table]),
             try Int.fetchOne($0, sql: "PRAGMA page_size") ?? 0)
        }
        let file = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? file.close() }
        for page in pages {
            try file.seek(toOffset: UInt64((page - 1) * size))
            file.write(Data(repeating: 0xFF, count: 16))
        }
    }

    @Test func theFirstReadToMeetDamageNamesItAndWritesStop() throws {
        try damagedWorkspace { store, _ in
            #expect(store.knownDamage == nil)
            #expect(throws: StoreRefusal.self) { try store.events(lead: nil, after: 0, limit: 1_000) }
            let noted = try #require(store.knownDamage)
            #expect(noted.contains("malformed"))
            // A write that would not touch the damaged pages is refused all the same.
            #expect(throws: StoreRefusal.damaged(finding: noted)) {
                try store.insert(incoming([lead("late")]), quarantine: [], at: tuesday, actor: "import")
            }
            #expect(try store.counts().byState.values.reduce(0, +) == 30)
        }
    }

    @Test func theDoctorFindsDamageAndClearsItOnceTheFileIsWhole() throws {
        try damagedWorkspace { store, clean in
            let damaged = try store.doctor()
            #expect(!damaged.healthy)
            #expect(!damaged.damage.isEmpty)
            #expect(store.knownDamage?.contains("found by `handoff doctor`") == true)
            #expect(throws: StoreRefusal.self) { try store.insert(incoming([lead("late")]), quarantine: [], at: tuesday, actor: "import") }

            // A backup put back over the file: the doctor finds it whole, and writes may go on.
            try clean.write(to: URL(fileURLWithPath: store.path))
            let restored = try SQLiteStore(path: store.path)
            let report = try restored.doctor()
            #expect(report.healthy, "\(report.problems) \(report.damage)")
            #expect(report.clearedDamage != nil)
            #expect(restored.knownDamage == nil)
            _ = try restored.insert(incoming([lead("late")]), quarantine: [], at: tuesday, actor: "import")
        }
    }

    /// Damage another process met is noted beside the file: a store already open refuses its very next
    /// write, and writes again once the note is gone (as `handoff doctor` removes it).
    @Test func aNoteLeftByAnotherProcessStopsTheNextWrite() throws {
        let store = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        _ = try store.insert(incoming([lead("first")]), quarantine: [], at: tuesday, actor: "import")
        let note = StoreDamage.notePath(for: store.path)
        #expect(FileManager.default.createFile(atPath: note, contents: Data("database disk image is malformed (met while reading it)\n".utf8)))
        #expect(throws: StoreRefusal.damaged(finding: "database disk image is malformed (met while reading it)")) {
            try store.insert(incoming([lead("second")]), quarantine: [], at: tuesday, actor: "import")
        }
        #expect(try store.counts().byState.values.reduce(0, +) == 1)
        try FileManager.default.removeItem(atPath: note)
        _ = try store.insert(incoming([lead("second")]), quarantine: [], at: tuesday, actor: "import")
        #expect(try store.counts().byState.values.reduce(0, +) == 2)
    }

    @Test func theDoctorChecksThePoolLedgersAgainstTheLog() throws {
        let store = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        _ = try store.insert(incoming(streamLeads(30)), quarantine: [], at: tuesday, actor: "import")
        _ = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }).routeBatch(size: 100)
        #expect(try store.doctor().healthy)
        let (pool, owner) = try #require(try store.database.read { db in
            try Row.fetchOne(db, sql: "SELECT pool, owner FROM pool_ledger WHERE assigned > 0 ORDER BY pool, owner").map { ($0[0] as String, $0[1] as String) }
        })
        try store.database.write { db in
            try db.execute(sql: "UPDATE pool_ledger SET assigned = assigned + 5 WHERE pool = ? AND owner = ?", arguments: [pool, owner])
            try db.execute(sql: "INSERT INTO pool_turn (pool, last_owner) VALUES ('ghost-pool', 'nobody')")
        }
        let problems = try store.doctor().problems
        #expect(problems.contains { $0.hasPrefix("owner \(owner): pool ledgers count ") && $0.contains("but the log hands them") })
        #expect(problems.contains("pool ghost-pool: its turn says nobody was given the last lead, but the pool's ledger has no line for them"))
    }
}
