/// Which export format a file's headers are spelled in, for the import summary.
public enum HeaderDialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Handoff's own snake_case names.
    case canonical
    /// HubSpot contact exports: property labels or internal names.
    case hubSpot = "HubSpot"
    /// Salesforce lead exports: API names or report labels.
    case salesforce = "Salesforce"
    /// Exact spellings from more than one of the above.
    case mixed
    /// No header spelled exactly as any format spells it (matched loosely, or not at all).
    case unknown

    public var description: String { rawValue }
}

/// The formats one header's exact spelling belongs to, as bits, and the verdict over many headers.
struct DialectTally: Sendable, Hashable {
    static let canonical: UInt8 = 1, hubSpot: UInt8 = 2, salesforce: UInt8 = 4

    /// Formats consistent with every spelling seen so far.
    private var common: UInt8 = 0b111
    private var any: UInt8 = 0

    mutating func add(_ formats: UInt8) {
        guard formats != 0 else { return }
        common &= formats
        any |= formats
    }

    /// When several formats fit every header (say "Email" alone), the first of canonical, HubSpot,
    /// Salesforce wins: a verdict, not a guess at a file the headers cannot tell apart.
    var dialect: HeaderDialect {
        if any == 0 { return .unknown }
        if common & Self.canonical != 0 { return .canonical }
        if common & Self.hubSpot != 0 { return .hubSpot }
        if common & Self.salesforce != 0 { return .salesforce }
        return .mixed
    }
}
