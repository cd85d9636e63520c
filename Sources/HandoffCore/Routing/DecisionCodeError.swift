/// Why a coded decision could not be read. Offsets count bytes from the start of the record.
public enum DecisionCodeError: Error, Hashable, CustomStringConvertible {
    case empty
    /// The first byte names a layout this build does not know (written by a newer one, or not a decision).
    case unknownFormat(UInt8)
    /// The record ends before what it describes does.
    case truncated(at: Int)
    /// A byte that should name a case or hold flags holds something else.
    case unknownTag(String, UInt8, at: Int)
    /// A varint longer than 64 bits.
    case overflow(at: Int)
    /// A count larger than the bytes left could hold.
    case countTooLarge(UInt64, at: Int)
    /// A back-reference to a string not written before it.
    case badReference(UInt64, at: Int)
    case invalidUTF8(at: Int)
    /// Bytes left over after the decision.
    case trailingBytes(Int)
    /// A format-2 record read without the words of its rulebook version: the store holds none, or none it can read.
    case noWords(rulebook: String)

    public var description: String { "unreadable stored decision: " + problem }

    /// What is wrong, without saying what was being read.
    public var problem: String {
        switch self {
        case .empty: "no bytes"
        case .unknownFormat(let b): "unknown format \(b)"
        case .truncated(let at): "cut short at byte \(at)"
        case .unknownTag(let what, let b, let at): "unknown \(what) \(b) at byte \(at)"
        case .overflow(let at): "number too large at byte \(at)"
        case .countTooLarge(let n, let at): "count \(n) at byte \(at) exceeds the bytes left"
        case .badReference(let n, let at): "reference to string \(n) at byte \(at), before it was written"
        case .invalidUTF8(let at): "text at byte \(at) is not UTF-8"
        case .trailingBytes(let n): "\(n) bytes after the end"
        case .noWords(let version): "the words of rulebook version \(version) it is coded with are missing from the store or unreadable"
        }
    }
}
