import Foundation

/// Bytes already in memory: request bodies, tests, small uploads.
///
/// `chunkLimit` caps how much one read hands over; tests set it tiny so records straddle chunk edges.
public struct MemoryByteSource: ByteSource, Sendable {
    public let name: String
    private let bytes: [UInt8]
    private let chunkLimit: Int
    private var offset = 0

    public init(_ bytes: [UInt8], name: String, chunkLimit: Int = .max) {
        self.bytes = bytes
        self.name = name
        self.chunkLimit = max(1, chunkLimit)
    }

    public init(_ text: String, name: String, chunkLimit: Int = .max) {
        self.init(Array(text.utf8), name: name, chunkLimit: chunkLimit)
    }

    public init(_ data: Data, name: String, chunkLimit: Int = .max) {
        self.init([UInt8](data), name: name, chunkLimit: chunkLimit)
    }

    public mutating func read(into buffer: inout [UInt8], upTo count: Int) throws(IntakeError) -> Int {
        let n = min(count, chunkLimit, bytes.count - offset)
        guard n > 0 else { return 0 }
        buffer.append(contentsOf: bytes[offset..<(offset + n)])
        offset += n
        return n
    }
}
