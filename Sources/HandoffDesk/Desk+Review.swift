import Foundation
import HandoffCore
import HandoffStore

extension Desk {
    /// The review of the leads received in the `seconds` before the desk's now, with the pools of the
    /// rulebook in force; the Insights view's figures. Reads only.
    public func review(last seconds: TimeInterval, reader: inout ReviewReader) throws -> Review {
        try reader.review(store, last: seconds, endingAt: clock(), inForce: rulebook)
    }
}
