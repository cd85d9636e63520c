import Testing
import HandoffCore
@testable import HandoffStore

/// Log anchors as people copy them: read back only in the shape they are written.
@Suite struct LogAnchorTests {
    @Test func anchorsReadBackOnlyInTheirOwnShape() {
        let anchor = LogAnchor(seq: 12, hash: LogEntryHash.genesis)
        #expect(LogAnchor(text: anchor.description) == anchor)
        #expect(LogAnchor(text: "12") == nil && LogAnchor(text: "0:" + LogEntryHash.hex(LogEntryHash.genesis)) == nil)
        #expect(LogAnchor(text: "x:" + LogEntryHash.hex(LogEntryHash.genesis)) == nil && LogAnchor(text: "12:abc") == nil)
    }
}
