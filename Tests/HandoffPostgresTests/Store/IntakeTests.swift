import Foundation
import HandoffCore
@testable import HandoffPostgres
import HandoffSQLite
import HandoffStore
import Testing

/// Taking leads in on PostgreSQL: the same ids, counts, log and quarantine as on SQLite.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct IntakeTests {
    func lead(_ external: String?, key: String, email: String) -> IncomingLead {
        IncomingLead(lead: Lead(id: "", externalId: external, receivedAt: Routing.tuesday.addingTimeInterval(-60), email: email,
                                firstName: "Jo", lastName: "Weber", company: "Globex", country: "DE", employees: "4200"), idempotencyKey: key)
    }

    @Test func insertCountsAddedRepeatedAndQuarantinedAsSQLiteDoes() async throws {
        let first = Routing.leads(2_500, seed: 5)
        // Half again, and a lead repeated inside the same import.
        let second = Array(first[1_000..<2_000]) + Routing.leads(600, seed: 6, after: 10_000) + [first[3]]
        let bad = [QuarantinedRecord(file: "leads.csv", line: 7, column: 2, field: "email", reason: "not an email", raw: "x,y")]
        let sqlite = try Routing.sqlite()
        let expected = [
            try sqlite.insert(first, quarantine: bad, at: Routing.tuesday, actor: "import"),
            try sqlite.insert(second, quarantine: bad, at: Routing.tuesday, actor: "import"),
        ]
        let expectedLog = try Routing.log(sqlite)
        let (summaries, log, rows) = try await Routing.withStore { _, store in
            let summaries = [
                try store.insert(first, quarantine: bad, at: Routing.tuesday, actor: "import"),
                try store.insert(second, quarantine: bad, at: Routing.tuesday, actor: "import"),
            ]
            return (summaries, try Routing.log(store), try Routing.rows(store))
        }
        #expect(summaries.map(\.accepted) == [2_500, 600] && summaries.map(\.alreadyPresent) == [0, 1_001])
        #expect(summaries.map(\.quarantined) == [1, 1])
        #expect(summaries == expected)
        #expect(summaries[1].ids.first == "L-0002501" && summaries[1].ids.last == "L-0003100")
        #expect(log.entries == expectedLog.entries && log.head == expectedLog.head && log.entries.count == 3_100)
        #expect(rows == (try Routing.rows(sqlite)))
    }

    @Test func liveIntakeGivesARepeatTheIdItHas() async throws {
        let byId = lead("crm-1", key: "id:crm-1", email: "jo@globex.de")
        let byContent = lead(nil, key: "sha256:3f2a", email: "kim@initech.de")
        let other = lead("crm-2", key: "id:crm-2", email: "lou@umbrella.de")
        let sqlite = try Routing.sqlite()
        let expected = [
            try sqlite.intake([byId, byContent, byId], quarantine: [], at: Routing.tuesday, actor: "api"),
            try sqlite.intake([byContent, other, byId], quarantine: [], at: Routing.tuesday, actor: "api"),
        ]
        let (got, log) = try await Routing.withStore { _, store in
            let got = [
                try store.intake([byId, byContent, byId], quarantine: [], at: Routing.tuesday, actor: "api"),
                try store.intake([byContent, other, byId], quarantine: [], at: Routing.tuesday, actor: "api"),
            ]
            return (got, try Routing.log(store))
        }
        #expect(got[0] == [StoredLeadId(id: "L-0000001", added: true), StoredLeadId(id: "L-0000002", added: true), StoredLeadId(id: "L-0000001", added: false)])
        #expect(got[1] == [StoredLeadId(id: "L-0000002", added: false), StoredLeadId(id: "L-0000003", added: true), StoredLeadId(id: "L-0000001", added: false)])
        #expect(got == expected)
        #expect(log.entries == (try Routing.log(sqlite).entries))
    }

    @Test func storedKeysAnswerAgainstOneSnapshot() async throws {
        let leads = Routing.leads(3, seed: 2)
        let answers = try await Routing.withStore { _, store in
            _ = try store.insert(Array(leads.prefix(2)), quarantine: [], at: Routing.tuesday, actor: "import")
            return try store.withStoredKeys { keys in
                let before = try leads.map { try keys.contains($0.idempotencyKey) }
                // Written after the snapshot was taken: not seen by it.
                _ = try store.insert([leads[2]], quarantine: [], at: Routing.tuesday, actor: "import")
                return before + [try keys.contains(leads[2].idempotencyKey)]
            }
        }
        #expect(answers == [true, true, false, false])
    }

    @Test func quarantinedLinesComeBackWholeNULsAndAll() async throws {
        let raws = [
            "a,b\u{0}c,d", "\u{0}", "tab\there", "ESC\u{1B}[31mred\u{1B}[0m", "replacement \u{FFFD} and \u{7F}",
            "émoji 🦊, RTL \u{202E}txet", String(repeating: "long,", count: 2_000), "\"quoted, \"\"field\"\"\"",
        ]
        let lines = raws.enumerated().map { i, raw in
            QuarantinedRecord(file: "leads.csv", line: i + 2, column: i % 2 == 0 ? 3 : nil, field: i % 3 == 0 ? nil : "email",
                              reason: "line \(i + 2): not an email", raw: raw)
        }
        // A header holding a NUL, named by the field and quoted by the reason (SQLite's text ends at it).
        let header = QuarantinedRecord(file: "leads.csv", line: 1, column: 16, field: "first\u{0}name",
                                       reason: "'first\u{0}name' holds a NUL character (\\0)", raw: "kim@initech.de,Kim\u{0},Initech")
        let records = lines + [header]
        let (back, summaries) = try await Routing.withStore { _, store in
            let once = try store.insert([], quarantine: records, at: Routing.tuesday, actor: "import")
            // Importing the same file again keeps each record once.
            let again = try store.insert([], quarantine: records, at: Routing.tuesday, actor: "import")
            return (try store.quarantined(limit: 100), [once, again])
        }
        #expect(back == records)
        #expect(back.map { Array($0.raw.utf8) } == raws.map { Array($0.utf8) } + [Array(header.raw.utf8)])
        #expect(back.last?.field?.utf8.count == 10 && back.last?.reason.hasSuffix("(\\0)") == true)
        #expect(summaries.map(\.quarantined) == [records.count, records.count])
    }

    @Test func quarantinedRecordsKeptBeforeVersion2ReadTheSameAfterIt() async throws {
        let location = try await TestServer.freshDatabase()
        let back = try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            // A workspace of version 1, its raw line kept as text.
            try session.execute(sql: "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
            for statement in PostgresMigrations.all[0].statements { try session.execute(sql: statement) }
            try session.execute("INSERT INTO schema_migrations (version, name) VALUES (1, \(PostgresMigrations.all[0].name))")
            try session.execute("""
                INSERT INTO quarantine (file, line, "column", field, reason, raw, at) VALUES ('old.csv', 3, 2, 'email', 'not an email', 'a,ü,🦊', 0)
                """)
            let store = try PostgresStore(location: location)
            defer { store.close() }
            // The same line again is still one record.
            let again = QuarantinedRecord(file: "old.csv", line: 3, column: 2, field: "email", reason: "not an email", raw: "a,ü,🦊")
            _ = try store.insert([], quarantine: [again], at: Routing.tuesday, actor: "import")
            return (try PostgresMigrator.version(of: session), try store.quarantined(limit: 10))
        }
        try await TestServer.drop(location)
        #expect(back.0 == PostgresMigrator.latestVersion)
        #expect(back.1 == [QuarantinedRecord(file: "old.csv", line: 3, column: 2, field: "email", reason: "not an email", raw: "a,ü,🦊")])
    }

    @Test func accountsAreUpsertedByNormalizedDomainTheLastOneWinning() async throws {
        let accounts = [
            Account(domain: "Globex.de", name: "Globex", owner: "ana"), Account(domain: "initech.com", name: "Initech", owner: nil),
            Account(domain: "https://www.globex.de/", name: "Globex GmbH", owner: "raj"),
        ]
        let later = [Account(domain: "initech.com", name: "Initech Inc", owner: "mia")]
        let sqlite = try Routing.sqlite()
        let expectedCount = try sqlite.upsert(accounts: accounts)
        _ = try sqlite.upsert(accounts: later)
        let expected = try sqlite.accounts().map { "\($0.domain)|\($0.name)|\($0.owner ?? "")" }.sorted()
        let (count, stored) = try await Routing.withStore { _, store in
            let count = try store.upsert(accounts: accounts)
            _ = try store.upsert(accounts: later)
            return (count, try store.accounts().map { "\($0.domain)|\($0.name)|\($0.owner ?? "")" }.sorted())
        }
        #expect(count == expectedCount && count == 3)
        #expect(stored == expected && stored.count == 2)
        #expect(stored.contains { $0.hasSuffix("|Globex GmbH|raj") } && stored.contains("initech.com|Initech Inc|mia"))
    }
}
