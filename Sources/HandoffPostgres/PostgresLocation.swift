/// Where a workspace's PostgreSQL database is: `postgres://user[:password]@host[:port]/database[?params]`
/// (or `postgresql://`), read with an error that names what is wrong and how to write it.
///
/// The password never shows: `description` prints `***` in its place, and `Secret` does the same for the
/// password itself, so a location can go into logs and error messages as it is.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    /// The password written in the location, if any; `PasswordLookup` finds one elsewhere otherwise.
    public var password: Secret?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// A file of PEM certificates to trust for `verify-ca` and `verify-full` (`sslrootcert=`).
    public var sslRootCertificate: String?
    /// Seconds to wait for the server to answer a connection (`connect_timeout=`, 10 by default).
    public var connectTimeout: Int
    /// The name the server shows for the connection in `pg_stat_activity` (`application_name=`).
    public var applicationName: String

    public static let defaultPort = 5432

    /// How the connection uses TLS, as libpq's `sslmode` says it.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// Never.
        case disable
        /// When the server offers it; no certificate check (libpq's `allow` is read as this).
        case prefer
        /// Always, without checking the certificate.
        case require
        /// Always, with the certificate checked against trusted roots but not against the host name.
        case verifyCA = "verify-ca"
        /// Always, with the certificate checked against trusted roots and the host name.
        case verifyFull = "verify-full"
    }

    public init(user: String, password: Secret? = nil, host: String, port: Int = PostgresLocation.defaultPort, database: String,
                sslMode: SSLMode = .prefer, sslRootCertificate: String? = nil, connectTimeout: Int = 10,
                applicationName: String = "handoff") {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
    }

    /// True for text that is meant as a PostgreSQL location rather than a file path.
    public static func isLocation(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The location with its password shown as `***`.
    public var description: String {
        var text = "postgres://\(Self.escaped(user, keeping: Self.userCharacters))"
        if password != nil { text += ":***" }
        text += "@\(host.contains(":") ? "[\(host)]" : host)"
        if port != Self.defaultPort { text += ":\(port)" }
        text += "/\(Self.escaped(database, keeping: Self.userCharacters))"
        var parameters: [String] = []
        if sslMode != .prefer { parameters.append("sslmode=\(sslMode.rawValue)") }
        if let sslRootCertificate { parameters.append("sslrootcert=\(Self.escaped(sslRootCertificate, keeping: Self.userCharacters + "/"))") }
        if connectTimeout != 10 { parameters.append("connect_timeout=\(connectTimeout)") }
        if applicationName != "handoff" { parameters.append("application_name=\(Self.escaped(applicationName, keeping: Self.userCharacters))") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    /// `host:port`, as an error about reaching the server names it.
    public var endpoint: String { "\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    static let userCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"

    static func escaped(_ text: String, keeping allowed: String) -> String {
        let keep = Set(allowed.utf8)
        var out = ""
        for byte in text.utf8 {
            if keep.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let digits = Array("0123456789ABCDEF")
                out += "%\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
            }
        }
        return out
    }
}

/// A password: kept as given, shown as `***` wherever it is printed or interpolated.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The password itself, for the connection's authentication only.
    public let revealed: String

    public init(_ revealed: String) { self.revealed = revealed }

    public var description: String { "***" }
    public var debugDescription: String { "***" }
    /// `dump` and the debugger show nothing of it either.
    public var customMirror: Mirror { Mirror(self, children: []) }
}
