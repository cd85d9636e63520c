import Foundation

/// A result or an error on the status line; it clears itself after a while.
public struct StatusMessage: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, ok, error }
    public var text: String
    public var kind: Kind
    public var expires: Date

    public init(_ text: String, kind: Kind, expires: Date) {
        self.text = text
        self.kind = kind
        self.expires = expires
    }

    /// How long a message stays: errors longer, since they need reading.
    static func lifetime(_ kind: Kind) -> TimeInterval { kind == .error ? 10 : 5 }
}
