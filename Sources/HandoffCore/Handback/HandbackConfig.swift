import Foundation

/// Where Handoff tells the world about owners (`handback.yaml` beside the rulebook): webhook endpoints,
/// the CRMs it writes owners back to, and how deliveries are retried. Secrets are named here (an
/// environment variable or a file), never written here.
public struct HandbackConfig: Sendable, Hashable {
    /// A line and column in the file, for messages about a value found wrong later (a secret not set).
    public struct Place: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var description: String { "\(line):\(column)" }

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// Where a secret comes from: an environment variable, or a file readable by its owner only.
    public enum SecretSource: Sendable, Hashable {
        case environment(String, Place)
        /// The path as written (relative to the configuration's directory unless absolute).
        case file(String, Place)
    }

    public struct Webhook: Sendable, Hashable {
        /// Unique in the file; the delivery log names the endpoint by it (`webhook:NAME`).
        public var name: String
        public var url: String
        public var events: Set<HandbackEvent>
        public var secret: SecretSource
        /// Seconds one attempt may take before it counts as failed.
        public var timeout: Double
        public var place: Place

        public var target: String { "webhook:\(name)" }

        public init(name: String, url: String, events: Set<HandbackEvent>, secret: SecretSource, timeout: Double, place: Place) {
            self.name = name
            self.url = url
            self.events = events
            self.secret = secret
            self.timeout = timeout
            self.place = place
        }
    }

    public struct CRMEndpoint: Sendable, Hashable {
        public var crm: CRM
        /// HubSpot's API base (`https://api.hubapi.com`) or the Salesforce instance URL.
        public var baseURL: String
        /// Salesforce's REST API version, e.g. `62.0`; unused for HubSpot.
        public var apiVersion: String
        public var token: SecretSource
        public var timeout: Double
        public var place: Place

        public var target: String { crm.rawValue }

        public init(crm: CRM, baseURL: String, apiVersion: String, token: SecretSource, timeout: Double, place: Place) {
            self.crm = crm
            self.baseURL = baseURL
            self.apiVersion = apiVersion
            self.token = token
            self.timeout = timeout
            self.place = place
        }
    }

    /// Exponential backoff: attempt n waits `first` x 2^(n-1), at most `max`, with jitter; after
    /// `attempts` attempts a delivery is dead-lettered.
    public struct Retry: Sendable, Hashable {
        public var attempts: Int
        public var first: Double
        public var max: Double

        public static let standard = Retry(attempts: 8, first: 2, max: 3_600)

        public init(attempts: Int, first: Double, max: Double) {
            self.attempts = attempts
            self.first = first
            self.max = max
        }
    }

    public var webhooks: [Webhook] = []
    public var crms: [CRMEndpoint] = []
    public var retry = Retry.standard

    public init() {}

    public static let defaultTimeout = 10.0
    public static let defaultSalesforceVersion = "62.0"
    public static let defaultHubSpotBase = "https://api.hubapi.com"

    public func crm(_ crm: CRM) -> CRMEndpoint? { crms.first { $0.crm == crm } }

    /// Every delivery target named here.
    public var targets: [String] { webhooks.map(\.target) + crms.map(\.target) }
}
