import Foundation

/// Finds the password for a location, from the three places Handoff reads one (as libpq does, in its
/// order): the location itself, the `PGPASSWORD` variable, then a password file (`PGPASSFILE`, else
/// `~/.pgpass`) in libpq's format, `host:port:database:user:password` a line with `*` for any value.
/// The file must be readable by its owner only (mode 600 or stricter): one others can read is refused,
/// not skipped, so a password is never taken from a file that has leaked it.
public struct PasswordLookup: Sendable {
    public var environment: [String: String]
    public var home: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, home: String? = NSHomeDirectory()) {
        self.environment = environment
        self.home = home
    }

    /// The password for `location`, or nil when none of the three gives one (trust or peer authentication).
    public func password(for location: PostgresLocation) throws(PasswordFileError) -> Secret? {
        if let password = location.password { return password }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return Secret(password) }
        let path: String
        if let given = environment["PGPASSFILE"], !given.isEmpty {
            path = given
        } else if let home {
            path = (home as NSString).appendingPathComponent(".pgpass")
        } else {
            return nil
        }
        guard FileManager.default.fileExists(atPath: path) else {
            if environment["PGPASSFILE"] != nil { throw PasswordFileError(path: path, problem: "does not exist (PGPASSFILE names it)") }
            return nil
        }
        return try Self.read(path: path, for: location)
    }

    static func read(path: String, for location: PostgresLocation) throws(PasswordFileError) -> Secret? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw PasswordFileError(path: path, problem: "cannot be read (\(String(cString: strerror(errno))))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw PasswordFileError(path: path, problem: "is not a regular file") }
        guard status.st_mode & 0o077 == 0 else {
            throw PasswordFileError(path: path, problem: String(format: "can be read by others (mode %03o); run chmod 600 on it", status.st_mode & 0o777))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw PasswordFileError(path: path, problem: "cannot be read as UTF-8 text")
        }
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            let fields = Self.fields(line)
            guard fields.count == 5 else { continue }
            let wanted = [location.host, String(location.port), location.database, location.user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return Secret(fields[4]) }
        }
        return nil
    }

    /// A line's fields split on `:`, with `\:` and `\\` for a colon or backslash inside one.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaping = false
        for character in line {
            if escaping {
                current.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}

/// A password file Handoff will not read, and what to do about it.
public struct PasswordFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public var description: String { "the password file \(path) \(problem)" }
}
