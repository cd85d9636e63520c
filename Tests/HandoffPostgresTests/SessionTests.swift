import Foundation
import HandoffPostgres
import PostgresNIO
import Testing

@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct SessionTests {
    @Test func queriesWithTypedRows() async throws {
        let location = try TestServer.location()
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            let name = "Zoë's \"desk\""
            let rows = try session.rows("SELECT n::bigint, \(name) || n, n % 2 = 0 FROM generate_series(1, 3) n", as: (Int64, String, Bool).self)
            #expect(rows.map(\.0) == [1, 2, 3])
            #expect(rows[1].1 == name + "2")
            #expect(rows.map(\.2) == [false, true, false])
            #expect(try session.value("SELECT NULL::text", as: String?.self) == .some(nil))
            #expect(try session.row("SELECT 1 WHERE false", as: Int.self) == nil)
            #expect(try session.backendPID() > 0)
        }
    }

    @Test func aTransactionCommitsOrRollsBackWhole() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            try session.execute(sql: "CREATE TABLE t (n bigint PRIMARY KEY)")
            try session.transaction { tx in
                try tx.execute("INSERT INTO t VALUES (1), (2)")
            }
            struct Refused: Error {}
            #expect(throws: Refused.self) {
                try session.transaction { tx in
                    try tx.execute("INSERT INTO t VALUES (3)")
                    throw Refused()
                }
            }
            // A statement that failed inside the body, its error swallowed, still fails the transaction.
            #expect {
                try session.transaction { tx in
                    try tx.execute("INSERT INTO t VALUES (4)")
                    _ = try? tx.execute("INSERT INTO t VALUES (1)")
                }
            } throws: { error in
                "\(error)".contains("rolled back")
            }
            #expect(try session.values("SELECT n FROM t ORDER BY n", as: Int64.self) == [1, 2])
        }
        try await TestServer.drop(location)
    }

    @Test func aSerializationFailureIsRetriedWhenAsked() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let first = try PostgresSession.open(location), second = try PostgresSession.open(location)
            defer {
                first.close()
                second.close()
            }
            try first.execute(sql: "CREATE TABLE counter (n bigint NOT NULL)")
            try first.execute(sql: "INSERT INTO counter VALUES (0)")
            // The first attempt reads, then another session commits a change to the row, then the write loses.
            var attempts = 0
            try first.transaction(.repeatableRead, retries: 2) { tx in
                attempts += 1
                let n = try tx.value("SELECT n FROM counter", as: Int64.self) ?? 0
                if attempts == 1 { try second.execute("UPDATE counter SET n = n + 10") }
                try tx.execute("UPDATE counter SET n = \(n + 1)")
            }
            #expect(attempts == 2)
            #expect(try first.value("SELECT n FROM counter", as: Int64.self) == 11)
            // Without retries the loss is the caller's, told as one.
            #expect {
                try first.transaction(.repeatableRead) { tx in
                    _ = try tx.value("SELECT n FROM counter", as: Int64.self)
                    try second.execute("UPDATE counter SET n = n + 10")
                    try tx.execute("UPDATE counter SET n = 0")
                }
            } throws: { error in
                (error as? PostgresFailure)?.kind == .serializationFailure && (error as? PostgresFailure)?.sqlState == "40001"
            }
        }
        try await TestServer.drop(location)
    }

    @Test func anUnreachableServerIsNamed() async throws {
        // A port nobody listens on: one the test cluster is not on, found closed just now.
        var unreachable = try TestServer.location()
        unreachable.port = try await onThread { try closedPort() }
        unreachable.connectTimeout = 2
        let location = unreachable
        await #expect {
            try await onThread { _ = try PostgresSession.open(location) }
        } throws: { error in
            let failure = error as? PostgresFailure
            return failure?.kind == .unreachable && failure!.message.contains("127.0.0.1:\(location.port)")
        }
    }

    @Test func aWrongPasswordIsRefusedAndNeverShown() async throws {
        var wrong = try TestServer.location()
        wrong.password = Secret("not-the-password-42")
        let location = wrong
        await #expect {
            try await onThread { _ = try PostgresSession.open(location, passwords: PasswordLookup(environment: [:], home: nil)) }
        } throws: { error in
            let failure = error as? PostgresFailure
            return failure?.kind == .authentication && failure!.sqlState == "28P01" && failure!.message.contains("refused user postgres")
                && !failure!.message.contains("not-the-password-42")
        }
        wrong.password = nil
        let none = wrong
        await #expect {
            try await onThread { _ = try PostgresSession.open(none, passwords: PasswordLookup(environment: [:], home: nil)) }
        } throws: { error in
            (error as? PostgresFailure)?.kind == .authentication && "\(error)".contains("PGPASSWORD")
        }
    }

    @Test func aMissingDatabaseSaysHowToCreateIt() async throws {
        var nowhere = try TestServer.location()
        nowhere.database = "handoff_nowhere"
        let location = nowhere
        await #expect {
            try await onThread { _ = try PostgresSession.open(location) }
        } throws: { error in
            let failure = error as? PostgresFailure
            return failure?.kind == .databaseMissing && failure!.message.contains("createdb -h 127.0.0.1 -p \(location.port) -U postgres handoff_nowhere")
        }
    }

    /// The test server offers no TLS: `prefer` goes on without it, `require` is refused with what to change.
    @Test func tlsIsUsedAsSSLModeSays() async throws {
        var preferring = try TestServer.location()
        preferring.sslMode = .prefer
        var requiring = preferring
        requiring.sslMode = .require
        let (prefer, require) = (preferring, requiring)
        #expect(try await onThread {
            let session = try PostgresSession.open(prefer)
            defer { session.close() }
            return try session.value("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", as: Bool.self)
        } == false)
        await #expect {
            try await onThread { _ = try PostgresSession.open(require) }
        } throws: { error in
            (error as? PostgresFailure)?.kind == .tls && "\(error)".contains("sslmode=require") && "\(error)".contains("sslmode=prefer")
        }
    }

    @Test func aLostConnectionIsToldAsLost() async throws {
        let location = try TestServer.location()
        try await onThread {
            let session = try PostgresSession.open(location), killer = try PostgresSession.open(location)
            defer { killer.close() }
            let pid = try session.backendPID()
            try killer.execute("SELECT pg_terminate_backend(\(pid))")
            #expect(seconds(within: 5) { session.isClosed } != nil)
            #expect {
                try session.execute(sql: "SELECT 1")
            } throws: { error in
                (error as? PostgresFailure)?.kind == .connectionLost
            }
        }
    }
}

/// A loopback port with nothing listening on it.
func closedPort() throws -> Int {
    for _ in 0..<50 {
        let port = Int.random(in: 20_000..<60_000)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if connected != 0 { return port }
    }
    throw CocoaError(.featureUnsupported)
}

@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct KeepaliveTests {
    /// The server's end of every session probes a silent client, so a vanished machine's session (and its locks) ends.
    @Test func theServerProbesEverySessionAsKeepaliveSays() async throws {
        let location = try TestServer.location()
        let settings = try await onThread {
            let session = try PostgresSession.open(location, keepalive: Keepalive(idle: 7, interval: 3, count: 4, userTimeout: 19))
            defer { session.close() }
            return try session.row("""
                SELECT current_setting('tcp_keepalives_idle'), current_setting('tcp_keepalives_interval'),
                       current_setting('tcp_keepalives_count'), current_setting('tcp_user_timeout'), current_setting('application_name')
                """, as: (String, String, String, String, String).self)
        }
        let values = try #require(settings)
        #expect(values.0 == "7" && values.1 == "3" && values.2 == "4")
        #expect(values.3 == "19000")  // milliseconds
        #expect(values.4 == "handoff")
        #expect(Keepalive.standard.bound == 11)
    }
}
