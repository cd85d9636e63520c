import HandoffCore

/// The reason and text of a decision's last event ("route enterprise-emea", or the exceptions).
package struct DecisionOutcome: Sendable {
    package var reason: String
    package var text: String?

    package init(_ decision: Decision) {
        if decision.isAssigned, decision.owner != nil {
            reason = decision.route.map { "route \($0)" } ?? "fallback"
        } else {
            reason = (decision.reason ?? .noRoute).code
            text = decision.exceptions.map { "\($0.reason.code): \($0.detail)" }.joined(separator: "; ")
        }
    }
}
