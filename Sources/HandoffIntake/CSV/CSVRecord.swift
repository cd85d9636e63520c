/// One CSV record as read: its bytes exactly as in the file and where each field lies in them.
///
/// Field text is decoded only when asked for, and positions are worked out only when a message needs
/// them, so a clean record costs two allocations (bytes and field bounds) however many fields it has.
public struct CSVRecord: Sendable, Hashable {
    /// The physical line the record starts on (1-based; quoted line breaks make records span lines).
    public let line: Int
    /// The record's bytes as in the file, without its line ending: what a quarantine keeps.
    public let raw: [UInt8]
    /// Why the record cannot be trusted, if it cannot; its fields are then best effort.
    public let problem: CSVProblem?
    let fields: [FieldSpan]

    init(line: Int, raw: [UInt8], fields: [FieldSpan], problem: CSVProblem?) {
        self.line = line
        self.raw = raw
        self.fields = fields
        self.problem = problem
    }

    public var count: Int { fields.count }

    /// The raw bytes as text (invalid UTF-8 shown as U+FFFD; `raw` keeps the bytes).
    public var rawText: String { String(decoding: raw, as: UTF8.self) }

    /// Field `index` unquoted and unescaped. Invalid UTF-8 (see `problem`) comes out as U+FFFD.
    public func string(at index: Int) -> String {
        raw.withUnsafeBufferPointer { fields[index].string(in: $0) }
    }

    /// Whether field `index` holds no characters (an empty quoted field `""` is empty too).
    public func isEmpty(at index: Int) -> Bool { fields[index].isEmpty }

    /// All fields as text; for headers and tests, not the per-row hot path.
    public var strings: [String] { (0..<count).map(string(at:)) }

    /// Where field `index` starts (its opening quote, if quoted).
    public func position(ofField index: Int) -> TextPosition { position(atOffset: Int(fields[index].start)) }

    /// Just past the record's last character: where a missing field would have started.
    public var endPosition: TextPosition { position(atOffset: raw.count) }

    func position(atOffset offset: Int) -> TextPosition {
        raw.withUnsafeBufferPointer { TextPosition.of(offset: offset, in: $0, from: TextPosition(line: line, column: 1)) }
    }
}

/// Why a CSV record is unreliable. Field indices are 0-based; offsets are byte offsets into `raw`.
public enum CSVProblem: Sendable, Hashable {
    /// The field's bytes are not UTF-8.
    case invalidUTF8(field: Int)
    /// A quoted field opened and the file ended, or the record outgrew the size limit, before it closed.
    /// The quarantined record is the first physical line; reading resumes on the next one.
    case unterminatedQuote(field: Int)
    /// Text follows a closing quote in the same field: `"abc"def`.
    case textAfterClosingQuote(field: Int, offset: Int)
    /// A line longer than the limit, without any quote to blame; the rest of that line is skipped.
    case tooLong(limit: Int)
}

/// Bounds of one field inside a record's bytes. `start` is where the field begins (its opening quote
/// when quoted); `end` is where its value ends (the closing quote when quoted). 32-bit offsets keep the
/// array small; records are capped far below 2 GiB.
struct FieldSpan: Sendable, Hashable {
    var start: Int32
    var end: Int32
    var quoted: Bool
    /// Quoted and containing doubled quotes, so the value needs unescaping.
    var escaped: Bool

    @inline(__always)
    var valueStart: Int { Int(start) + (quoted ? 1 : 0) }

    @inline(__always)
    var isEmpty: Bool { Int(end) <= valueStart }

    @inline(__always)
    func string(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let lo = valueStart, hi = Int(end)
        guard hi > lo else { return "" }
        if !escaped { return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self) }
        // `""` inside quotes stands for one `"`.
        var out: [UInt8] = []
        out.reserveCapacity(hi - lo)
        var i = lo
        while i < hi {
            let b = bytes[i]
            out.append(b)
            i += b == ASCII.quote && i + 1 < hi && bytes[i + 1] == ASCII.quote ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
