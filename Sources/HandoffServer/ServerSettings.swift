import Foundation

/// Everything `handoff serve` is told on its command line and in its environment, checked.
public struct ServerSettings: Sendable {
    public var listen: ListenAddress
    public var tokens: AccessTokens
    /// Largest request body accepted, in bytes (413 past it).
    public var maxBody: Int
    /// Most leads one request may carry (422 past it).
    public var maxLeads: Int
    /// Longest a request body may take to arrive (408 past it).
    public var requestTimeout: Duration
    /// How long `?wait=owner` holds the answer for the decision, and the most `Prefer: wait=N` may ask.
    public var waitDefault: Duration
    public var waitLimit: Duration
    /// The CRM hooks' secrets and addresses (POST /hooks/hubspot, POST /hooks/salesforce).
    public var hooks = HookSettings()
    /// How often an idle event stream (`GET /v1/events/stream`) sends a comment to keep proxies from closing it.
    public var feedHeartbeat: Duration = .seconds(15)

    public static let defaultMaxBody = 1 << 20
    public static let defaultMaxLeads = 1_000

    public init(listen: ListenAddress, tokens: AccessTokens, maxBody: Int = ServerSettings.defaultMaxBody,
                maxLeads: Int = ServerSettings.defaultMaxLeads, requestTimeout: Duration = .seconds(10),
                waitDefault: Duration = .seconds(2), waitLimit: Duration = .seconds(10)) {
        self.listen = listen
        self.tokens = tokens
        self.maxBody = maxBody
        self.maxLeads = maxLeads
        self.requestTimeout = requestTimeout
        self.waitDefault = waitDefault
        self.waitLimit = waitLimit
    }

    /// Why the server refuses to start with these settings, or nil.
    public var refusal: String? {
        if !listen.isLoopback, tokens.isEmpty {
            return "refusing to listen on \(listen) without tokens: anyone who can reach it could send leads. "
                + "Set HANDOFF_API_TOKEN or pass --tokens FILE, or listen on 127.0.0.1"
        }
        return nil
    }
}

/// `HOST:PORT` to listen on: `127.0.0.1:8420`, `[::1]:8420`, `0.0.0.0:8420`, `localhost:8420`.
public struct ListenAddress: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public static let standard = ListenAddress(host: "127.0.0.1", port: 8420)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Nil with the reason when `text` is not `HOST:PORT`.
    public static func parse(_ text: String) -> Result<ListenAddress, ListenAddressError> {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(ListenAddressError("'\(text)' is not [IPv6]:PORT, e.g. [::1]:8420"))
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon else {
                return .failure(ListenAddressError("'\(text)' is not HOST:PORT, e.g. 127.0.0.1:8420"))
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { return .failure(ListenAddressError("'\(text)' names no host; e.g. 127.0.0.1:8420")) }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            return .failure(ListenAddressError("'\(portText)' in '\(text)' is not a port (0 to 65535)"))
        }
        return .success(ListenAddress(host: String(host), port: port))
    }

    /// Only this machine can connect: 127.0.0.0/8, ::1 or localhost.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

public struct ListenAddressError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
