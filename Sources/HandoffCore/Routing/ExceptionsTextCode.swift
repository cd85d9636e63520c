import Foundation

/// The text a flagged decision's log entry carries ("no_route: no route matched (4 tried)"), coded with
/// the words of its rulebook version (`DecisionWords`) as format 2 codes the decision's own details: a
/// reason is a byte and a detail is a word, or two words around a value. It was a third of what the log
/// stored a flagged lead (51 of 157 bytes), repeating the same few phrases lead after lead.
///
/// A store keeps the coded form only beside the rulebook version whose stored words it was coded with;
/// the entry's hash covers the text itself (`LogEntryHash`), so a changed or missing word list shows as
/// a changed entry, never as another text.
///
///     u8      format, 1
///     count   exceptions, each a u8 reason (`DecisionCodeTags`) and a string detail (`CodeWriter.string`)
public enum ExceptionsTextCode {
    public static let format: UInt8 = 1

    /// The text itself: each exception as its reason's code and detail, "; " between.
    public static func text(_ exceptions: [ExceptionNote]) -> String {
        exceptions.map { "\($0.reason.code): \($0.detail)" }.joined(separator: "; ")
    }

    /// `exceptions`' text coded with `words`.
    public static func encode(_ exceptions: [ExceptionNote], words: DecisionWords) -> [UInt8] {
        // A text refers back to nothing worth a large table: its details are words, shapes or said once.
        withUnsafeTemporaryAllocation(of: CodeWriter.Slot.self, capacity: 8) { slots in
            var w = CodeWriter(slots: slots, capacity: 16, words: words)
            w.byte(format)
            w.count(exceptions.count)
            for note in exceptions {
                w.byte(DecisionCodeTags.tag(note.reason))
                w.string(note.detail, shapes: words.detailShapes)
            }
            return w.bytes
        }
    }

    /// The text `encode` coded with `words`; throws for anything that is not a whole, well-formed record.
    public static func decode(_ bytes: some ContiguousBytes, words: DecisionWords) throws -> String {
        try bytes.withUnsafeBytes { raw throws(DecisionCodeError) -> String in
            guard let first = raw.first else { throw .empty }
            guard first == format else { throw .unknownFormat(first) }
            var r = CodeReader(raw, words: words)
            _ = try r.byte()
            var parts: [String] = []
            for _ in 0..<(try r.count()) {
                let reason = try r.tag("exception reason", DecisionCodeTags.exceptionReason)
                parts.append("\(reason.code): \(try r.string())")
            }
            guard r.remaining == 0 else { throw .trailingBytes(r.remaining) }
            return parts.joined(separator: "; ")
        }
    }
}
