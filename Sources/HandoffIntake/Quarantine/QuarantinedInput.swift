/// An input record set aside instead of imported, with where and why, and its bytes exactly as read,
/// so nothing a file holds is ever lost: it is either a lead or one of these.
public struct QuarantinedInput: Sendable, Hashable, CustomStringConvertible {
    /// The file name as the caller gave it.
    public var file: String
    /// Where the problem is: 1-based line and column (Unicode scalars) in the file.
    public var line: Int
    public var column: Int
    /// The line the record starts on (differs from `line` when quoted line breaks come first).
    public var recordLine: Int
    /// The header (CSV) or key (JSON Lines) at fault; nil when the record as a whole is.
    public var field: String?
    public var reason: QuarantineReason
    /// The record's bytes as in the file, without its line ending.
    public var raw: [UInt8]

    public init(file: String, line: Int, column: Int, recordLine: Int, field: String?, reason: QuarantineReason, raw: [UInt8]) {
        self.file = file
        self.line = line
        self.column = column
        self.recordLine = recordLine
        self.field = field
        self.reason = reason
        self.raw = raw
    }

    /// The raw bytes as text; bytes that are not UTF-8 show as U+FFFD (`raw` keeps them).
    public var rawText: String { String(decoding: raw, as: UTF8.self) }

    /// What is wrong, in a sentence.
    public var message: String { reason.message }

    /// Compiler style: `leads.csv:14:22: 'lots' in 'Number of Employees' is not a number`.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
