import Foundation
import HandoffCore

/// One pause or resume as recorded.
public struct OwnerPauseChange: Sendable, Hashable, Codable {
    public var owner: String
    public var paused: Bool
    public var reason: String
    public var by: String
    public var at: Date

    public init(owner: String, paused: Bool, reason: String, by: String, at: Date) {
        self.owner = owner
        self.paused = paused
        self.reason = reason
        self.by = by
        self.at = at
    }
}
