import Foundation
import GRDB
import HandoffPostgres
import HandoffSQLite

/// An SQLite workspace in a temporary folder beside a PostgreSQL one, to run the same calls on both and
/// compare what they answer. Rows the other capabilities would write are written here with SQL of the
/// test's own, the same text on both engines.
struct EngineTwin {
    let location: PostgresLocation
    let postgres: PostgresStore
    let sqlite: SQLiteStore
    let folder: URL

    @available(*, noasync)
    init(location: PostgresLocation) throws {
        self.location = location
        postgres = try PostgresStore(location: location, creating: true)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-twin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        sqlite = try SQLiteStore(path: folder.appendingPathComponent("handoff.db").path)
    }

    /// Runs each statement on both engines; `{hash}` stands for 32 zero bytes, `{id}` and `{L-0000042}`
    /// for the `id` column and its value, which PostgreSQL stores and SQLite makes from `seq`, and
    /// `{rulebook}` and `{'v1'}` for the lead's rulebook version, which SQLite keeps by number.
    @available(*, noasync)
    func execute(_ statements: [String]) throws {
        try executeOnSQLite(statements)
        try executeOnPostgres(statements)
    }

    @available(*, noasync)
    func executeOnSQLite(_ statements: [String]) throws {
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("handoff.db").path)
        try queue.write { db in
            for statement in statements {
                try db.execute(sql: Self.sqlite(statement))
            }
        }
        try queue.close()
    }

    @available(*, noasync)
    func executeOnPostgres(_ statements: [String]) throws {
        let session = try PostgresSession.open(location)
        defer { session.close() }
        for statement in statements {
            try session.execute(sql: Self.postgres(statement))
        }
    }

    /// A statement of these tests as SQLite runs it.
    static func sqlite(_ statement: String) -> String {
        let numbered = statement.firstMatch(of: #/\{'([^']*)'\}/#).map { "INSERT OR IGNORE INTO rulebook_numbers (version) VALUES ('\($0.1)');\n" } ?? ""
        return numbered + statement.replacingOccurrences(of: "{hash}", with: "zeroblob(32)").replacingOccurrences(of: "{id}", with: "")
            .replacing(#/\{L-[0-9]+\}, /#, with: "").replacingOccurrences(of: "{rulebook}", with: "rulebook_n")
            .replacing(#/\{'([^']*)'\}/#) { "(SELECT n FROM rulebook_numbers WHERE version = '\($0.1)')" }
    }

    /// A statement of these tests as PostgreSQL runs it.
    static func postgres(_ statement: String) -> String {
        statement.replacingOccurrences(of: "{hash}", with: "'\\x\(String(repeating: "00", count: 32))'::bytea")
            .replacingOccurrences(of: "{id}", with: "id, ").replacing(#/\{(L-[0-9]+)\}/#) { "'\($0.1)'" }
            .replacingOccurrences(of: "{rulebook}", with: "rulebook").replacing(#/\{('[^']*')\}/#) { String($0.1) }
    }

    @available(*, noasync)
    func close() {
        postgres.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A lead row as intake and routing would leave it.
    static func lead(_ seq: Int, state: String, owner: String? = nil, reason: String? = nil, version: Int) -> String {
        """
        INSERT INTO leads (seq, {id}idem_key, received_at, source, email, company, country, state, owner, reason, route, pool, version, {rulebook}, updated_at)
        VALUES (\(seq), {L-\(String(format: "%07d", seq))}, 'key-\(seq)', \(1_800_000_000 + seq), 'form', 'lead\(seq)@acme.test', 'Acme \(seq)', 'DE',
            '\(state)', \(text(owner)), \(text(reason)), 'emea', 'emea', \(version), {'v1'}, \(1_800_000_100 + seq))
        """
    }

    /// A log entry as the log writer would store it (the hash is not checked by what these tests call).
    static func entry(_ seq: Int, lead: Int, _ kind: String, version: Int, owner: String? = nil, previous: String? = nil, reason: String? = nil,
                      from: String? = nil, to: String?) -> String {
        """
        INSERT INTO events (seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state, hash)
        VALUES (\(seq), \(lead), '\(kind)', \(1_800_000_200 + seq), 'router', \(version), 'v1', \(text(reason)), \(text(owner)), \(text(previous)),
            NULL, \(text(from)), \(text(to)), {hash})
        """
    }

    static func text(_ value: String?) -> String { value.map { "'\($0)'" } ?? "NULL" }
}
