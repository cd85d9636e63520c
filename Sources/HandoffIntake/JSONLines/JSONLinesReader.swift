#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON Lines file one line at a time, holding only the current chunk in memory.
///
/// Each non-blank line is parsed as one JSON object; a line that is not one comes out with a `problem`
/// (the parser's reason and position) so it can be quarantined. LF ends a line; a CR before it is
/// dropped; a UTF-8 byte-order mark at the start is skipped. Only a failing source throws.
public struct JSONLinesReader<Source: ByteSource> {
    public private(set) var source: Source
    public let options: ReadOptions
    private var buffer: [UInt8] = []
    private var pos = 0
    private var atEOF = false
    private var line = 1
    private var checkedBOM = false
    private var discarding = false

    /// `options.delimiter` is not used; the chunk size and the line length limit are.
    public init(_ source: Source, options: ReadOptions = ReadOptions()) {
        self.source = source
        self.options = options
        buffer.reserveCapacity(options.chunkSize + 4096)
    }

    public var name: String { source.name }

    public mutating func next() throws(IntakeError) -> JSONLine? {
        while true {
            if !checkedBOM {
                if buffer.count - pos < 3, !atEOF { try refill(); continue }
                if buffer.count - pos >= 3, buffer[pos] == 0xEF, buffer[pos + 1] == 0xBB, buffer[pos + 2] == 0xBF { pos += 3 }
                checkedBOM = true
            }
            guard let lineEnd = findLineFeed() else {
                if discarding {
                    pos = buffer.count
                    if atEOF { return nil }
                    try refill()
                    continue
                }
                if atEOF {
                    if pos == buffer.count { return nil }
                    if let record = take(upTo: buffer.count, next: buffer.count) { return record }
                    continue
                }
                if buffer.count - pos > options.maxRecordBytes {
                    // Keep the limit's worth as the quarantined text; skip the rest of the line.
                    let record = JSONLine(line: line, raw: Array(buffer[pos..<(pos + options.maxRecordBytes)]), members: [],
                                          problem: JSONProblem(message: "the line is longer than \(options.maxRecordBytes) bytes", offset: 0,
                                                               lengthLimit: options.maxRecordBytes))
                    pos = buffer.count
                    discarding = true
                    return record
                }
                try refill()
                continue
            }
            if discarding {
                discarding = false
                pos = lineEnd + 1
                line += 1
                continue
            }
            if let record = take(upTo: lineEnd, next: lineEnd + 1) { return record }
        }
    }

    /// The line `pos..<end` (a CR before the LF dropped), or nil when it is blank; moves past it.
    private mutating func take(upTo end: Int, next: Int) -> JSONLine? {
        defer {
            pos = next
            line += 1
        }
        var hi = end
        if hi > pos, buffer[hi - 1] == ASCII.cr { hi -= 1 }
        let blank = buffer[pos..<hi].allSatisfy { $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.cr }
        if blank { return nil }
        let raw = Array(buffer[pos..<hi])
        let parsed = raw.withUnsafeBufferPointer { JSONObjectParser.parse($0) }
        switch parsed {
        case .success(let members): return JSONLine(line: line, raw: raw, members: members, problem: nil)
        case .failure(let problem): return JSONLine(line: line, raw: raw, members: [], problem: problem)
        }
    }

    /// `memchr`: the C library's search reads many bytes a step.
    private func findLineFeed() -> Int? {
        buffer.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress, pos < buf.count,
                  let hit = memchr(base + pos, Int32(ASCII.lf), buf.count - pos) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    private mutating func refill() throws(IntakeError) {
        if pos > 0 {
            buffer.removeSubrange(0..<pos)
            pos = 0
        }
        if try source.read(into: &buffer, upTo: options.chunkSize) == 0 { atEOF = true }
    }
}

extension JSONLinesReader: Sendable where Source: Sendable {}
