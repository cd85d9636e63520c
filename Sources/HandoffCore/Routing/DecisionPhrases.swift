/// The texts of exception details that depend only on the rulebook, by pool or route position.
/// A fifth of leads are flagged, and interpolating these for each one cost more than matching its route.
struct DecisionPhrases: Sendable {
    /// "no owner in emea-enterprise can take a lead now", by pool.
    var noOwner: [String] = []
    /// "every owner in emea-enterprise is at capacity", by pool.
    var allFull: [String] = []
    /// "route strategic-review asks for approval", by route.
    var review: [String] = []
    /// "same email as " (the earlier lead's id follows).
    var duplicatePrefix = ""
    /// "no route matched (4 tried)".
    var noRouteTried = ""

    /// Details that are the same for every rulebook.
    static let noFallback = "no route matched and the rulebook has no fallback"
    static let fallbackReview = "route fallback asks for approval"
    /// A route's miss when its condition held after all (never, for a lead no route matched).
    static let heldMiss = "held"
    static let missingPrefix = "missing "
    static let freeMailSuffix = " is a free-mail domain"
    static let invalidEmailQuotes = ("\"", "\" is not an email address")

    /// The details worded around one value: a duplicate's earlier lead, the missing fields, a free-mail
    /// domain, an address that is not one.
    static func detailShapes(_ rulebook: Rulebook) -> [(before: String, after: String)] {
        [(rulebook.phrases.duplicatePrefix, ""), (missingPrefix, ""), ("", freeMailSuffix), invalidEmailQuotes]
    }

    init() {}

    init(_ rulebook: Rulebook) {
        noOwner = rulebook.pools.map { "no owner in \($0.name) can take a lead now" }
        allFull = rulebook.pools.map { "every owner in \($0.name) is at capacity" }
        review = rulebook.routes.map { "route \($0.name) asks for approval" }
        duplicatePrefix = "same \(rulebook.duplicates.matchOn.map(\.name).joined(separator: " + ")) as "
        noRouteTried = "no route matched (\(rulebook.routes.count) tried)"
    }
}
