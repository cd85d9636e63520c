import Foundation
import Testing

/// Foreign, newer, damaged and read-only database files, through the real binary.
@Suite struct DamagedStoreCLITests {
    /// `sqlite3 PATH SQL`, the way a person would look into or tamper with a file.
    @discardableResult
    static func sqlite(_ path: URL, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path.path, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 \(sql)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test func filesThatAreNotHandoffDatabasesAreRefusedAndLeftAlone() throws {
        let folder = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("email\nx@y.z\n".utf8).write(to: folder.appendingPathComponent("leads.csv"))
        let other = folder.appendingPathComponent("notes.db")
        try Self.sqlite(other, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        try Data().write(to: folder.appendingPathComponent("empty.db"))
        try Data("not a database\n".utf8).write(to: folder.appendingPathComponent("text.db"))
        let cases = [
            ("empty.db", "handoff: empty.db is an empty file, not a Handoff database; remove it (or pass another --db) and `handoff init` creates one"),
            ("text.db", "handoff: text.db is not a Handoff database (not an SQLite file at all); pass the right --db, Handoff leaves this file alone"),
            ("notes.db", "handoff: notes.db is an SQLite database of another application (it has no Handoff tables); pass the right --db, Handoff leaves this file alone"),
        ]
        for (name, message) in cases {
            let before = try Data(contentsOf: folder.appendingPathComponent(name))
            for command in [["leads"], ["import", "leads.csv"], ["route"]] {
                let result = try HandoffBinary.run(command + ["--db", name], in: folder)
                #expect(result.status == 2, "\(command) \(name)")
                #expect(result.stderrLines == [message], "\(command) \(name)")
            }
            #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == before, "\(name) was changed")
        }
        #expect(try Self.sqlite(other, "PRAGMA journal_mode; SELECT body FROM notes;") == "delete\nmine\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["empty.db", "leads.csv", "notes.db", "text.db"])
    }

    @Test func aWorkspaceIsMarkedAndOneOfANewerHandoffIsRefused() throws {
        let workspace = try Workspace(leads: 5)
        let db = workspace.directory.appendingPathComponent("demo.db")
        #expect(try Self.sqlite(db, "PRAGMA application_id;") == "\(0x484E_4446)\n")
        try Self.sqlite(db, "INSERT INTO grdb_migrations (identifier) VALUES ('9: pipelines');")
        for command in [["leads"], ["route"]] {
            let result = try workspace.run(command + ["--db", "demo.db"])
            #expect(result.status == 2)
            #expect(result.stderrLines == ["handoff: demo.db was made by a newer Handoff (migration 9: pipelines); upgrade Handoff to use it. Nothing was changed"])
        }
    }

    /// Overwrites the header of every page of the log's b-tree, as a failing disk might.
    static func damageTheLog(_ db: URL) throws {
        let pages = try sqlite(db, "SELECT pageno FROM dbstat WHERE name = 'events';").split(separator: "\n").compactMap { Int($0) }
        let size = try #require(Int(try sqlite(db, "PRAGMA page_size;").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(!pages.isEmpty)
        let file = try #require(FileHandle(forUpdatingAtPath: db.path))
        defer { try? file.close() }
        for page in pages {
            try file.seek(toOffset: UInt64((page - 1) * size))
            file.write(Data(repeating: 0xFF, count: 16))
        }
    }

    @Test func theFirstCommandToMeetDamageNamesItAndWritesStop() throws {
        let workspace = try Workspace(leads: 30)
        try Self.damageTheLog(workspace.directory.appendingPathComponent("demo.db"))
        try Data("email,company\nlate@globex.de,Globex\n".utf8).write(to: workspace.directory.appendingPathComponent("late.csv"))

        let show = try workspace.run(["show", "L-0000001", "--db", "demo.db"])
        #expect(show.status == 2)
        let message = try #require(show.stderrLines.first)
        #expect(message.hasPrefix("handoff: demo.db is damaged: database disk image is malformed (met while reading it). Nothing more is written to it."))
        #expect(message.contains("`handoff doctor` names every damaged part"))
        #expect(message.contains("it cannot repair damaged pages: restore the file from a backup"))

        // Now known: a write is refused before it begins, even one the damaged pages would not stop.
        let imported = try workspace.run(["import", "late.csv", "--db", "demo.db", "--now", Workspace.later])
        #expect(imported.status == 2)
        #expect(imported.stderrLines.first?.hasPrefix("handoff: demo.db is damaged: database disk image is malformed (met while reading it).") == true)
        // Reading goes on, with a warning.
        let leads = try workspace.run(["leads", "--db", "demo.db", "--limit", "100"])
        #expect(leads.status == 0)
        #expect(leads.stdoutLines.count == 31)
        #expect(leads.stderrLines.first?.hasPrefix("handoff: warning: demo.db is damaged") == true)

        let doctor = try workspace.run(["doctor", "--db", "demo.db"])
        #expect(doctor.status == 1)
        #expect(doctor.stdoutLines.first == "The file is damaged; SQLite found:")
        #expect(doctor.stdout.contains("Doctor cannot repair damaged pages"))
        let json = try workspace.run(["doctor", "--json", "--db", "demo.db"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["healthy"] as? Bool == false)
        #expect((report["damage"] as? [String])?.isEmpty == false)
    }

    /// A lead whose stored decision no longer reads was decided all the same: it is not "queued".
    @Test func aDamagedDecisionIsCalledDamagedNotQueued() throws {
        let workspace = try Workspace(leads: 20)
        let db = workspace.directory.appendingPathComponent("demo.db")
        let assigned = try Self.sqlite(db, "SELECT printf('L-%07d', seq) FROM leads WHERE state = 'assigned' ORDER BY seq LIMIT 1;").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!assigned.isEmpty)
        try Self.sqlite(db, "UPDATE leads SET decision = substr(decision, 1, 10) WHERE printf('L-%07d', seq) = '\(assigned)';")

        let show = try workspace.run(["show", assigned, "--db", "demo.db"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("  damaged: the stored decision cannot be read (unreadable stored decision: cut short at byte 10)."))
        #expect(!show.stdout.contains("not routed yet"))
        let json = try workspace.json(["show", assigned])
        #expect(json["decision_damaged"] as? String == "unreadable stored decision: cut short at byte 10")

        let explain = try workspace.run(["explain", assigned, "--db", "demo.db"])
        #expect(explain.status == 0)
        #expect(explain.stdoutLines.first == "\(assigned) was decided, but its stored decision is damaged: unreadable stored decision: cut short at byte 10.")
        #expect(!explain.stdout.contains("queued"))

        let replay = try workspace.run(["explain", "--replay", assigned, "--db", "demo.db"])
        #expect(replay.status == 3)
        #expect(replay.stderrLines == ["handoff: cannot replay \(assigned): \(assigned)'s stored decision is damaged (unreadable stored decision: cut short at byte 10), so there is nothing to replay; `handoff doctor` lists every such lead."])
    }

    /// Runs the binary as a user who cannot write `folder`'s files: as themselves when they are not root,
    /// else as `nobody` (root may write any file).
    static func runWithoutWriteAccess(_ arguments: [String], in folder: URL) throws -> HandoffBinary.Result {
        guard getuid() == 0 else { return try HandoffBinary.run(arguments, in: folder) }
        let binary = try #require(HandoffBinary.url)
        let out = folder.deletingLastPathComponent().appendingPathComponent("out-\(UUID().uuidString)")
        let err = folder.deletingLastPathComponent().appendingPathComponent("err-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        for name in ["HANDOFF_DB", "HANDOFF_RULES", "HANDOFF_OPERATOR", "HANDOFF_NOW", "NO_COLOR"] { environment[name] = nil }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return HandoffBinary.Result(status: process.terminationStatus,
                                    stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8))
    }

    @Test func aReadOnlyDatabaseIsReadAndWritesAreRefused() throws {
        let workspace = try Workspace(leads: 10)
        let folder = workspace.directory.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try FileManager.default.copyItem(at: workspace.directory.appendingPathComponent("demo.db"), to: folder.appendingPathComponent("handoff.db"))
        try FileManager.default.copyItem(at: workspace.directory.appendingPathComponent("rulebook.yaml"), to: folder.appendingPathComponent("rulebook.yaml"))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder.appendingPathComponent("handoff.db").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }

        for command in [["leads"], ["show", "L-0000001"], ["explain", "L-0000001"], ["log"], ["doctor"], ["report", "--now", Workspace.later]] {
            let result = try Self.runWithoutWriteAccess(command, in: folder)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(command)")
        }
        for command in [["route", "--now", Workspace.later], ["annotate", "L-0000001", "hi", "--operator", "olga"]] {
            let result = try Self.runWithoutWriteAccess(command, in: folder)
            #expect(result.status == 2, "\(command)")
            #expect(result.stderrLines == ["handoff: ./handoff.db is read-only (this user cannot write the file); this command writes to it. Reading commands (leads, show, explain, log, report, doctor) work on it"], "\(command)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["handoff.db", "rulebook.yaml"])
    }
}
