import Foundation
import HandoffText

/// JSON for scripts: snake_case keys in a stable (sorted) order, times as ISO 8601 in UTC. The encoder is
/// `ScriptJSON`, shared with `handoff serve`'s feed so both print the same shapes.
enum JSONOutput {
    /// One document, indented for reading.
    static func document<T: Encodable>(_ value: T) -> String { ScriptJSON.document(value) }

    /// One line, for streams of objects (JSON Lines).
    static func line<T: Encodable>(_ value: T) -> String { ScriptJSON.line(value) }
}
