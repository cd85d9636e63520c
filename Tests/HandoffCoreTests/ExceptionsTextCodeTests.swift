import Foundation
import Testing
import HandoffDemo
@testable import HandoffCore

/// A flagged entry's text coded with its rulebook's words must read back as exactly the text, with the
/// words the store keeps, take a fraction of its bytes, and refuse anything else without trapping.
@Suite struct ExceptionsTextCodeTests {
    /// The demo rulebook's flagged decisions and the synthetic workspace's (the import benchmark's shape).
    static func flagged() throws -> [(Decision, DecisionWords)] {
        let demo = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: ExampleRulebook.fileName).rulebook!
        let demoWords = try #require(demo.words)
        let start = ISO8601DateFormatter().date(from: "2026-11-24T06:00:00Z")!
        var out = DemoRun.run(demo, DemoRun.Settings(seed: 7, leads: 2_000, start: start)).rows
            .map(\.decision).filter { !$0.exceptions.isEmpty }.map { ($0, demoWords) }
        let workspace = SyntheticWorkspace.generate(seed: 4, owners: 80, pools: 8, routes: 50, accounts: 300)
        var context = RoutingContext(rulebook: workspace.rulebook, now: Fixtures.monday, accounts: AccountDirectory(workspace.accounts))
        var stream = LeadStream(seed: 4, accounts: workspace.accounts, start: Fixtures.monday)
        let words = try #require(workspace.rulebook.words)
        for _ in 0..<3_000 {
            let d = context.route(stream.next())
            if !d.exceptions.isEmpty { out.append((d, words)) }
        }
        return out
    }

    @Test func flaggedTextsReadBackWithTheStoredWords() throws {
        var plain = 0, coded = 0, reasons: Set<ExceptionReason> = []
        for (d, words) in try Self.flagged() {
            let text = ExceptionsTextCode.text(d.exceptions)
            let code = ExceptionsTextCode.encode(d.exceptions, words: words)
            // The reader has only what the store keeps: the serialized list.
            let stored = try DecisionWords(version: words.version, serialized: words.serialized)
            #expect(try ExceptionsTextCode.decode(code, words: stored) == text)
            plain += text.utf8.count
            coded += code.count
            reasons.formUnion(d.exceptions.map(\.reason))
        }
        #expect(reasons.count >= 5, "\(reasons)")
        #expect(coded * 4 < plain, "\(coded) against \(plain)")
    }

    /// Details that are no word and no shape are kept whole, as are odd characters and several exceptions.
    @Test func detailsOutsideTheWordsAreKeptWhole() throws {
        let words = try #require(RulebookLoader.load(yaml: ExampleRulebook.yaml, file: ExampleRulebook.fileName).rulebook!.words)
        let notes = [
            ExceptionNote(.manual, "operator said: ça va; \u{1F600} \"quoted\""),
            ExceptionNote(.missingField, "missing "),
            ExceptionNote(.freeEmail, " is a free-mail domain"),
            ExceptionNote(.invalidEmail, "\"\" is not an email address"),
            ExceptionNote(.noRoute, ""),
        ]
        for n in 0...notes.count {
            let some = Array(notes.prefix(n))
            #expect(try ExceptionsTextCode.decode(ExceptionsTextCode.encode(some, words: words), words: words) == ExceptionsTextCode.text(some))
        }
    }

    /// Truncations, flipped bytes and random bytes throw or read as some text; none traps.
    @Test func damagedCodesNeverTrap() throws {
        let words = try #require(RulebookLoader.load(yaml: ExampleRulebook.yaml, file: ExampleRulebook.fileName).rulebook!.words)
        let code = ExceptionsTextCode.encode([ExceptionNote(.overCapacity, "every owner in emea-enterprise is at capacity"),
                                              ExceptionNote(.duplicateSuspect, "same email as L-0000004")], words: words)
        for cut in 0..<code.count { #expect(throws: DecisionCodeError.self) { try ExceptionsTextCode.decode(Array(code.prefix(cut)), words: words) } }
        #expect(throws: DecisionCodeError.self) { try ExceptionsTextCode.decode(code + [0], words: words) }
        var random = SystemRandomNumberGenerator()
        for i in 0..<code.count {
            for bit in 0..<8 {
                var flipped = code
                flipped[i] ^= 1 << bit
                _ = try? ExceptionsTextCode.decode(flipped, words: words)
            }
        }
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = try? ExceptionsTextCode.decode(bytes, words: words)
        }
    }
}
