import HandoffCore

/// The reason and text of a decision's last event ("route enterprise-emea", or the exceptions).
package struct DecisionOutcome: Sendable {
    package var reason: String
    package var text: String?
    /// `text` coded with the words the decision was coded with (`ExceptionsTextCode`), which a writer
    /// stores in its place where the store keeps those words.
    package var codedText: [UInt8]?

    /// `words`: those the decision is coded with (format 2), if any.
    package init(_ decision: Decision, words: DecisionWords? = nil) {
        if decision.isAssigned, decision.owner != nil {
            reason = decision.route.map { "route \($0)" } ?? "fallback"
        } else {
            reason = (decision.reason ?? .noRoute).code
            text = ExceptionsTextCode.text(decision.exceptions)
            if let words, !decision.exceptions.isEmpty { codedText = ExceptionsTextCode.encode(decision.exceptions, words: words) }
        }
    }
}
