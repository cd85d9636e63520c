import Foundation
import HandoffPostgres
import Testing

@Suite struct LocationTests {
    @Test func readsEveryPart() throws {
        let location = try PostgresLocation(parsing: "postgresql://ana%40acme:p%3Ass@db.acme.io:6543/sales%20eu?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=3&application_name=desk")
        #expect(location.user == "ana@acme")
        #expect(location.password?.revealed == "p:ss")
        #expect(location.host == "db.acme.io")
        #expect(location.port == 6543)
        #expect(location.database == "sales eu")
        #expect(location.sslMode == .verifyFull)
        #expect(location.sslRootCertificate == "/etc/ca.pem")
        #expect(location.connectTimeout == 3)
        #expect(location.applicationName == "desk")
    }

    @Test func defaultsPortAndTLS() throws {
        let location = try PostgresLocation(parsing: "postgres://ana@localhost/handoff")
        #expect(location.port == 5432)
        #expect(location.password == nil)
        #expect(location.sslMode == .prefer)
        #expect(try PostgresLocation(parsing: "postgres://ana@h/d?sslmode=allow").sslMode == .prefer)
    }

    @Test func readsIPv6Hosts() throws {
        let location = try PostgresLocation(parsing: "postgres://ana@[::1]:5433/handoff")
        #expect(location.host == "::1")
        #expect(location.port == 5433)
        #expect(location.endpoint == "[::1]:5433")
    }

    @Test func neverShowsThePassword() throws {
        let location = try PostgresLocation(parsing: "postgres://ana:hunter2@db:5433/handoff?sslmode=require")
        #expect(location.description == "postgres://ana:***@db:5433/handoff?sslmode=require")
        #expect(!"\(location)".contains("hunter2"))
        #expect(!String(reflecting: location).contains("hunter2"))
        var dumped = ""
        dump(location, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect("\(location.password!)" == "***")
        // A description reads back as the same location, less the password.
        var withoutPassword = location
        withoutPassword.password = nil
        #expect(try PostgresLocation(parsing: withoutPassword.description) == withoutPassword)
    }

    @Test(arguments: [
        ("mysql://ana@h/d", "does not start with postgres://"),
        ("postgres://ana@h", "names no database"),
        ("postgres://ana@h/", "names no database"),
        ("postgres://h/d", "names no user"),
        ("postgres://:pw@h/d", "the user is empty"),
        ("postgres://ana@/d", "names no host"),
        ("postgres://ana@h:0/d", "the port \"0\""),
        ("postgres://ana@h:99999/d", "the port \"99999\""),
        ("postgres://ana@h:+5/d", "the port \"+5\""),
        ("postgres://ana@[::1/d", "no closing ]"),
        ("postgres://ana@h/d/e", "holds a /"),
        ("postgres://ana@h/d?sslmode=always", "sslmode \"always\" is not one of"),
        ("postgres://ana@h/d?timeout=3", "\"timeout\" is not one Handoff reads"),
        ("postgres://ana@h/d?connect_timeout=0", "connect_timeout \"0\""),
        ("postgres://ana@h/d?sslmode", "has no value"),
        ("postgres://an%zza@h/d", "% that is not followed"),
        ("postgres://ana@h/d%00", "NUL"),
        ("postgres://ana@h/d%ff", "not UTF-8"),
        ("postgres://ana@h o/d", "the host \"h o\""),
        ("postgres://ana:pw#1@h/d", "fragment"),
    ])
    func refusesWithWhatIsWrong(text: String, problem: String) {
        #expect {
            try PostgresLocation(parsing: text)
        } throws: { error in
            "\(error)".contains(problem) && "\(error)".contains("postgres://USER[:PASSWORD]@HOST")
        }
    }

    @Test func errorsNeverShowThePassword() {
        for text in ["postgres://ana:hunter2@h:99999/d", "postgres://ana:hunter2@h/d?sslmode=x", "postgres://ana:hunter2@/d"] {
            #expect {
                try PostgresLocation(parsing: text)
            } throws: { error in
                !"\(error)".contains("hunter2")
            }
        }
    }
}

@Suite struct PasswordLookupTests {
    let location = try! PostgresLocation(parsing: "postgres://ana@db.acme.io:5433/handoff")

    private func passFile(_ text: String, mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode_t(mode))
        return path
    }

    @Test func takesTheLocationsFirstThenPGPASSWORD() throws {
        var withPassword = location
        withPassword.password = Secret("from-url")
        let lookup = PasswordLookup(environment: ["PGPASSWORD": "from-env"], home: nil)
        #expect(try lookup.password(for: withPassword)?.revealed == "from-url")
        #expect(try lookup.password(for: location)?.revealed == "from-env")
        #expect(try PasswordLookup(environment: [:], home: nil).password(for: location) == nil)
    }

    @Test func readsAPasswordFileOfMode600() throws {
        let path = try passFile("""
            # comment
            other:5433:handoff:ana:wrong
            db.acme.io:5433:*:ana:pa\\:ss
            *:*:*:*:fallback
            """, mode: 0o600)
        defer { unlink(path) }
        let lookup = PasswordLookup(environment: ["PGPASSFILE": path], home: nil)
        #expect(try lookup.password(for: location)?.revealed == "pa:ss")
        var elsewhere = location
        elsewhere.host = "other.host"
        #expect(try lookup.password(for: elsewhere)?.revealed == "fallback")
    }

    @Test func refusesAPasswordFileOthersCanRead() throws {
        let path = try passFile("*:*:*:*:secret\n", mode: 0o644)
        defer { unlink(path) }
        #expect {
            try PasswordLookup(environment: ["PGPASSFILE": path], home: nil).password(for: location)
        } throws: { error in
            "\(error)".contains("mode 644") && "\(error)".contains("chmod 600") && !"\(error)".contains("secret")
        }
        chmod(path, 0o400)
        #expect(try PasswordLookup(environment: ["PGPASSFILE": path], home: nil).password(for: location)?.revealed == "secret")
    }

    @Test func aMissingNamedPasswordFileIsAnError() {
        #expect(throws: PasswordFileError.self) {
            try PasswordLookup(environment: ["PGPASSFILE": "/nonexistent/pgpass"], home: nil).password(for: location)
        }
        #expect(throws: Never.self) {
            try PasswordLookup(environment: [:], home: "/nonexistent").password(for: location)
        }
    }
}
