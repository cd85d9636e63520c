import HandoffIntake

/// Wraps a byte source and counts what it has read, so progress can say how far through a file an
/// import is without the parser knowing.
struct CountingSource<Inner: ByteSource>: ByteSource {
    var inner: Inner
    private(set) var bytesRead = 0

    init(_ inner: Inner) { self.inner = inner }

    var name: String { inner.name }

    mutating func read(into buffer: inout [UInt8], upTo count: Int) throws(IntakeError) -> Int {
        let n = try inner.read(into: &buffer, upTo: count)
        bytesRead += n
        return n
    }
}
