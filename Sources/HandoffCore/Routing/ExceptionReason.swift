/// Why a lead was flagged for a person's judgment. Codes are stable: they are stored and filtered on.
public enum ExceptionReason: String, Sendable, Hashable, CaseIterable, Codable {
    case missingField = "missing_field"
    case invalidEmail = "invalid_email"
    case freeEmail = "free_email"
    case duplicateSuspect = "duplicate_suspect"
    case noRoute = "no_route"
    case noAvailableOwner = "no_available_owner"
    case overCapacity = "over_capacity"
    case reviewRequired = "review_required"
    case slaBreached = "sla_breached"
    case manual = "manual"

    public var code: String { rawValue }

    /// A few words for people.
    public var label: String {
        switch self {
        case .missingField: "missing field"
        case .invalidEmail: "invalid email"
        case .freeEmail: "free-mail address"
        case .duplicateSuspect: "possible duplicate"
        case .noRoute: "no route matched"
        case .noAvailableOwner: "no owner available"
        case .overCapacity: "owners at capacity"
        case .reviewRequired: "review required"
        case .slaBreached: "SLA breached"
        case .manual: "flagged by an operator"
        }
    }

    /// A one-cell glyph so the reason never depends on color alone.
    public var glyph: String {
        switch self {
        case .missingField: "?"
        case .invalidEmail: "@"
        case .freeEmail: "f"
        case .duplicateSuspect: "="
        case .noRoute: "∅"
        case .noAvailableOwner: "-"
        case .overCapacity: "▲"
        case .reviewRequired: "✓"
        case .slaBreached: "!"
        case .manual: "*"
        }
    }
}
