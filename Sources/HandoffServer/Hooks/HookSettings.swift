import Foundation

/// How the CRM hooks are configured: HubSpot's client secret, the CRM API to read contacts from and its
/// token, the Salesforce organization, and the public URL a proxy exposes. Secrets are kept here only,
/// never printed: `description` names what is set, not what it is.
public struct HookSettings: Sendable, CustomStringConvertible {
    /// The HubSpot app's client secret: the key of its request signatures.
    public var hubSpotSecret: String?
    /// HubSpot's CRM API, where the contacts named by webhook events are read.
    public var hubSpotAPI: URL
    /// A private app's access token (or an OAuth access token) for the CRM API.
    public var hubSpotToken: String?
    /// How long a CRM read may take: HubSpot waits 5 s for the webhook's answer.
    public var hubSpotReadTimeout: Duration
    /// The Salesforce organization whose outbound messages are taken (15 or 18 characters).
    public var salesforceOrg: SalesforceId?
    /// The URL HubSpot calls, up to the route (`https://handoff.example.com`), when a proxy stands in front.
    public var publicURL: URL?

    public static let defaultHubSpotAPI = URL(string: "https://api.hubapi.com")!

    public init(hubSpotSecret: String? = nil, hubSpotAPI: URL = HookSettings.defaultHubSpotAPI, hubSpotToken: String? = nil,
                hubSpotReadTimeout: Duration = .seconds(4), salesforceOrg: SalesforceId? = nil, publicURL: URL? = nil) {
        self.hubSpotSecret = hubSpotSecret
        self.hubSpotAPI = hubSpotAPI
        self.hubSpotToken = hubSpotToken
        self.hubSpotReadTimeout = hubSpotReadTimeout
        self.salesforceOrg = salesforceOrg
        self.publicURL = publicURL
    }

    public var description: String {
        "HookSettings(hubSpotSecret: \(hubSpotSecret == nil ? "unset" : "set"), hubSpotAPI: \(hubSpotAPI), "
            + "hubSpotToken: \(hubSpotToken == nil ? "unset" : "set"), salesforceOrg: \(salesforceOrg?.description ?? "unset"), "
            + "publicURL: \(publicURL?.absoluteString ?? "unset"))"
    }

    /// Why `text` cannot be a base URL (the public URL, the CRM API), or nil: it must be an absolute
    /// http(s) URL without query or fragment. `example` shows a good one.
    public static func baseURLProblem(_ text: String, example: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              url.host != nil else {
            return "'\(text)' is not an http(s) URL with a host, e.g. \(example)"
        }
        if url.query != nil || url.fragment != nil { return "'\(text)' has a query or fragment; give the URL up to the route, e.g. \(example)" }
        return nil
    }
}

/// Reads a secret from a file that only its owner may read (mode 600 or stricter), as the tokens file
/// is read. Messages name the file, never its content.
public enum SecretFile {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The file's first line, trimmed.
    public static func read(_ path: String, what: String) throws(Problem) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Problem(description: "cannot read the \(what) file \(path): \(String(cString: strerror(errno)))")
        }
        let mode = status.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw Problem(description: "the \(what) file \(path) can be read by others (mode \(String(mode, radix: 8))); run `chmod 600 \(path)` and start again")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Problem(description: "cannot read the \(what) file \(path) as UTF-8 text")
        }
        let secret = text.split(separator: "\n", omittingEmptySubsequences: true).first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard !secret.isEmpty else { throw Problem(description: "the \(what) file \(path) is empty; put the secret on its first line") }
        return secret
    }
}
