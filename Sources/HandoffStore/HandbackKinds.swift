import HandoffCore

/// The stored log entry kinds a delivery can report, the same on every engine.
package enum HandbackKinds {
    /// The kinds of log entry that can report a handback event (for some state they move a lead to), and
    /// `routed` and `decided`, which stand for a decision among other entries (delivered under its own number).
    package static let stored: [String] = EventKind.allCases.filter { kind in
        LeadState.allCases.contains { HandbackEvent.of(kind, to: $0) != nil }
    }.map(\.rawValue) + [RoutedEntry.kind, RoutedEntry.decidedKind]
}
