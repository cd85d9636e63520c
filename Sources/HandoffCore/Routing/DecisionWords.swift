import Foundation
import Synchronization

/// The strings a rulebook's decisions repeat lead after lead: route, pool and owner names, the fixed
/// exception details, and the pieces each route's miss is worded from ("employees is " ... ", wanted <
/// 200"). A coded decision of format 2 (`DecisionCode`) refers to them by number, which makes a flagged
/// lead's decision about a fifth of its format-1 size.
///
/// The list is data, not a rule: the store keeps it beside the rulebook version it was made for
/// (`serialized`), and a reader decodes with the stored list, never one worked out again. So a later
/// build may word the list differently without misreading what an earlier one wrote.
public final class DecisionWords: Sendable {
    /// The version of the rulebook these words were made for; a decision of another version is coded
    /// without them.
    public let version: String
    public let words: [String]
    /// What the store keeps: `u8 1`, a count, then each word as a length and its UTF-8 bytes.
    public let serialized: [UInt8]

    /// A prefix word and a suffix word that a string is often worded between ("employees is ", ", wanted
    /// < 200"), by number.
    struct Shape: Sendable {
        let before: Int
        let after: Int
    }

    /// Shapes a route's miss may take, by the number of the route's name.
    let missShapes: [Int: [Shape]]
    /// Shapes an exception detail may take ("missing " ..., ... " is a free-mail domain").
    let detailShapes: [Shape]

    /// The words' UTF-8 bytes end to end, where each starts, and an open-addressed table of word number
    /// plus one (zero: empty), hashed as `CodeWriter` hashes: the writer looks every string up here.
    private let utf8: [UInt8]
    private let starts: [Int]
    private let table: [Int32]

    public var count: Int { words.count }

    /// The words this build makes for `rulebook`.
    public convenience init(_ rulebook: Rulebook) {
        var list = WordList()
        for route in rulebook.routes { list.add(route.name) }
        for pool in rulebook.pools { list.add(pool.name) }
        for owner in rulebook.owners { list.add(owner.id) }
        for owner in rulebook.owners { list.add(owner.zone.identifier) }
        let phrases = rulebook.phrases
        for phrase in phrases.noOwner + phrases.allFull + phrases.review { list.add(phrase) }
        for phrase in [phrases.noRouteTried, DecisionPhrases.noFallback, DecisionPhrases.fallbackReview, DecisionPhrases.heldMiss] {
            list.add(phrase)
        }
        var missShapes: [Int: [Shape]] = [:]
        for (r, reasons) in rulebook.routeReasons.enumerated() {
            let route = list.add(rulebook.routes[r].name)
            for piece in reasons.pieces {
                switch piece {
                case .word(let word):
                    list.add(word)
                case .around(let before, let after):
                    missShapes[route, default: []].append(Shape(before: list.add(before), after: list.add(after)))
                }
            }
        }
        let detailShapes = DecisionPhrases.detailShapes(rulebook).map { Shape(before: list.add($0.before), after: list.add($0.after)) }
        self.init(version: rulebook.version, words: list.words, missShapes: missShapes, detailShapes: detailShapes)
    }

    /// Words as the store keeps them. Throws when the bytes are not a word list.
    public convenience init(version: String, serialized bytes: [UInt8]) throws {
        let words = try bytes.withUnsafeBytes { raw throws(DecisionCodeError) -> [String] in
            var r = CodeReader(raw)
            let format = try r.byte()
            guard format == 1 else { throw .unknownFormat(format) }
            var words: [String] = []
            for _ in 0..<(try r.count()) { words.append(try r.plainString()) }
            guard r.remaining == 0 else { throw .trailingBytes(r.remaining) }
            return words
        }
        self.init(version: version, words: words, missShapes: [:], detailShapes: [])
    }

    private init(version: String, words: [String], missShapes: [Int: [Shape]], detailShapes: [Shape]) {
        self.version = version
        self.words = words
        self.missShapes = missShapes
        self.detailShapes = detailShapes
        var utf8: [UInt8] = [], starts: [Int] = []
        var serialized: [UInt8] = [1]
        CodeWriter.appendVarint(UInt64(words.count), to: &serialized)
        for word in words {
            starts.append(utf8.count)
            utf8.append(contentsOf: word.utf8)
            CodeWriter.appendVarint(UInt64(word.utf8.count), to: &serialized)
            serialized.append(contentsOf: word.utf8)
        }
        starts.append(utf8.count)
        var size = 16
        while size < words.count * 2 { size <<= 1 }
        var table = [Int32](repeating: 0, count: size)
        utf8.withUnsafeBufferPointer { all in
            for n in words.indices {
                let word = UnsafeBufferPointer(rebasing: all[starts[n]..<starts[n + 1]])
                var i = CodeWriter.hash(word) & (size - 1)
                while table[i] != 0 { i = (i + 1) & (size - 1) }
                table[i] = Int32(n + 1)
            }
        }
        self.utf8 = utf8
        self.starts = starts
        self.table = table
        self.serialized = serialized
    }

    /// The number of the word equal to `string`, whose `CodeWriter.hash` is `hash`.
    func number(of string: UnsafeBufferPointer<UInt8>, hash: Int) -> Int? {
        let mask = table.count - 1
        var i = hash & mask
        while table[i] != 0 {
            let n = Int(table[i]) - 1
            if starts[n + 1] - starts[n] == string.count && matches(n, string, at: 0) { return n }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Whether `string` holds word `n` at `offset`.
    func matches(_ n: Int, _ string: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        let length = starts[n + 1] - starts[n]
        guard offset >= 0, offset + length <= string.count else { return false }
        return utf8.withUnsafeBufferPointer { all in
            guard length > 0, let word = all.baseAddress, let text = string.baseAddress else { return true }
            return memcmp(word + starts[n], text + offset, length) == 0
        }
    }

    func length(of n: Int) -> Int { starts[n + 1] - starts[n] }
}

extension DecisionWords {
    private static let registry = Mutex<[String: DecisionWords]>([:])

    /// The words a rulebook of the version of `decisions` (the first's) made in this process, if one did
    /// (`Rulebook` registers its own when it is indexed): what a store codes decisions with that come to
    /// it without their rulebook, looked up once a batch. Any list decodes what it coded, so a newer
    /// rulebook that reuses a version (a test's hand-made one) only changes which is used.
    public static func registered(for decisions: [Decision]) -> DecisionWords? {
        guard let version = decisions.first?.rulebookVersion else { return nil }
        return registry.withLock { $0[version] }
    }

    /// These words when they are `decision`'s rulebook version's, else nil (it is then coded in format 1).
    public func coding(_ decision: Decision) -> DecisionWords? { version == decision.rulebookVersion ? self : nil }

    static func register(_ words: DecisionWords) {
        registry.withLock { $0[words.version] = words }
    }
}

/// Words in order of first appearance, each once.
private struct WordList {
    var words: [String] = []
    var numbers: [String: Int] = [:]

    @discardableResult
    mutating func add(_ word: String) -> Int {
        if let n = numbers[word] { return n }
        numbers[word] = words.count
        words.append(word)
        return words.count - 1
    }
}
