import Foundation
import HandoffCore

/// A rulebook as the store keeps it: its version, when and by whom it was first loaded.
public struct StoredRulebook: Sendable, Hashable {
    public var version: String
    public var name: String
    public var loadedAt: Date
    public var author: String
    /// Leads whose latest decision it made.
    public var decisions: Int

    public init(version: String, name: String, loadedAt: Date, author: String, decisions: Int) {
        self.version = version
        self.name = name
        self.loadedAt = loadedAt
        self.author = author
        self.decisions = decisions
    }
}
