/// Readiness checks run before routing.
public struct ReadinessPolicy: Sendable, Hashable {
    /// Fields that must be present (non-empty after trimming).
    public var require: [LeadField]
    /// Whether a lead from a free-mail domain (gmail.com, ...) is flagged or routed as usual.
    public var freeEmailDomains: FreeEmailPolicy
    /// Extra domains treated as free mail, on top of the built-in list.
    public var extraFreeEmailDomains: Set<String>

    public init(require: [LeadField] = [], freeEmailDomains: FreeEmailPolicy = .allow, extraFreeEmailDomains: Set<String> = []) {
        self.require = require
        self.freeEmailDomains = freeEmailDomains
        self.extraFreeEmailDomains = extraFreeEmailDomains
    }
}

public enum FreeEmailPolicy: String, Sendable, Hashable { case flag, allow }

/// How earlier leads from the same person are spotted.
public struct DuplicatePolicy: Sendable, Hashable {
    /// Fields that together identify a person, e.g. `[email]` or `[email_domain, last_name]`.
    public var matchOn: [LeadField]
    /// How far back an earlier lead counts, in seconds.
    public var window: Int
    public var action: DuplicateAction

    public init(matchOn: [LeadField] = [.email], window: Int = 30 * 86_400, action: DuplicateAction = .flag) {
        self.matchOn = matchOn
        self.window = window
        self.action = action
    }
}

public enum DuplicateAction: String, Sendable, Hashable { case flag, ignore }

/// How leads are matched to known accounts.
public struct AccountMatching: Sendable, Hashable {
    public var matchOn: AccountMatchKey
    public init(matchOn: AccountMatchKey = .domain) { self.matchOn = matchOn }
}

public enum AccountMatchKey: String, Sendable, Hashable {
    /// Email domain first (unless free mail), then website domain.
    case domain
    /// Website domain only.
    case websiteDomain = "website_domain"
    /// Email domain only.
    case emailDomain = "email_domain"
    /// No account matching.
    case none
}

/// How long an owner has to accept a lead, and what happens when they do not.
public struct SLAPolicy: Sendable, Hashable {
    /// Seconds of the owner's working time.
    public var acceptWithin: Int
    public var onBreach: BreachAction
    /// Seconds before the due time to send a reminder, if any.
    public var remindBefore: Int?
    public var notify: Bool

    public init(acceptWithin: Int, onBreach: BreachAction = .flag, remindBefore: Int? = nil, notify: Bool = false) {
        self.acceptWithin = acceptWithin
        self.onBreach = onBreach
        self.remindBefore = remindBefore
        self.notify = notify
    }
}

public enum BreachAction: String, Sendable, Hashable { case reroute, flag }
