/// Reads CSV records one at a time from a byte source, holding only the current chunk in memory.
///
/// Skips a UTF-8 byte-order mark and blank lines (empty or only spaces), and tracks the physical line
/// each record starts on. Records with broken quoting or invalid UTF-8 still come out, carrying a
/// `problem`, so the caller can quarantine them with their raw bytes; only a failing source throws.
///
///     var reader = CSVReader(FileByteSource(path: "leads.csv"))
///     while let record = try reader.next() { ... }
public struct CSVReader<Source: ByteSource> {
    public private(set) var source: Source
    public let options: ReadOptions
    private let scanner: CSVScanner
    /// Unread input lives in `buffer[pos...]`; bytes before `pos` are dropped at the next refill.
    private var buffer: [UInt8] = []
    private var pos = 0
    private var atEOF = false
    private var line = 1
    private var checkedBOM = false
    /// Skipping the rest of a line that outgrew `maxRecordBytes`.
    private var discarding = false
    /// Reused between records for scanning; each record gets its own copy of the spans.
    private var spans: [FieldSpan] = []

    public init(_ source: Source, options: ReadOptions = ReadOptions()) {
        self.source = source
        self.options = options
        scanner = CSVScanner(delimiter: options.delimiter)
        buffer.reserveCapacity(options.chunkSize + 4096)
    }

    /// The source's name, for messages.
    public var name: String { source.name }

    /// The next record, or nil at the end of the input.
    public mutating func next() throws(IntakeError) -> CSVRecord? {
        while true {
            if !checkedBOM {
                if buffer.count - pos < 3, !atEOF { try refill(); continue }
                if buffer.count - pos >= 3, buffer[pos] == 0xEF, buffer[pos + 1] == 0xBB, buffer[pos + 2] == 0xBF { pos += 3 }
                checkedBOM = true
            }
            if discarding {
                if skipPastLineBreak() { discarding = false } else if atEOF { return nil } else { try refill() }
                continue
            }
            if !skipBlankLines() { try refill(); continue }
            if pos == buffer.count {
                if atEOF { return nil }
                try refill()
                continue
            }
            let outcome = buffer.withUnsafeBufferPointer { scanner.scan($0, from: pos, atEOF: atEOF, fields: &spans) }
            switch outcome {
            case .record(let end, let next, let lineBreaks, let problem):
                let record = makeRecord(end: end, problem: problem)
                line += lineBreaks
                pos = next
                return record
            case .needMore:
                if buffer.count - pos > options.maxRecordBytes { return quarantineFirstLine() }
                try refill()
            case .unterminated:
                return quarantineFirstLine()
            }
        }
    }

    /// Drops consumed bytes and appends the next chunk; sets `atEOF` when the source is done.
    private mutating func refill() throws(IntakeError) {
        if pos > 0 {
            buffer.removeSubrange(0..<pos)
            pos = 0
        }
        if try source.read(into: &buffer, upTo: options.chunkSize) == 0 { atEOF = true }
    }

    /// Skips empty and space-only lines. False when the buffer ended before it could tell.
    private mutating func skipBlankLines() -> Bool {
        let count = buffer.count
        let delimiter = options.delimiter
        return buffer.withUnsafeBufferPointer { buf in
            while pos < count {
                let b = buf[pos]
                if b == ASCII.lf {
                    pos += 1
                    line += 1
                } else if b == ASCII.cr {
                    if pos + 1 < count {
                        pos += buf[pos + 1] == ASCII.lf ? 2 : 1
                    } else if atEOF {
                        pos += 1
                    } else {
                        return false
                    }
                    line += 1
                } else if (b == ASCII.space || b == ASCII.tab) && b != delimiter {
                    var j = pos
                    while j < count, (buf[j] == ASCII.space || buf[j] == ASCII.tab) && buf[j] != delimiter { j += 1 }
                    if j == count {
                        if !atEOF { return false }
                        pos = j
                    } else if buf[j] == ASCII.lf || buf[j] == ASCII.cr {
                        pos = j
                    } else {
                        return true
                    }
                } else {
                    return true
                }
            }
            return atEOF
        }
    }

    /// Moves past the next line break; false (having dropped everything) when the buffer has none.
    private mutating func skipPastLineBreak() -> Bool {
        let count = buffer.count
        let found: Int? = buffer.withUnsafeBufferPointer { buf in
            var k = pos
            while k < count, buf[k] != ASCII.lf, buf[k] != ASCII.cr { k += 1 }
            guard k < count else { return nil }
            return buf[k] == ASCII.cr && k + 1 < count && buf[k + 1] == ASCII.lf ? k + 2 : k + 1
        }
        guard let found else { pos = count; return false }
        pos = found
        line += 1
        return true
    }

    private func makeRecord(end: Int, problem: CSVProblem?) -> CSVRecord {
        var problem = problem
        if problem == nil {
            problem = buffer.withUnsafeBufferPointer { buf -> CSVProblem? in
                guard UTF8Check.hasNonASCII(buf, pos, end) else { return nil }
                for (index, span) in spans.enumerated() {
                    let lo = pos + Int(span.start), hi = pos + Int(span.end)
                    if !UTF8Check.isValid(buf, lo, hi) { return .invalidUTF8(field: index) }
                }
                return nil
            }
        }
        return CSVRecord(line: line, raw: Array(buffer[pos..<end]), fields: spans, problem: problem)
    }

    /// A quote that never closes (by the end of input or within `maxRecordBytes`): quarantine the
    /// record's first physical line and carry on from the next, so one stray quote costs one line.
    private mutating func quarantineFirstLine() -> CSVRecord {
        let count = buffer.count
        var lineEnd = pos
        buffer.withUnsafeBufferPointer { buf in
            while lineEnd < count, buf[lineEnd] != ASCII.lf, buf[lineEnd] != ASCII.cr { lineEnd += 1 }
        }
        if lineEnd == count, !atEOF {
            // One line longer than the limit: keep the limit's worth, skip the rest of the line.
            let record = CSVRecord(line: line, raw: Array(buffer[pos..<(pos + options.maxRecordBytes)]), fields: [], problem: .tooLong(limit: options.maxRecordBytes))
            pos = count
            discarding = true
            return record
        }
        var lineSpans: [FieldSpan] = []
        let outcome = buffer.withUnsafeBufferPointer { buf in
            scanner.scan(UnsafeBufferPointer(rebasing: buf[pos..<lineEnd]), from: 0, atEOF: true, fields: &lineSpans)
        }
        var open = lineSpans.count
        if case .unterminated(let field, let fieldStart) = outcome {
            open = field
            // The open field runs to the end of the line.
            lineSpans.append(FieldSpan(start: Int32(fieldStart), end: Int32(lineEnd - pos), quoted: true, escaped: false))
        }
        let record = CSVRecord(line: line, raw: Array(buffer[pos..<lineEnd]), fields: lineSpans, problem: .unterminatedQuote(field: open))
        pos = lineEnd
        if lineEnd < count { _ = skipPastLineBreak() }
        return record
    }
}

// A reader can be handed to another task when its source can.
extension CSVReader: Sendable where Source: Sendable {}
