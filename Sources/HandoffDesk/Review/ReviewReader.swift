import Foundation
import HandoffCore
import HandoffStore

/// Reads a review from the store: the window's facts, and the recorded rulebooks for pool members,
/// weights and capacities (each version's text read and parsed once, then kept).
public struct ReviewReader: Sendable {
    private var parsed: [String: Rulebook] = [:]

    public init() {}

    /// The leads received from `end - seconds` through `end`. `inForce`, when given, supplies the pools the
    /// figures over all versions use (else the newest recorded version's).
    public mutating func review(_ store: any LeadStore, last seconds: TimeInterval, endingAt end: Date, inForce: Rulebook? = nil) throws -> Review {
        let facts = try store.reviewFacts(from: end.addingTimeInterval(-seconds), through: end)
        let recorded = try store.rulebooks(countingDecisions: false)
        if let inForce { parsed[inForce.version] = inForce }
        for stored in recorded where parsed[stored.version] == nil {
            if let source = try store.rulebookSource(stored.version),
               let rulebook = RulebookLoader.load(yaml: source, file: stored.version).rulebook {
                parsed[stored.version] = rulebook
            }
        }
        return ReviewBuilder(rulebooks: parsed, recorded: recorded, current: inForce?.version).build(facts)
    }
}
