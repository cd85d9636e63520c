import PostgresNIO

/// What went wrong talking to PostgreSQL, said so that the reader knows what to do. Made from
/// postgres-nio's errors by `PostgresFailure(_:at:)`; never holds the password.
public struct PostgresFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// No server answered at the location's host and port.
        case unreachable
        /// The server refused the user (wrong or missing password, pg_hba.conf).
        case authentication
        /// The server has no database of the location's name.
        case databaseMissing
        /// TLS could not be set up as `sslmode` asks.
        case tls
        /// The connection ended (server shut down, network lost, closed by this side).
        case connectionLost
        /// A transaction lost to a concurrent one (SQLSTATE 40001, or a deadlock, 40P01); running it again may succeed.
        case serializationFailure
        /// A row's value could not be read as the type asked for.
        case decoding
        /// Any other error the server reported.
        case server
    }

    public var kind: Kind
    /// The server's SQLSTATE, when the server reported the error.
    public var sqlState: String?
    /// What happened and what to do.
    public var message: String

    public init(_ kind: Kind, sqlState: String? = nil, _ message: String) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
    }

    public var description: String { message }

    /// `error` (thrown by postgres-nio or NIO while talking to `location`'s server) as a failure.
    public init(_ error: any Error, at location: PostgresLocation) {
        if let failure = error as? PostgresFailure {
            self = failure
            return
        }
        if let error = error as? PostgresDecodingError {
            self.init(.decoding, "a value of column \(error.columnName) (\(error.postgresType)) could not be read as \(error.targetType)")
            return
        }
        guard let error = error as? PSQLError else {
            self = Self.transport(error, at: location)
            return
        }
        let server = location.endpoint
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let said = Self.serverText(error)
            switch state {
            case "28P01", "28000":
                self.init(.authentication, sqlState: state, """
                    PostgreSQL at \(server) refused user \(location.user): \(said). Check the password (given in the location, \
                    PGPASSWORD or a password file of mode 600) and the server's pg_hba.conf
                    """)
            case "3D000":
                self.init(.databaseMissing, sqlState: state, """
                    PostgreSQL at \(server) has no database \"\(location.database)\": create it with \
                    createdb -h \(location.host) -p \(location.port) -U \(location.user) \(location.database) \
                    (or CREATE DATABASE), then run handoff init
                    """)
            case "40001", "40P01":
                self.init(.serializationFailure, sqlState: state, "a concurrent transaction won: \(said); run it again")
            case "57P01", "57P02", "57P03":
                self.init(.connectionLost, sqlState: state, "PostgreSQL at \(server) is shutting down or starting: \(said)")
            default:
                self.init(.server, sqlState: state, "PostgreSQL at \(server): \(said)")
            }
        case .authMechanismRequiresPassword:
            self.init(.authentication, """
                PostgreSQL at \(server) asks user \(location.user) for a password and none was given: put it in the location, \
                in PGPASSWORD, or in a password file (~/.pgpass or PGPASSFILE, mode 600)
                """)
        case .unsupportedAuthMechanism, .saslError:
            self.init(.authentication, "PostgreSQL at \(server) could not authenticate user \(location.user) (\(error.code)); Handoff speaks password, md5 and SCRAM-SHA-256")
        case .sslUnsupported:
            self.init(.tls, "PostgreSQL at \(server) does not offer TLS, which sslmode=\(location.sslMode.rawValue) requires: turn ssl on in the server or use sslmode=prefer")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            self.init(.tls, "TLS with PostgreSQL at \(server) failed (\(error.code)): check sslmode and the server's certificate")
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            self.init(.connectionLost, "the connection to PostgreSQL at \(server) ended (\(error.code)): is the server still running and reachable?")
        case .connectionError:
            if let underlying = error.underlying {
                self = Self.transport(underlying, at: location)
            } else {
                self.init(.unreachable, "cannot reach PostgreSQL at \(server): is the server running and listening there?")
            }
        case .queryCancelled:
            self.init(.server, "a query to PostgreSQL at \(server) was cancelled")
        default:
            self.init(.server, "PostgreSQL at \(server): \(error.code)")
        }
    }

    /// A failure below PostgreSQL's protocol: connecting, TLS, the socket.
    static func transport(_ error: any Error, at location: PostgresLocation) -> PostgresFailure {
        let server = location.endpoint
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout:
                return PostgresFailure(.unreachable, "no answer from PostgreSQL at \(server) within \(location.connectTimeout) s: is the host right and the port open?")
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .eof:
                return PostgresFailure(.connectionLost, "the connection to PostgreSQL at \(server) is closed")
            default:
                break
            }
        }
        if error is NIOSSLError {
            return PostgresFailure(.tls, "TLS with PostgreSQL at \(server) failed (\(error)): check sslmode, sslrootcert and the server's certificate")
        }
        return PostgresFailure(.unreachable, "cannot reach PostgreSQL at \(server) (\(error)): is the server running and listening on TCP there?")
    }

    private static func serverText(_ error: PSQLError) -> String {
        var text = error.serverInfo?[.message] ?? "\(error.code)"
        if let detail = error.serverInfo?[.detail] { text += " (\(detail))" }
        if let hint = error.serverInfo?[.hint] { text += "; \(hint)" }
        return text
    }
}
