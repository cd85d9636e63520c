import Foundation
import Testing
import HandoffDemo
@testable import HandoffCore

/// A damaged stored decision is an error to report, never a crash.
@Suite struct DecisionCodeCorruptionTests {
    static let rulebook = Fixtures.acme

    static func decode(_ bytes: [UInt8]) throws -> Decision {
        try DecisionCode.decode(bytes, leadId: "L1", rulebookVersion: rulebook.version, words: rulebook.words)
    }

    /// Rich records to damage: every step and reason, and a few routed decisions.
    static var samples: [[UInt8]] {
        var context = RoutingContext(rulebook: rulebook, now: Fixtures.monday)
        let decisions = [Fixtures.lead("L1"), Fixtures.lead("L2"), Fixtures.lead("L3", company: nil), Fixtures.lead("L4", country: "US", employees: "lots")]
            .map { context.route($0) }
        var everything = DecisionCodeTests.everything
        everything.rulebookVersion = rulebook.version
        // Both formats: the second with the rulebook's words.
        return ([everything] + decisions).flatMap { [DecisionCode.encode($0), DecisionCode.encode($0, words: rulebook.words)] }
    }

    @Test func everyTruncationThrows() {
        for code in Self.samples {
            #expect(throws: Never.self) { try Self.decode(code) }
            for length in 0..<code.count {
                #expect(throws: DecisionCodeError.self) { try Self.decode(Array(code[..<length])) }
            }
        }
    }

    @Test func extraBytesThrow() {
        let code = DecisionCode.encode(DecisionCodeTests.everything)
        #expect(throws: DecisionCodeError.trailingBytes(1)) { try Self.decode(code + [0]) }
    }

    @Test func emptyAndUnknownFormatsThrow() {
        #expect(throws: DecisionCodeError.empty) { try Self.decode([]) }
        var code = DecisionCode.encode(DecisionCodeTests.everything)
        code[0] = 3
        #expect(throws: DecisionCodeError.unknownFormat(3)) { try Self.decode(code) }
        // JSON text is not a coded decision.
        #expect(throws: DecisionCodeError.unknownFormat(UInt8(ascii: "{"))) { try Self.decode(Array(DecisionJSON.encode(DecisionCodeTests.everything).utf8)) }
    }

    /// Flipped bytes either still read as some decision or throw; the reader checks every length,
    /// count, reference and tag against what is there.
    @Test func flippedBytesNeverCrash() {
        var random = SeededRandom(seed: 11)
        var threw = 0, read = 0
        for code in Self.samples {
            for _ in 0..<3_000 {
                var damaged = code
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let at = Int.random(in: 0..<damaged.count, using: &random)
                    damaged[at] = random.chance(0.5) ? damaged[at] ^ (1 << UInt8.random(in: 0..<8, using: &random)) : UInt8.random(in: 0...255, using: &random)
                }
                do {
                    _ = try Self.decode(damaged)
                    read += 1
                } catch is DecisionCodeError {
                    threw += 1
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
        }
        #expect(threw > 0 && read > 0)
    }

    @Test func randomBytesNeverCrash() {
        var random = SeededRandom(seed: 12)
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...64, using: &random)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            if random.chance(0.9) { bytes[0] = random.chance(0.5) ? DecisionCode.format : DecisionCode.wordsFormat }
            _ = try? Self.decode(bytes)
        }
    }

    /// Lengths, counts and references that point past the record are refused before anything is read.
    @Test func impossibleSizesThrow() {
        // format, decidedAt 0, then a step count of 2^63.
        #expect(throws: DecisionCodeError.countTooLarge(1 << 63, at: 2)) {
            try Self.decode([DecisionCode.format, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])
        }
        // A varint running past 64 bits.
        #expect(throws: DecisionCodeError.overflow(at: 2)) {
            try Self.decode([DecisionCode.format, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02])
        }
        // One fallback-pool step whose name refers to string 0 before any was written.
        #expect(throws: DecisionCodeError.badReference(0, at: 4)) { try Self.decode([DecisionCode.format, 0, 1, 7, 1]) }
        // A string longer than the bytes left.
        #expect(throws: DecisionCodeError.truncated(at: 6)) { try Self.decode([DecisionCode.format, 0, 1, 7, 40, 0x61]) }
        // Bytes that are not UTF-8.
        #expect(throws: DecisionCodeError.invalidUTF8(at: 5)) { try Self.decode([DecisionCode.format, 0, 1, 7, 4, 0xC3, 0x28, 0]) }
        // A step tag nobody wrote.
        #expect(throws: DecisionCodeError.unknownTag("trace step", 200, at: 3)) { try Self.decode([DecisionCode.format, 0, 1, 200]) }
    }

    @Test func errorsSayWhatAndWhere() {
        #expect(DecisionCodeError.truncated(at: 17).description == "unreadable stored decision: cut short at byte 17")
        #expect(DecisionCodeError.unknownFormat(9).description == "unreadable stored decision: unknown format 9")
    }
}
