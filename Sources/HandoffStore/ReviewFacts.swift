import Foundation
import HandoffCore

/// What the log says about the leads received in a window, reduced to what a review needs: one
/// compact entry per lead, names stored once, and the few rare events (reassignments) in full.
/// Read in one pass over the window's part of the log (`SQLiteStore.reviewFacts`).
public struct ReviewFacts: Sendable {
    /// One lead received in the window. Times are seconds since 1970; `.nan` when it never happened.
    public struct LeadFacts: Sendable, Hashable {
        public var receivedAt: Double = .nan
        /// The first time an owner was given the lead (assigned, approved, reassigned or rerouted).
        public var firstOwnerAt: Double = .nan
        /// The newest hand-off before its acceptance (or so far, when it was never accepted).
        public var lastHandoffAt: Double = .nan
        public var acceptedAt: Double = .nan
        /// Indexes into `names`; -1 when the lead has none.
        public var rulebook: Int32 = -1
        public var route: Int32 = -1
        public var pool: Int32 = -1
        /// The reason the router flagged it with at its decision, if it did.
        public var exception: ExceptionReason?
        /// The SLA timer flagged it (`sla_breached`) or moved it to another owner (`rerouted`).
        public var breached = false
        public var rerouted = false

        public init() {}
    }

    /// A hand-off that was not the router's: a reassignment or a reroute.
    public struct Reassignment: Sendable, Hashable {
        public var lead: Int
        public var actor: String
        public var from: String?
        public var to: String

        public init(lead: Int, actor: String, from: String?, to: String) {
            self.lead = lead
            self.actor = actor
            self.from = from
            self.to = to
        }
    }

    /// A lead's hand-offs to an owner, counted by the lead's rulebook, pool and the owner.
    public struct AssignmentKey: Sendable, Hashable {
        public var rulebook: Int32
        public var pool: Int32
        public var owner: Int32

        public init(rulebook: Int32, pool: Int32, owner: Int32) {
            self.rulebook = rulebook
            self.pool = pool
            self.owner = owner
        }
    }

    public var start: Date
    public var end: Date
    public var leads: [LeadFacts] = []
    /// Route, pool, rulebook and owner names, each stored once; facts refer to them by index.
    public var names: [String] = []
    public var reassignments: [Reassignment] = []
    public var assignments: [AssignmentKey: Int] = [:]
    /// Each owner's open leads now (not only the window's).
    public var openLoad: [String: Int] = [:]

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public func name(_ index: Int32) -> String? { index >= 0 && Int(index) < names.count ? names[Int(index)] : nil }
}

/// Gives each distinct name one index.
package struct NameTable {
    package private(set) var names: [String] = []
    private var index: [String: Int32] = [:]

    package init() {}

    package mutating func intern(_ name: String?) -> Int32 {
        guard let name else { return -1 }
        if let known = index[name] { return known }
        let next = Int32(names.count)
        names.append(name)
        index[name] = next
        return next
    }
}
