/// How to read an input file. The defaults suit CRM exports.
public struct ReadOptions: Sendable, Hashable {
    /// CSV only: the field separator byte, `,` by default; `;` or tab for some spreadsheet locales.
    public var delimiter: UInt8
    /// How much one read asks the source for. 1 MiB keeps system calls rare and memory flat.
    public var chunkSize: Int
    /// The longest record (CSV) or line (JSON Lines) kept whole. An unclosed quote would otherwise
    /// swallow the rest of the file; past this size the record's first line is quarantined and reading
    /// resumes on the next line.
    public var maxRecordBytes: Int

    public init(delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = 1 << 20, maxRecordBytes: Int = 4 << 20) {
        self.delimiter = delimiter
        // Bounds keep every offset inside a buffer within 32 bits (see `FieldSpan`).
        self.chunkSize = min(max(1, chunkSize), 1 << 28)
        self.maxRecordBytes = min(max(1, maxRecordBytes), 1 << 30)
    }
}
