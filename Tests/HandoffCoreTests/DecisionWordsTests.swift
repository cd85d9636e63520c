import Foundation
import Testing
import HandoffDemo
@testable import HandoffCore

/// Format 2 codes a decision with its rulebook's words: it must read back as exactly the decision
/// format 1 reads back, with the words the store keeps, and refuse to read without them.
@Suite struct DecisionWordsTests {
    static func viaWords(_ d: Decision, _ words: DecisionWords) throws -> Decision {
        let code = DecisionCode.encode(d, words: words)
        #expect(code.first == DecisionCode.wordsFormat)
        // The reader has only what the store keeps: the serialized list.
        let stored = try DecisionWords(version: words.version, serialized: words.serialized)
        return try DecisionCode.decode(code, leadId: d.leadId, rulebookVersion: d.rulebookVersion, words: stored)
    }

    /// The real router's decisions over the synthetic workspace and the demo's rulebook, every one the
    /// same as format 1 reads it, and flagged ones far smaller.
    @Test func routedDecisionsReadBackAsFormatOneDoes() throws {
        let workspace = SyntheticWorkspace.generate(seed: 4, owners: 80, pools: 8, routes: 50, accounts: 300)
        var rulebook = workspace.rulebook
        rulebook.routes.removeLast(10)
        var context = RoutingContext(rulebook: rulebook, now: Fixtures.monday, accounts: AccountDirectory(workspace.accounts))
        var stream = LeadStream(seed: 4, accounts: workspace.accounts, start: Fixtures.monday)
        let words = try #require(rulebook.words)
        var formatOne = 0, formatTwo = 0
        for _ in 0..<3_000 {
            let d = context.route(stream.next())
            #expect(try Self.viaWords(d, words) == DecisionCodeTests.viaCode(d))
            formatOne += DecisionCode.encode(d).count
            formatTwo += DecisionCode.encode(d, words: words).count
        }
        #expect(formatTwo * 3 < formatOne * 2, "\(formatTwo) against \(formatOne)")

        let demo = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: ExampleRulebook.fileName).rulebook!
        let demoWords = try #require(demo.words)
        let start = ISO8601DateFormatter().date(from: "2026-11-24T06:00:00Z")!
        var flaggedOne = 0, flaggedTwo = 0
        for row in DemoRun.run(demo, DemoRun.Settings(seed: 7, leads: 2_000, start: start)).rows {
            #expect(try Self.viaWords(row.decision, demoWords) == DecisionCodeTests.viaCode(row.decision))
            guard row.decision.reason == .noRoute || row.decision.reason == .overCapacity else { continue }
            flaggedOne += DecisionCode.encode(row.decision).count
            flaggedTwo += DecisionCode.encode(row.decision, words: demoWords).count
        }
        #expect(flaggedTwo * 2 < flaggedOne, "\(flaggedTwo) against \(flaggedOne)")
    }

    /// A no-route decision's misses and detail become word numbers and the lead's own values.
    @Test func aMissIsTwoWordsAndTheValue() throws {
        let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: ExampleRulebook.fileName).rulebook!
        let words = try #require(rulebook.words)
        var context = RoutingContext(rulebook: rulebook, now: Fixtures.monday)
        let d = context.route(Fixtures.lead("L1", country: "US", employees: "288"))
        #expect(d.reason == .noRoute)
        let code = DecisionCode.encode(d, words: words)
        for text in ["wanted", "na-smb", "no route matched"] {
            #expect(!String(decoding: code, as: UTF8.self).contains(text), "\(text)")
        }
        #expect(String(decoding: code, as: UTF8.self).contains("288"))
        #expect(try Self.viaWords(d, words) == DecisionCodeTests.viaCode(d))
    }

    /// Strings that only look like a shape: shorter than its two words together, equal to them with
    /// nothing between, or words themselves, in odd text.
    @Test func edgesOfShapes() throws {
        let rulebook = Fixtures.acme
        let words = try #require(rulebook.words)
        var d = DecisionCodeTests.everything
        d.rulebookVersion = rulebook.version
        let route = rulebook.routes[0].name
        let details = ["missing ", "missing", " is a free-mail domain", "is a free-mail domain", "\"\" is not an email address", "\"",
                       DecisionPhrases.missingPrefix + "ž 🎉", "", route, rulebook.phrases.duplicatePrefix]
        d.exceptions = details.map { ExceptionNote(.manual, $0) }
        d.trace.steps.append(.misses(details.map { RouteMiss(route: route, why: $0) } + [RouteMiss(route: "not-a-route", why: "x")]))
        let back = try Self.viaWords(d, words)
        #expect(try back == DecisionCodeTests.viaCode(d))
        #expect(back.exceptions.map { Array($0.detail.utf8) } == details.map { Array($0.utf8) })
    }

    /// Format 2 read without words, or with another version's, says so; a decision of another version
    /// than the words' is written in format 1.
    @Test func wordsMustBeTheVersions() throws {
        let rulebook = Fixtures.acme
        let words = try #require(rulebook.words)
        var d = DecisionCodeTests.everything
        d.rulebookVersion = rulebook.version
        let code = DecisionCode.encode(d, words: words)
        #expect(throws: DecisionCodeError.noWords(rulebook: rulebook.version)) {
            try DecisionCode.decode(code, leadId: d.leadId, rulebookVersion: rulebook.version)
        }
        #expect(throws: DecisionCodeError.noWords(rulebook: "other")) {
            try DecisionCode.decode(code, leadId: d.leadId, rulebookVersion: "other", words: words)
        }
        d.rulebookVersion = "other"
        #expect(DecisionCode.encode(d, words: words).first == DecisionCode.format)
        #expect(DecisionCodeError.noWords(rulebook: "v9").description
            == "unreadable stored decision: the words of rulebook version v9 it is coded with are missing from the store or unreadable")
    }

    /// The stored list reads back as the same words; a damaged one is refused.
    @Test func storedWordsReadBack() throws {
        let words = try #require(Fixtures.acme.words)
        let back = try DecisionWords(version: words.version, serialized: words.serialized)
        #expect(back.words == words.words && back.serialized == words.serialized)
        #expect(Set(words.words).count == words.count)
        for length in 0..<words.serialized.count {
            #expect(throws: DecisionCodeError.self) { try DecisionWords(version: "v", serialized: Array(words.serialized[..<length])) }
        }
        #expect(throws: DecisionCodeError.trailingBytes(1)) { try DecisionWords(version: "v", serialized: words.serialized + [0]) }
        #expect(throws: DecisionCodeError.unknownFormat(2)) { try DecisionWords(version: "v", serialized: [2, 0]) }
    }

    /// A reference to a word or string that is not there, and a form nobody writes, are refused.
    @Test func badReferencesThrow() throws {
        let words = try #require(Fixtures.acme.words)
        let decode = { (bytes: [UInt8]) in
            try DecisionCode.decode(bytes, leadId: "L1", rulebookVersion: words.version, words: words)
        }
        let past = UInt64(words.count + 5)
        var header: [UInt8] = []
        CodeWriter.appendVarint(past << 2 | 1, to: &header)
        // format 2, decidedAt 0, one fallback-pool step (tag 7) naming a string past the words.
        #expect(throws: DecisionCodeError.badReference(past, at: 4)) { try decode([DecisionCode.wordsFormat, 0, 1, 7] + header) }
        header = []
        CodeWriter.appendVarint(past << 2 | 2, to: &header)
        #expect(throws: DecisionCodeError.badReference(past, at: 4)) { try decode([DecisionCode.wordsFormat, 0, 1, 7] + header + [0, 0]) }
        #expect(throws: DecisionCodeError.unknownTag("string form", 3, at: 4)) { try decode([DecisionCode.wordsFormat, 0, 1, 7, 3]) }
    }
}
