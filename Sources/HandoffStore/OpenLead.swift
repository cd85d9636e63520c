import Foundation
import HandoffCore

/// An assigned lead as the SLA sweep sees it: who has it, since when, by which route.
public struct OpenLead: Sendable, Hashable {
    public var id: String
    public var owner: String?
    public var route: String?
    public var pool: String?
    public var version: Int
    /// When its current owner was given it (`updated_at`: notes and reminders do not move it).
    public var since: Date

    public init(id: String, owner: String?, route: String?, pool: String?, version: Int, since: Date) {
        self.id = id
        self.owner = owner
        self.route = route
        self.pool = pool
        self.version = version
        self.since = since
    }
}
