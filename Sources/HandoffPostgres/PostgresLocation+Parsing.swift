/// Why a PostgreSQL location could not be read: what is wrong, and how the location should be written.
/// The password is never part of the message.
public struct PostgresLocationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problem: String

    public init(_ problem: String) { self.problem = problem }

    public var description: String {
        "\(problem) (a PostgreSQL location reads postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...])"
    }
}

extension PostgresLocation {
    /// Reads `postgres://user[:password]@host[:port]/database[?param=value&...]`. User, password and database
    /// may be percent-encoded; a host may be an IPv6 address in brackets. Parameters: `sslmode` (disable,
    /// allow, prefer, require, verify-ca, verify-full), `sslrootcert`, `connect_timeout` (seconds),
    /// `application_name`.
    public init(parsing text: String) throws(PostgresLocationError) {
        var rest = Substring(text)
        if rest.hasPrefix("postgres://") {
            rest = rest.dropFirst("postgres://".count)
        } else if rest.hasPrefix("postgresql://") {
            rest = rest.dropFirst("postgresql://".count)
        } else {
            throw PostgresLocationError("the location does not start with postgres:// or postgresql://")
        }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        if rest.contains("#") || query.contains("#") {
            throw PostgresLocationError("the location has a fragment (#...); leave it out, or write # in a password as %23")
        }
        guard let slash = rest.firstIndex(of: "/") else {
            throw PostgresLocationError("the location names no database: end it with /DATABASE")
        }
        let authority = rest[..<slash]
        let path = rest[rest.index(after: slash)...]
        guard let at = authority.lastIndex(of: "@") else {
            throw PostgresLocationError("the location names no user: write USER@ before the host")
        }
        let userInfo = authority[..<at]
        let hostPort = authority[authority.index(after: at)...]

        let rawUser: Substring, rawPassword: Substring?
        if let colon = userInfo.firstIndex(of: ":") {
            rawUser = userInfo[..<colon]
            rawPassword = userInfo[userInfo.index(after: colon)...]
        } else {
            rawUser = userInfo
            rawPassword = nil
        }
        let user = try Self.decoded(rawUser, what: "the user")
        guard !user.isEmpty else { throw PostgresLocationError("the user is empty: write USER@ before the host") }
        var password: Secret?
        if let rawPassword { password = Secret(try Self.decoded(rawPassword, what: "the password")) }

        let (host, port) = try Self.hostAndPort(hostPort)
        guard !path.isEmpty else { throw PostgresLocationError("the location names no database: end it with /DATABASE") }
        guard !path.contains("/") else {
            throw PostgresLocationError("the database \"\(Self.shown(path))\" holds a /: a location names one database, written %2F if its name has a slash")
        }
        let database = try Self.decoded(path, what: "the database")

        self.init(user: user, password: password, host: host, port: port, database: database)
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else {
                throw PostgresLocationError("the parameter \"\(Self.shown(pair))\" has no value: write NAME=VALUE")
            }
            let name = String(pair[..<equals])
            let value = try Self.decoded(pair[pair.index(after: equals)...], what: "the parameter \(Self.shown(name[...]))")
            try apply(parameter: name, value: value)
        }
    }

    private mutating func apply(parameter name: String, value: String) throws(PostgresLocationError) {
        switch name {
        case "sslmode":
            if value == "allow" {
                sslMode = .prefer
            } else if let mode = SSLMode(rawValue: value) {
                sslMode = mode
            } else {
                let modes = (["allow"] + SSLMode.allCases.map(\.rawValue)).joined(separator: ", ")
                throw PostgresLocationError("sslmode \"\(Self.shown(value[...]))\" is not one of \(modes)")
            }
        case "sslrootcert":
            guard !value.isEmpty else { throw PostgresLocationError("sslrootcert is empty: give the path of a PEM file") }
            sslRootCertificate = value
        case "connect_timeout":
            guard let seconds = Int(value), (1...3600).contains(seconds) else {
                throw PostgresLocationError("connect_timeout \"\(Self.shown(value[...]))\" is not a number of seconds from 1 to 3600")
            }
            connectTimeout = seconds
        case "application_name":
            applicationName = value
        default:
            throw PostgresLocationError("the parameter \"\(Self.shown(name[...]))\" is not one Handoff reads (sslmode, sslrootcert, connect_timeout, application_name)")
        }
    }

    private static func hostAndPort(_ text: Substring) throws(PostgresLocationError) -> (String, Int) {
        var host: Substring, portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw PostgresLocationError("the IPv6 host \"\(shown(text))\" has no closing ]")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.isEmpty {
                portText = nil
            } else if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else {
                throw PostgresLocationError("after the IPv6 host comes :PORT or /DATABASE, not \"\(shown(after))\"")
            }
        } else if let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            host = text
            portText = nil
        }
        guard !host.isEmpty else { throw PostgresLocationError("the location names no host: write @HOST after the user") }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._:%".utf8)
        guard host.utf8.allSatisfy({ allowed.contains($0) }) else {
            throw PostgresLocationError("the host \"\(shown(host))\" holds characters a host name or address cannot")
        }
        var port = defaultPort
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number), portText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw PostgresLocationError("the port \"\(shown(portText))\" is not a number from 1 to 65535")
            }
            port = number
        }
        return (String(host), port)
    }

    /// Percent-decoded UTF-8.
    private static func decoded(_ text: Substring, what: String) throws(PostgresLocationError) -> String {
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: i)
                guard first != utf8.endIndex, utf8.index(after: first) != utf8.endIndex,
                      let high = hexValue(utf8[first]), let low = hexValue(utf8[utf8.index(after: first)]) else {
                    throw PostgresLocationError("\(what) has a % that is not followed by two hexadecimal digits")
                }
                bytes.append(high << 4 | low)
                i = utf8.index(i, offsetBy: 3)
            } else {
                bytes.append(byte)
                i = utf8.index(after: i)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw PostgresLocationError("\(what) is not UTF-8 once its %XX escapes are decoded")
        }
        guard !decoded.utf8.contains(0) else { throw PostgresLocationError("\(what) holds a NUL character (%00)") }
        return decoded
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }

    /// A piece of the location for an error message: at most 60 characters, control characters escaped.
    static func shown(_ text: Substring) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(60) {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 60 ? out + "..." : out
    }
}
