/// Where an import's bytes come from: a file, standard input, or memory.
///
/// Readers pull fixed-size chunks into one reused buffer, so a million-row file never sits in memory
/// whole and no per-chunk array is allocated.
public protocol ByteSource {
    /// The name quarantined records and errors carry: a file name as the caller gave it, or a label.
    var name: String { get }

    /// Appends up to `count` bytes to the end of `buffer` and returns how many it appended; 0 means the end.
    mutating func read(into buffer: inout [UInt8], upTo count: Int) throws(IntakeError) -> Int
}
