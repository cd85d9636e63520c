import Foundation
import HandoffCore

/// A database made by an older Handoff that has not been migrated yet; a read-only store cannot do it.
public struct StoreOutdated: Error, CustomStringConvertible {
    public var path: String

    package init(path: String) {
        self.path = path
    }
    public var description: String {
        "\(path) was made by an older Handoff; run a command that writes to it (e.g. `handoff route`) once to bring it up to date"
    }
}

/// Which stored leads a replay reads, by received time (inclusive) and optionally a filter.
public struct ReplaySelection: Sendable, Hashable {
    public var from: Date?
    public var to: Date
    public var filter: LeadFilter?

    public init(from: Date?, to: Date, filter: LeadFilter? = nil) {
        self.from = from
        self.to = to
        self.filter = filter
    }
}
