import Crypto
import Foundation

/// What a token lets its holder do. `admin` includes the others.
public enum TokenScope: String, Sendable, Hashable, CaseIterable {
    /// Send leads: POST /v1/leads.
    case intake
    /// Read figures: GET /metrics.
    case read
    /// Everything.
    case admin
}

/// The bearer tokens a server accepts, each with its scopes. Only SHA-256 digests are kept, so a token
/// is never in memory longer than it takes to read it, and each look-up compares every digest in
/// constant time: how long it takes tells nothing about which bytes matched.
public struct AccessTokens: Sendable {
    struct Entry: Sendable {
        var digest: [UInt8]
        var scopes: Set<TokenScope>
    }

    private var entries: [Entry] = []

    public init() {}

    /// Shortest token accepted: a guessable one would make the scopes pointless.
    public static let minimumLength = 16

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    public mutating func add(token: String, scopes: Set<TokenScope>) {
        entries.append(Entry(digest: Self.digest(token), scopes: scopes))
    }

    /// The scopes of `token`, or nil when no configured token matches.
    public func scopes(of token: String) -> Set<TokenScope>? {
        let presented = Self.digest(token)
        var found: Set<TokenScope>?
        for entry in entries {
            // Every entry is compared whatever matched before, and every byte of each.
            if Self.sameBytes(entry.digest, presented) { found = entry.scopes }
        }
        return found
    }

    /// Whether `a` and `b` hold the same bytes, in a time that depends on their lengths only: every byte
    /// is compared whatever differed before. Lengths are not secret (a digest's, a signature's).
    static func sameBytes(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    /// Whether `token` may act with `scope`: nil when the token is unknown.
    public func allows(_ token: String, _ scope: TokenScope) -> Bool? {
        guard let scopes = scopes(of: token) else { return nil }
        return scopes.contains(scope) || scopes.contains(.admin)
    }

    static func digest(_ token: String) -> [UInt8] { Array(SHA256.hash(data: Data(token.utf8))) }
}

/// Why tokens could not be configured; each message says what to do.
public struct TokenFileError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

extension AccessTokens {
    /// Reads a tokens file: one `TOKEN SCOPE[,SCOPE...]` a line, `#` starts a comment line. The file must
    /// be readable by its owner only (mode 600 or stricter). Messages name the line, never the token.
    public static func load(file path: String) throws(TokenFileError) -> AccessTokens {
        var status = stat()
        guard stat(path, &status) == 0 else { throw TokenFileError("cannot read the tokens file \(path): \(String(cString: strerror(errno)))") }
        let mode = status.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw TokenFileError("the tokens file \(path) can be read by others (mode \(String(mode, radix: 8))); run `chmod 600 \(path)` and start again")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw TokenFileError("cannot read the tokens file \(path) as UTF-8 text")
        }
        return try parse(text, file: path)
    }

    static func parse(_ text: String, file: String) throws(TokenFileError) -> AccessTokens {
        var tokens = AccessTokens()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let place = "\(file):\(index + 1)"
            guard parts.count == 2 else {
                throw TokenFileError("\(place): a line is `TOKEN SCOPES`, e.g. `<token> intake,read` (scopes: intake, read, admin)")
            }
            guard parts[0].count >= minimumLength else {
                throw TokenFileError("\(place): the token is shorter than \(minimumLength) characters; `openssl rand -hex 32` makes a good one")
            }
            var scopes = Set<TokenScope>()
            for name in parts[1].split(separator: ",") {
                guard let scope = TokenScope(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw TokenFileError("\(place): no scope '\(name)'; scopes are intake, read and admin, separated by commas")
                }
                scopes.insert(scope)
            }
            guard !scopes.isEmpty else { throw TokenFileError("\(place): name at least one scope: intake, read or admin") }
            tokens.add(token: String(parts[0]), scopes: scopes)
        }
        guard !tokens.isEmpty else { throw TokenFileError("the tokens file \(file) holds no token; add a line `TOKEN SCOPES`") }
        return tokens
    }
}
