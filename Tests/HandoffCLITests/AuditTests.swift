import Foundation
import Testing

/// `handoff audit verify`, `audit anchor` and `doctor` on a log changed with sqlite3 behind Handoff's back.
@Suite struct AuditTests {
    /// The demo workspace's database, changed by `sql` after the log's append-only triggers are dropped.
    func tampered(_ sql: String) throws -> Workspace {
        let workspace = try Workspace()
        _ = try DamagedStoreCLITests.sqlite(workspace.directory.appendingPathComponent("demo.db"),
                                         "DROP TRIGGER events_never_change; DROP TRIGGER events_never_vanish; " + sql)
        return workspace
    }

    func verify(_ workspace: Workspace, _ extra: [String] = []) throws -> HandoffBinary.Result {
        try workspace.run(["audit", "verify", "--db", "demo.db"] + extra)
    }

    @Test func anUntouchedLogHoldsAndItsAnchorProvesIt() throws {
        let workspace = try Workspace()
        let anchor = try workspace.run(["audit", "anchor", "--db", "demo.db"])
        #expect(anchor.status == 0, "\(anchor.stderr)")
        let line = anchor.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.range(of: #"^[0-9]+:[0-9a-f]{64}$"#, options: .regularExpression) != nil, "\(line)")
        // More entries after the anchor: it still holds.
        let lead = try #require((try workspace.json(["leads", "--limit", "1"])["leads"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(try workspace.act(["annotate", lead, "called"]).status == 0)
        let verified = try verify(workspace, ["--anchor", line])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("The log's hash chain holds"))
        #expect(verified.stdout.contains("The anchor \(line) holds"))
        let doctor = try workspace.run(["doctor", "--db", "demo.db"])
        #expect(doctor.status == 0 && doctor.stdout.contains("the log's hash chain holds through entry #"), "\(doctor.stdout)")
    }

    @Test func namesAnEntryChangedWithSQLite() throws {
        let workspace = try tampered("UPDATE events SET owner = 'mallory' WHERE seq = 10;")
        let result = try verify(workspace)
        #expect(result.status == 1)
        #expect(result.stdout.contains("entry #10 was changed: its content no longer matches its hash"), "\(result.stdout)")
        #expect(result.stdout.contains("The chain holds through entry #9"))
        let doctor = try workspace.run(["doctor", "--db", "demo.db"])
        #expect(doctor.status == 1 && doctor.stdout.contains("the log's hash chain: entry #10 was changed"), "\(doctor.stdout)")
    }

    @Test func namesAnEntryRemovedWithSQLite() throws {
        let workspace = try tampered("DELETE FROM events WHERE seq = 7;")
        let result = try verify(workspace)
        #expect(result.status == 1)
        #expect(result.stdout.contains("entry #7 was removed (the log goes from #6 to #8)"), "\(result.stdout)")
    }

    @Test func namesAnEntryInsertedWithSQLite() throws {
        let workspace = try tampered("""
            UPDATE events SET seq = seq + 1000000 WHERE seq > 5;
            UPDATE events SET seq = seq - 999999 WHERE seq > 1000000;
            INSERT INTO events (seq, lead, kind, at, actor, lead_version, hash) VALUES (6, 1, 'annotated', 0, 'mallory', 9, zeroblob(32));
            """)
        let result = try verify(workspace, ["--json"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["intact"] as? Bool == false && json["broken_at"] as? Int == 6 && json["verified_through"] as? Int == 5)
        #expect(json["problem"] as? String == "entry #6 was inserted: the entry after it follows straight from #5")
    }

    @Test func aMalformedAnchorIsRefusedSayingTheShape() throws {
        let workspace = try Workspace()
        let result = try verify(workspace, ["--anchor", "12:nothex"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--anchor takes SEQ:HASH"), "\(result.stderr)")
    }
}
