/// Finds one record's fields in a buffer, RFC 4180 style: fields split by the delimiter, optionally
/// quoted, `""` for a quote inside quotes, line breaks (LF, CRLF, lone CR) inside quotes kept.
///
/// It knows nothing of files or chunks: when the buffer ends before the record does, it says so and the
/// reader fetches more and scans the record again from its start (once per chunk, so cheap).
struct CSVScanner {
    let delimiter: UInt8

    enum Outcome {
        /// The record's bytes are `start..<end`; the next record may begin at `next`. `lineBreaks`
        /// counts the breaks inside quotes plus the record's own line ending.
        case record(end: Int, next: Int, lineBreaks: Int, problem: CSVProblem?)
        /// The buffer ends inside the record.
        case needMore
        /// At the end of input, field `field`, whose quote opened at `fieldStart` (relative), is still open.
        case unterminated(field: Int, fieldStart: Int)
    }

    /// Scans the record starting at `start`, filling `fields` with spans relative to `start`.
    func scan(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, atEOF: Bool, fields: inout [FieldSpan]) -> Outcome {
        let n = buf.count
        let delimiter = delimiter
        var i = start
        var breaks = 0
        var problem: CSVProblem?
        fields.removeAll(keepingCapacity: true)
        @inline(__always) func offset(_ x: Int) -> Int32 { Int32(truncatingIfNeeded: x - start) }

        while true {
            let fieldStart = i
            if i < n, buf[i] == ASCII.quote {
                i += 1
                var escaped = false
                while true {
                    while i < n {
                        let b = buf[i]
                        if b == ASCII.quote { break }
                        if b == ASCII.lf || (b == ASCII.cr && (i + 1 >= n || buf[i + 1] != ASCII.lf)) { breaks += 1 }
                        i += 1
                    }
                    if i >= n { return atEOF ? .unterminated(field: fields.count, fieldStart: fieldStart - start) : .needMore }
                    // At a quote: doubled means a literal quote, single means the field closes.
                    if i + 1 < n {
                        if buf[i + 1] == ASCII.quote { escaped = true; i += 2; continue }
                    } else if !atEOF {
                        return .needMore
                    }
                    break
                }
                fields.append(FieldSpan(start: offset(fieldStart), end: offset(i), quoted: true, escaped: escaped))
                i += 1
                if i < n, buf[i] != delimiter, buf[i] != ASCII.lf, buf[i] != ASCII.cr {
                    if problem == nil { problem = .textAfterClosingQuote(field: fields.count - 1, offset: i - start) }
                    while i < n, buf[i] != delimiter, buf[i] != ASCII.lf, buf[i] != ASCII.cr { i += 1 }
                    if i >= n, !atEOF { return .needMore }
                }
            } else {
                while i < n {
                    let b = buf[i]
                    if b == delimiter || b == ASCII.lf || b == ASCII.cr { break }
                    i += 1
                }
                if i >= n, !atEOF { return .needMore }
                fields.append(FieldSpan(start: offset(fieldStart), end: offset(i), quoted: false, escaped: false))
            }
            // At a delimiter, a line ending, or the end of input.
            if i >= n { return .record(end: i, next: i, lineBreaks: breaks, problem: problem) }
            let b = buf[i]
            if b == delimiter { i += 1; continue }
            let end = i
            if b == ASCII.cr {
                if i + 1 < n {
                    i += buf[i + 1] == ASCII.lf ? 2 : 1
                } else if atEOF {
                    i += 1
                } else {
                    return .needMore
                }
            } else {
                i += 1
            }
            return .record(end: end, next: i, lineBreaks: breaks + 1, problem: problem)
        }
    }
}
