import Foundation
import Testing
import HandoffCore
import HandoffDemo
import HandoffSQLite
import HandoffStore
#if canImport(Glibc)
import Glibc
#endif

/// Kills `handoff route` with SIGKILL at seeded random moments while it drains a queue, restarts it,
/// and proves nothing was lost or routed twice: every lead ends up routed exactly once, and the
/// projections agree with the log.
@Suite struct CrashTests {
    static let now = "2026-11-24T14:30:00Z"

    @Test func killedMidRouteLosesNothingAndRoutesNothingTwice() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("handoff.db").path
        let rules = folder.appendingPathComponent("rulebook.yaml").path
        try ExampleRulebook.yaml.write(toFile: rules, atomically: true, encoding: .utf8)

        // HANDOFF_CRASH_LEADS=200000 runs the full-size version (minutes in a debug build).
        let count = ProcessInfo.processInfo.environment["HANDOFF_CRASH_LEADS"].flatMap(Int.init) ?? 6_000
        let store = try SQLiteStore(path: db)
        let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: rules).rulebook!
        let start = ISO8601DateFormatter().date(from: Self.now)!
        let accounts = DemoAccounts.generate(seed: 11, ownerIds: rulebook.owners.map(\.id), count: 200)
        _ = try store.upsert(accounts: accounts)
        var stream = LeadStream(seed: 11, accounts: accounts, start: start.addingTimeInterval(-7_200), spacing: 1)
        let leads = (0..<count).map { _ in stream.next() }
        _ = try store.insert(leads.map { IncomingLead(lead: $0, idempotencyKey: $0.externalId!) }, quarantine: [], at: start, actor: "import")

        var rng = SeededRandom(seed: 42)
        var kills = 0
        var finished = false
        for _ in 0..<(count > 10_000 ? 200 : 40) where !finished {
            let pid = try Self.spawn(["route", "--db", db, "--rules", rules, "--now", Self.now, "--batch", "200"])
            usleep(UInt32.random(in: 20_000...(count > 10_000 ? 1_500_000 : 400_000), using: &rng))
            if kill(pid, SIGKILL) == 0 { kills += 1 }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            finished = (try store.counts().byState[.received] ?? 0) == 0
        }
        if !finished {
            // Let the last run finish undisturbed.
            let pid = try Self.spawn(["route", "--db", db, "--rules", rules, "--now", Self.now])
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        #expect(kills > 0, "no run was killed mid-way; the test proves nothing")

        let counts = try store.counts()
        #expect(counts.byState[.received] == nil)
        #expect(counts.byState.values.reduce(0, +) == count)
        let report = try store.doctor()
        #expect(report.problems.isEmpty, "\(report.problems.prefix(5))")
        // The hash chain too (doctor counts a break as a problem; this says which entry).
        let audit = try store.auditLog(), entries = try store.counts().events
        #expect(audit.intact && audit.entries == entries, "\(audit.problem ?? "")")
        #expect(report.leads == count)
        let outcomes = try store.events(lead: nil, after: 0, limit: 10 * count)
            .filter { $0.actor == "router" && ($0.kind == .assigned || $0.kind == .flagged) }
        #expect(outcomes.count == count)
        #expect(Set(outcomes.map(\.leadId)).count == count)
    }

    /// Kills `handoff import --route` at seeded random moments: after each kill the file is either all
    /// in the store, every lead routed once, or not at all; a run left alone then takes it all in.
    @Test func killedMidImportLeavesAllOrNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("handoff.db").path
        let rules = folder.appendingPathComponent("rulebook.yaml").path
        let csv = folder.appendingPathComponent("leads.csv").path
        try ExampleRulebook.yaml.write(toFile: rules, atomically: true, encoding: .utf8)
        // HANDOFF_CRASH_LEADS=200000 runs the full-size version, as for `route`.
        let count = ProcessInfo.processInfo.environment["HANDOFF_CRASH_LEADS"].flatMap(Int.init) ?? 20_000
        let start = ISO8601DateFormatter().date(from: Self.now)!
        var stream = LeadStream(seed: 12, accounts: [], start: start.addingTimeInterval(-7_200), spacing: 1)
        func field(_ text: String?) -> String { "\"" + (text ?? "").replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var text = "external_id,email,first_name,last_name,company,country,employees,annual_revenue\n"
        for _ in 0..<count {
            let lead = stream.next()
            text += [lead.externalId, lead.email, lead.firstName, lead.lastName, lead.company, lead.country, lead.employees, lead.annualRevenue]
                .map(field).joined(separator: ",") + "\n"
        }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let arguments = ["import", csv, "--route", "--db", db, "--rules", rules, "--now", Self.now]
        // What an undisturbed run stores (the file repeats some leads and has dirty records).
        let control = folder.appendingPathComponent("control.db").path
        var status: Int32 = 0
        waitpid(try Self.spawn(["import", csv, "--route", "--db", control, "--rules", rules, "--now", Self.now]), &status, 0)
        let expected = try SQLiteStore(path: control).counts()
        let total = expected.byState.values.reduce(0, +)
        #expect(total > count * 9 / 10)
        _ = try SQLiteStore(path: db)  // the schema, so the store can be read between runs

        var rng = SeededRandom(seed: 43)
        var kills = 0
        for _ in 0..<12 {
            let pid = try Self.spawn(arguments)
            usleep(UInt32.random(in: 20_000...(count > 20_000 ? 6_000_000 : 600_000), using: &rng))
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            let leads = try SQLiteStore(path: db).counts().byState.values.reduce(0, +)
            #expect(leads == 0 || leads == total, "a killed import left \(leads) of \(total) leads")
            if leads == total { break }
            if status & 0x7f == SIGKILL { kills += 1 }  // ended by the kill, not before it
        }
        #expect(kills > 0, "no run was killed mid-way; the test proves nothing")
        waitpid(try Self.spawn(arguments), &status, 0)

        let store = try SQLiteStore(path: db)
        #expect(try store.counts() == expected)
        let report = try store.doctor()
        #expect(report.problems.isEmpty, "\(report.problems.prefix(5))")
        // The hash chain too (doctor counts a break as a problem; this says which entry).
        let audit = try store.auditLog(), entries = try store.counts().events
        #expect(audit.intact && audit.entries == entries, "\(audit.problem ?? "")")
        let outcomes = try store.events(lead: nil, after: 0, limit: 10 * count)
            .filter { $0.actor == "router" && ($0.kind == .assigned || $0.kind == .flagged) }
        #expect(outcomes.count == total)
        #expect(Set(outcomes.map(\.leadId)).count == total)
    }

    /// Starts the built binary with no inherited descriptors beyond the standard three.
    static func spawn(_ arguments: [String]) throws -> pid_t {
        let binary = try #require(HandoffBinary.path)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        return pid
    }
}

enum HandoffBinary {
    /// The binary sits next to the test bundle in the build products directory.
    static let path: String? = {
        var directories = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        return directories.map { $0.appendingPathComponent("handoff").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}
