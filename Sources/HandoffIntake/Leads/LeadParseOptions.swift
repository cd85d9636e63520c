import Foundation

/// What the caller decides for every lead of an import.
public struct LeadParseOptions: Sendable {
    /// The receive time of leads whose record gives none (no time column, or an empty one).
    public var receivedAt: Date
    /// How time columns are read.
    public var dates: DateText
    /// The id of the n-th accepted lead (1-based). Ids are Handoff's own; the input's id column
    /// becomes `externalId`.
    public var makeID: @Sendable (Int) -> String

    public init(receivedAt: Date, dates: DateText = DateText(), makeID: @escaping @Sendable (Int) -> String = LeadParseOptions.serialID) {
        self.receivedAt = receivedAt
        self.dates = dates
        self.makeID = makeID
    }

    /// "L-0000042", the form the demo and the store use.
    @Sendable public static func serialID(_ n: Int) -> String {
        let digits = String(n)
        return "L-" + String(repeating: "0", count: max(0, 7 - digits.utf8.count)) + digits
    }
}
