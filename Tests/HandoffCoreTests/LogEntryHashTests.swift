import Testing
@testable import HandoffCore

/// The canonical content and the chain, against bytes and hashes worked out independently (Python's
/// struct and hashlib), so a change to the encoding cannot go unnoticed.
@Suite struct LogEntryHashTests {
    let received = LogEntryHash.Entry(seq: 1, lead: 42, kind: "received", at: 1_764_000_000.5, actor: "import", leadVersion: 1,
                                      reason: "hubspot", to: "received")
    let note = LogEntryHash.Entry(seq: 2, lead: 42, kind: "annotated", at: 1_764_000_060, actor: "olga", leadVersion: 2,
                                  rulebook: "a1b2c3d4e5f6", owner: "ana", text: "café ☕", from: "received", to: "received")

    @Test func theContentIsTheDocumentedBytes() {
        var bytes: [UInt8] = []
        LogEntryHash.content(received, into: &bytes)
        #expect(LogEntryHash.hex(bytes) == "0000000000000001000000000000002a0100000008726563656976656441da4920402000000100000006696d706f7274"
            + "000000000000000100010000000768756273706f740000000001000000087265636569766564")
    }

    @Test func eachHashChainsFromThePrevious() {
        let first = LogEntryHash.hash(received, after: LogEntryHash.genesis)
        #expect(LogEntryHash.hex(first) == "b21ed5314d43bf2a6e404f34e42dd4dddac78568d2d56b2053b389a02ab439ba")
        let second = LogEntryHash.hash(note, after: first)
        #expect(LogEntryHash.hex(second) == "e5b0f4063eac2ae6cb85e3fe686bd55ef26768177a2c57c9b6b5451b9df7dbed")
        // The same entry after another predecessor, or with one field moved to another, hashes differently.
        #expect(LogEntryHash.hash(note, after: LogEntryHash.genesis) != second)
        var moved = note
        (moved.owner, moved.previousOwner) = (nil, "ana")
        #expect(LogEntryHash.hash(moved, after: first) != second)
    }

    /// Lengths keep neighbouring texts apart: "ab" + "c" is not "a" + "bc".
    @Test func textsCannotBleedIntoEachOther() {
        var a = note, b = note
        (a.owner, a.text) = ("ab", "c")
        (b.owner, b.text) = ("a", "bc")
        #expect(LogEntryHash.hash(a, after: LogEntryHash.genesis) != LogEntryHash.hash(b, after: LogEntryHash.genesis))
        var empty = note
        empty.owner = ""
        var absent = note
        absent.owner = nil
        #expect(LogEntryHash.hash(empty, after: LogEntryHash.genesis) != LogEntryHash.hash(absent, after: LogEntryHash.genesis))
    }

    @Test func hexReadsBackAndRefusesAnythingElse() {
        let hash = LogEntryHash.hash(received, after: LogEntryHash.genesis)
        #expect(LogEntryHash.bytes(hex: LogEntryHash.hex(hash)) == hash)
        #expect(LogEntryHash.bytes(hex: LogEntryHash.hex(hash).uppercased()) == hash)
        #expect(LogEntryHash.bytes(hex: "abc") == nil)
        #expect(LogEntryHash.bytes(hex: String(repeating: "g", count: 64)) == nil)
    }
}
